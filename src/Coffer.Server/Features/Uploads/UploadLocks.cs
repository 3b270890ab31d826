using System.Collections.Concurrent;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Uploads;

/// <summary>One writer at a time per upload (PATCH, HEAD, claim, delete, sweep), within this process.</summary>
internal sealed class UploadLocks
{
    private readonly ConcurrentDictionary<BlobId, SemaphoreSlim> locks = new();

    /// <summary>Null when the upload stayed busy for <paramref name="wait"/>.</summary>
    public async Task<IDisposable?> TryAcquireAsync(BlobId id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var semaphore = locks.GetOrAdd(id, static _ => new SemaphoreSlim(1, 1));
        return await semaphore.WaitAsync(wait, cancellationToken) ? new Lease(semaphore) : null;
    }

    /// <summary>Drops the lock object of a deleted upload; late waiters find no state and answer 404.</summary>
    public void Forget(BlobId id) => locks.TryRemove(id, out _);

    private sealed class Lease(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
