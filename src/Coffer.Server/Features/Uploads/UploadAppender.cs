using System.Buffers;
using Coffer.Server.Infrastructure.Blobs;

namespace Coffer.Server.Features.Uploads;

/// <summary>How a PATCH body ended.</summary>
internal enum AppendOutcome
{
    /// <summary>The body ended before the declared length: a normal partial chunk.</summary>
    Partial,
    /// <summary>The last declared byte arrived.</summary>
    Completed,
    /// <summary>The client went away mid-body; everything received was kept.</summary>
    Interrupted,
    /// <summary>The body went past the declared length; none of this PATCH's bytes were kept.</summary>
    Overflow,
}

/// <summary>The result of one PATCH: its outcome, the new offset and, when complete, the SHA-256 of the whole upload.</summary>
internal sealed record AppendResult(AppendOutcome Outcome, long Offset, byte[]? Sha256);

/// <summary>Streams a PATCH body to the end of an upload's data file while hashing it; never holds more than two 1 MiB buffers.</summary>
internal sealed class UploadAppender(UploadStaging staging, UploadHashes hashes)
{
    private const int BufferSize = 1 << 20;

    /// <summary>How many bytes may pile up unflushed before a background fsync starts, so the final one is short.</summary>
    private const long FlushEvery = 32L << 20;

    /// <summary>Appends at <paramref name="offset"/> (the current data length) at most <paramref name="length"/> − offset bytes; the caller holds the upload's lock.</summary>
    public async Task<AppendResult> AppendAsync(BlobId id, long offset, long length, Stream body, CancellationToken requestAborted)
    {
        var path = staging.DataPath(id);
        var remaining = length - offset;
        var hash = await hashes.GetAsync(id, path, offset, CancellationToken.None);
        var buffers = new[] { ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize) };
        long received = 0;
        var interrupted = false;
        var pending = Task.CompletedTask;
        var flushing = Task.CompletedTask;
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous);
            // Reading the next buffer overlaps writing and hashing the previous one; each buffer is hashed only after
            // the one before it, so the running hash sees the bytes in order.
            var current = 0;
            long flushedUpTo = 0;
            while (received < remaining && !interrupted)
            {
                var buffer = buffers[current];
                var want = (int)Math.Min(BufferSize, remaining - received);
                var filled = 0;
                try
                {
                    int read;
                    while (filled < want && (read = await body.ReadAsync(buffer.AsMemory(filled, want - filled), requestAborted)) > 0)
                    {
                        filled += read;
                    }
                }
                catch (Exception e) when (IsClientGone(e))
                {
                    interrupted = true;
                }
                if (filled > 0)
                {
                    await pending;
                    // Bytes already received are written even when the client is gone: tus acknowledges them via HEAD.
                    var write = RandomAccess.WriteAsync(file, buffer.AsMemory(0, filled), offset + received, CancellationToken.None).AsTask();
                    var hashed = filled;
                    var hashing = Task.Run(() => hash.Append(buffer.AsSpan(0, hashed)), CancellationToken.None);
                    pending = Task.WhenAll(write, hashing);
                    received += filled;
                    current ^= 1;
                    if (received - flushedUpTo >= FlushEvery && flushing.IsCompleted)
                    {
                        // Writeback overlaps the network instead of all happening in the completing fsync.
                        await flushing;
                        flushedUpTo = received;
                        flushing = Task.Run(() => RandomAccess.FlushToDisk(file), CancellationToken.None);
                    }
                }
                if (filled < want)
                {
                    break;
                }
            }
            await pending;
            await flushing;

            if (received == remaining && !interrupted && await HasMoreAsync(body, requestAborted))
            {
                RandomAccess.SetLength(file, offset);
                hashes.Forget(id);
                return new AppendResult(AppendOutcome.Overflow, offset, null);
            }
            if (received == remaining)
            {
                // Durable before the upload can be reported complete and committed.
                RandomAccess.FlushToDisk(file);
                var sha = hash.Current();
                hashes.Forget(id);
                return new AppendResult(AppendOutcome.Completed, length, sha);
            }
            return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Partial, offset + received, null);
        }
        catch
        {
            // A failed write leaves the hash ahead of the file; rebuild it from disk next time.
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await flushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            hashes.Forget(id);
            throw;
        }
        finally
        {
            // Never hand a buffer back to the pool while a write or hash may still read it.
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    /// <summary>True when the body holds a byte beyond the declared length; reads at most one byte.</summary>
    public static async Task<bool> HasMoreAsync(Stream body, CancellationToken requestAborted)
    {
        var probe = new byte[1];
        try
        {
            return await body.ReadAsync(probe, requestAborted) > 0;
        }
        catch (Exception e) when (IsClientGone(e))
        {
            return false;
        }
    }

    private static bool IsClientGone(Exception e) =>
        e is IOException or OperationCanceledException or BadHttpRequestException;
}
