using Coffer.Server.Infrastructure.Blobs;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Uploads;

/// <summary>Removes expired uploads and their bytes, stateless leftovers, and settles claims a crash left unconfirmed.</summary>
internal sealed partial class UploadSweeper(
    UploadStaging staging,
    UploadStore store,
    IServiceScopeFactory scopes,
    IOptions<UploadsOptions> options,
    TimeProvider time,
    ILogger<UploadSweeper> logger)
{
    /// <summary>One pass; returns how many uploads were removed. Busy uploads are skipped until the next pass.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var checker = scope.ServiceProvider.GetService<IBlobReferenceChecker>();
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var id in staging.EnumerateIds())
        {
            using var lease = await store.LockAsync(id, cancellationToken);
            if (lease is null)
            {
                continue;
            }
            var info = await staging.ReadInfoAsync(id, cancellationToken);
            if (info is null)
            {
                staging.DeleteLeftovers(id);
                continue;
            }
            if (info.ReservedAt is { } reservedAt)
            {
                if (now - reservedAt >= options.Value.ClaimGrace)
                {
                    await SettleReservationAsync(id, info, checker, cancellationToken);
                }
                continue;
            }
            if (now >= info.ExpiresAt)
            {
                await store.RemoveAsync(id, info, checker, cancellationToken);
                removed++;
                LogExpired(logger, id.Value);
            }
        }
        return removed;
    }

    private async Task SettleReservationAsync(BlobId id, UploadInfo info, IBlobReferenceChecker? checker, CancellationToken cancellationToken)
    {
        var blobId = BlobId.Parse(info.BlobId!);
        if (checker is null)
        {
            // Without a way to ask the database, never delete bytes a version may point at.
            LogUnsettled(logger, id.Value, blobId.Value);
            staging.Delete(id);
            return;
        }
        if (await checker.IsReferencedAsync(blobId, cancellationToken))
        {
            staging.Delete(id);
            return;
        }
        // The commit never happened: let the owner retry until the upload expires normally.
        await staging.WriteInfoAsync(id, info with { ReservedAt = null }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed expired upload {UploadId}")]
    private static partial void LogExpired(ILogger logger, string uploadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId} was claimed but never confirmed; blob {BlobId} is kept and may be orphaned (no IBlobReferenceChecker registered)")]
    private static partial void LogUnsettled(ILogger logger, string uploadId, string blobId);
}
