namespace Coffer.Server.Features.Uploads;

/// <summary>What committing code needs from uploads: progress, and a two-phase claim (reserve, then confirm or release) that hands a complete upload's bytes to the blob store.</summary>
/// <remarks>
/// Use: <c>TryClaimAsync</c> → insert the version row in a transaction that stores <see cref="CompletedUpload.BlobId"/> →
/// on commit <c>ConfirmClaimAsync</c>, on failure <c>ReleaseClaimAsync</c> (the client may retry the commit).
/// A crash between claim and confirm leaves a reservation that the sweeper settles after <c>Uploads:ClaimGrace</c>
/// with <see cref="Infrastructure.Blobs.IBlobReferenceChecker"/>.
/// </remarks>
public interface IUploadStore
{
    /// <summary>Null when the id is malformed, unknown, expired or another owner's.</summary>
    Task<UploadProgress?> GetProgressAsync(string uploadId, string ownerKey, CancellationToken cancellationToken);

    /// <summary>Succeeds only for a complete, unclaimed upload of <paramref name="ownerKey"/>; its bytes are moved into the blob store atomically.</summary>
    Task<UploadClaimResult> TryClaimAsync(string uploadId, string ownerKey, CancellationToken cancellationToken);

    /// <summary>The caller's transaction committed: forget the upload; the blob now belongs to the version.</summary>
    Task ConfirmClaimAsync(CompletedUpload claim, CancellationToken cancellationToken);

    /// <summary>The caller's transaction failed: the upload becomes claimable again until it expires (its bytes stay in the blob store).</summary>
    Task ReleaseClaimAsync(CompletedUpload claim, CancellationToken cancellationToken);
}
