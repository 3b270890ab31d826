using System.Buffers;
using System.IO.Pipelines;
using Coffer.Server.Infrastructure.Blobs;
using Microsoft.Win32.SafeHandles;

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

/// <summary>
/// Streams a PATCH body to the end of an upload's data file while hashing it, on the request's own thread: each piece of the
/// body is hashed as it is taken from the request pipe (still in the CPU cache the socket receive put it in), copied into one
/// 256 KiB buffer, and the buffer is written with a plain <c>pwrite</c> when full. No thread-pool hand-off per write or hash.
/// </summary>
/// <remarks>
/// Memory per PATCH is the one buffer; the request pipe holds what the socket received ahead (Kestrel bounds it). Every byte
/// taken from the pipe is written before the method returns, also when the client goes away mid-body, so HEAD's offset (the
/// data file's length) counts everything received. A background fsync every 32 MiB keeps the completing fsync short.
/// </remarks>
internal sealed class UploadAppender(UploadStaging staging, UploadHashes hashes)
{
    /// <summary>Bytes per file write: large enough that syscalls are rare, small enough to stay in the CPU cache between the hash, the copy and the write.</summary>
    private const int BufferSize = 256 << 10;

    /// <summary>How many bytes may pile up unflushed before a background fsync starts, so the final one is short.</summary>
    private const long FlushEvery = 32L << 20;

    /// <summary>Appends at <paramref name="offset"/> (the current data length) at most <paramref name="length"/> − offset bytes; the caller holds the upload's lock.</summary>
    public async Task<AppendResult> AppendAsync(BlobId id, long offset, long length, PipeReader body, CancellationToken requestAborted)
    {
        var path = staging.DataPath(id);
        var remaining = length - offset;
        var hash = await hashes.GetAsync(id, path, offset, CancellationToken.None);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var filled = 0;
        long written = 0;
        var interrupted = false;
        var overflow = false;
        var flushing = Task.CompletedTask;
        long flushedUpTo = 0;
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await body.ReadAsync(requestAborted);
                }
                catch (Exception e) when (IsClientGone(e))
                {
                    interrupted = true;
                    break;
                }
                var received = read.Buffer;
                var wanted = remaining - written - filled;
                if (received.Length > wanted)
                {
                    // A byte past the declared length: refuse the whole PATCH (checked before anything of this read is kept).
                    overflow = true;
                    body.AdvanceTo(received.Start, received.End);
                    break;
                }
                foreach (var piece in received)
                {
                    var span = piece.Span;
                    while (span.Length > 0)
                    {
                        var take = Math.Min(span.Length, BufferSize - filled);
                        var part = span[..take];
                        hash.Append(part);
                        part.CopyTo(buffer.AsSpan(filled));
                        filled += take;
                        span = span[take..];
                        if (filled == BufferSize)
                        {
                            Write(file, buffer, ref filled, offset, ref written);
                        }
                    }
                }
                body.AdvanceTo(received.End);
                if (written - flushedUpTo >= FlushEvery && flushing.IsCompleted)
                {
                    // Writeback overlaps the network instead of all happening in the completing fsync.
                    await flushing;
                    flushedUpTo = written;
                    flushing = Task.Run(() => RandomAccess.FlushToDisk(file), CancellationToken.None);
                }
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
            }
            if (overflow)
            {
                await flushing;
                RandomAccess.SetLength(file, offset);
                hashes.Forget(id);
                return new AppendResult(AppendOutcome.Overflow, offset, null);
            }
            // Bytes already received are written even when the client is gone: tus acknowledges them via HEAD.
            Write(file, buffer, ref filled, offset, ref written);
            await flushing;
            if (written == remaining)
            {
                // Durable before the upload can be reported complete and committed.
                RandomAccess.FlushToDisk(file);
                var sha = hash.Current();
                hashes.Forget(id);
                return new AppendResult(AppendOutcome.Completed, length, sha);
            }
            return new AppendResult(interrupted ? AppendOutcome.Interrupted : AppendOutcome.Partial, offset + written, null);
        }
        catch
        {
            // A failed write leaves the hash ahead of the file; rebuild it from disk next time.
            await flushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            hashes.Forget(id);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True when the body holds a byte beyond the declared length; consumes at most what one read returns.</summary>
    public static async Task<bool> HasMoreAsync(PipeReader body, CancellationToken requestAborted)
    {
        try
        {
            while (true)
            {
                var read = await body.ReadAsync(requestAborted);
                var more = !read.Buffer.IsEmpty;
                body.AdvanceTo(read.Buffer.End);
                if (more || read.IsCompleted || read.IsCanceled)
                {
                    return more;
                }
            }
        }
        catch (Exception e) when (IsClientGone(e))
        {
            return false;
        }
    }

    private static void Write(SafeFileHandle file, byte[] buffer, ref int filled, long offset, ref long written)
    {
        if (filled == 0)
        {
            return;
        }
        RandomAccess.Write(file, buffer.AsSpan(0, filled), offset + written);
        written += filled;
        filled = 0;
    }

    private static bool IsClientGone(Exception e) =>
        e is IOException or OperationCanceledException or BadHttpRequestException;
}
