using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Uploads;

/// <summary>A finished upload whose bytes now live in the blob store, reserved for one commit.</summary>
public sealed record CompletedUpload(
    string UploadId,
    string OwnerKey,
    BlobId BlobId,
    long CiphertextLength,
    byte[] Sha256,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>Why a claim did or did not succeed, so callers answer 404 or 409 with the right problem.</summary>
public enum UploadClaimStatus
{
    Claimed,
    /// <summary>No such upload for this owner (including another owner's id or a malformed id).</summary>
    NotFound,
    /// <summary>The upload expired before it was claimed.</summary>
    Expired,
    /// <summary>Not all declared bytes have arrived yet.</summary>
    Incomplete,
    /// <summary>Someone claimed it already (a commit is in flight or done).</summary>
    AlreadyClaimed,
}

/// <summary>The outcome of <see cref="IUploadStore.TryClaimAsync"/>; <see cref="Upload"/> is set only when <see cref="Status"/> is <see cref="UploadClaimStatus.Claimed"/>.</summary>
public sealed record UploadClaimResult(UploadClaimStatus Status, CompletedUpload? Upload)
{
    public static UploadClaimResult Of(UploadClaimStatus status) => new(status, null);
}

/// <summary>How far an upload has come.</summary>
public sealed record UploadProgress(
    string UploadId,
    long Offset,
    long Length,
    DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, string> Metadata)
{
    public bool IsComplete => Offset == Length;
}
