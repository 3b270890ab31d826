using Coffer.Server.Infrastructure.Blobs;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Uploads;

/// <summary>Whether a looked-up upload can be used.</summary>
internal enum UploadLookup
{
    Found,
    NotFound,
    Expired,
}

/// <summary>Uploads as seen by owners: lookup with ownership, creation, termination, progress and the two-phase claim.</summary>
internal sealed class UploadStore(
    UploadStaging staging,
    UploadLocks locks,
    UploadHashes hashes,
    IBlobStore blobs,
    IOptions<UploadsOptions> options,
    TimeProvider time) : IUploadStore
{
    /// <summary>How long a request waits for another request on the same upload (an aborted PATCH finishing its last write).</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public UploadsOptions Options => options.Value;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<UploadInfo> CreateAsync(string ownerKey, long length, string? rawMetadata, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var id = BlobId.New();
        var now = Now;
        var info = new UploadInfo
        {
            Id = id.Value,
            OwnerKey = ownerKey,
            Length = length,
            RawMetadata = string.IsNullOrEmpty(rawMetadata) ? null : rawMetadata,
            Metadata = metadata,
            CreatedAt = now,
            ExpiresAt = now + Options.Expiry,
        };
        await staging.CreateAsync(id, info, cancellationToken);
        return info;
    }

    /// <summary>Finds an upload of <paramref name="ownerKey"/>; malformed ids are refused here, before any path is built.</summary>
    public async Task<(UploadLookup Status, BlobId Id, UploadInfo? Info)> FindAsync(string? uploadId, string ownerKey, CancellationToken cancellationToken)
    {
        if (!BlobId.TryParse(uploadId, out var id))
        {
            return (UploadLookup.NotFound, default, null);
        }
        var info = await staging.ReadInfoAsync(id, cancellationToken);
        if (info is null || !string.Equals(info.OwnerKey, ownerKey, StringComparison.Ordinal))
        {
            return (UploadLookup.NotFound, id, null);
        }
        // A claimed upload is being committed; its expiry no longer applies.
        if (info.ReservedAt is null && Now >= info.ExpiresAt)
        {
            return (UploadLookup.Expired, id, info);
        }
        return (UploadLookup.Found, id, info);
    }

    /// <summary>Bytes received so far: the data file's length, or all of them once the bytes moved to the blob store.</summary>
    public long OffsetOf(BlobId id, UploadInfo info) => info.BlobId is not null ? info.Length : staging.DataLength(id) ?? 0;

    public Task<IDisposable?> LockAsync(BlobId id, CancellationToken cancellationToken) =>
        locks.TryAcquireAsync(id, LockWait, cancellationToken);

    public Task SaveAsync(BlobId id, UploadInfo info, CancellationToken cancellationToken) =>
        staging.WriteInfoAsync(id, info, cancellationToken);

    /// <summary>Deletes an upload's bytes and state (caller holds the lock); a blob it already moved is deleted unless committed data references it.</summary>
    public async Task RemoveAsync(BlobId id, UploadInfo info, IBlobReferenceChecker? checker, CancellationToken cancellationToken)
    {
        if (info.BlobId is not null && BlobId.TryParse(info.BlobId, out var blobId)
            && (checker is null || !await checker.IsReferencedAsync(blobId, cancellationToken)))
        {
            await blobs.DeleteAsync(blobId, cancellationToken);
        }
        staging.Delete(id);
        hashes.Forget(id);
        locks.Forget(id);
    }

    public async Task<UploadProgress?> GetProgressAsync(string uploadId, string ownerKey, CancellationToken cancellationToken)
    {
        var (status, id, info) = await FindAsync(uploadId, ownerKey, cancellationToken);
        return status == UploadLookup.Found && info is not null
            ? new UploadProgress(info.Id, OffsetOf(id, info), info.Length, info.ExpiresAt, info.Metadata)
            : null;
    }

    public async Task<UploadClaimResult> TryClaimAsync(string uploadId, string ownerKey, CancellationToken cancellationToken)
    {
        var (status, id, _) = await FindAsync(uploadId, ownerKey, cancellationToken);
        if (status != UploadLookup.Found)
        {
            return UploadClaimResult.Of(status == UploadLookup.Expired ? UploadClaimStatus.Expired : UploadClaimStatus.NotFound);
        }
        using var lease = await LockAsync(id, cancellationToken);
        if (lease is null)
        {
            // A PATCH is still writing.
            return UploadClaimResult.Of(UploadClaimStatus.Incomplete);
        }
        var (statusNow, _, info) = await FindAsync(uploadId, ownerKey, cancellationToken);
        if (statusNow != UploadLookup.Found || info is null)
        {
            return UploadClaimResult.Of(statusNow == UploadLookup.Expired ? UploadClaimStatus.Expired : UploadClaimStatus.NotFound);
        }
        if (info.ReservedAt is not null)
        {
            return UploadClaimResult.Of(UploadClaimStatus.AlreadyClaimed);
        }

        BlobId blobId;
        if (info.BlobId is null)
        {
            if (staging.DataLength(id) != info.Length)
            {
                return UploadClaimResult.Of(UploadClaimStatus.Incomplete);
            }
            var sha = info.Sha256 ?? Convert.ToHexStringLower((await hashes.GetAsync(id, staging.DataPath(id), info.Length, cancellationToken)).Current());
            blobId = BlobId.New();
            info = info with { Sha256 = sha, BlobId = blobId.Value, ReservedAt = Now };
        }
        else
        {
            blobId = BlobId.Parse(info.BlobId);
            info = info with { ReservedAt = Now };
        }
        // Intent first, then the move: after a crash the state names the blob, and the next claim finishes the move.
        await staging.WriteInfoAsync(id, info, cancellationToken);
        await EnsureInBlobStoreAsync(id, blobId, cancellationToken);
        hashes.Forget(id);
        return new UploadClaimResult(
            UploadClaimStatus.Claimed,
            new CompletedUpload(info.Id, info.OwnerKey, blobId, info.Length, Convert.FromHexString(info.Sha256!), info.Metadata));
    }

    public async Task ConfirmClaimAsync(CompletedUpload claim, CancellationToken cancellationToken)
    {
        var id = BlobId.Parse(claim.UploadId);
        using var lease = await LockAsync(id, cancellationToken) ?? throw new TimeoutException("Upload is busy.");
        var info = await staging.ReadInfoAsync(id, cancellationToken);
        if (info?.BlobId == claim.BlobId.Value && info.ReservedAt is not null)
        {
            staging.Delete(id);
            locks.Forget(id);
        }
    }

    public async Task ReleaseClaimAsync(CompletedUpload claim, CancellationToken cancellationToken)
    {
        var id = BlobId.Parse(claim.UploadId);
        using var lease = await LockAsync(id, cancellationToken) ?? throw new TimeoutException("Upload is busy.");
        var info = await staging.ReadInfoAsync(id, cancellationToken);
        if (info?.BlobId == claim.BlobId.Value && info.ReservedAt is not null)
        {
            await staging.WriteInfoAsync(id, info with { ReservedAt = null }, cancellationToken);
        }
    }

    private async Task EnsureInBlobStoreAsync(BlobId id, BlobId blobId, CancellationToken cancellationToken)
    {
        if (staging.DataLength(id) is not null && !await blobs.ExistsAsync(blobId, cancellationToken))
        {
            await blobs.ImportFileAsync(blobId, staging.DataPath(id), cancellationToken);
        }
    }
}
