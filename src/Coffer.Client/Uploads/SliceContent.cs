using System.Buffers;
using System.Net;
using Coffer.Crypto.Streams;

namespace Coffer.Client.Uploads;

/// <summary>
/// An HTTP body streaming bytes [start, start + length) of a sealed stream, one segment at a time through one buffer.
/// Reads end on segment boundaries, so each one is a whole segment that the sealing stream encrypts straight into the
/// send buffer (no staging copy), and they are synchronous: the file read, the AES-GCM and the hashes run on the sending thread
/// instead of a thread-pool hop per read.
/// </summary>
internal sealed class SliceContent(Stream source, long start, long length, int segmentSize, Action<long>? sent) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // One buffer, reused at once: each segment is read, sealed, hashed and sent while it is in the CPU cache. With two
        // alternating buffers (sealing the next segment while the last one was sent) the file read's copy into them cost
        // several times more kernel time in a profile of `coffer put`.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(segmentSize, SealedStreamFormat.HeaderLength));
        try
        {
            source.Position = start;
            long done = 0;
            while (done < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Read(buffer, start + done, length - done);
                if (count == 0)
                    throw new IOException("The source ended before the chunk was complete.");
                await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                done += count;
                sent?.Invoke(done);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }

    /// <summary>The offset of the first segment boundary after <paramref name="position"/> (the header ends at the first one).</summary>
    internal static long NextBoundary(long position, int segmentSize) =>
        position < SealedStreamFormat.HeaderLength
            ? SealedStreamFormat.HeaderLength
            : SealedStreamFormat.HeaderLength + (((position - SealedStreamFormat.HeaderLength) / segmentSize) + 1) * segmentSize;

    private int Read(byte[] buffer, long position, long remaining)
    {
        var want = (int)Math.Min(Math.Min(buffer.Length, remaining), NextBoundary(position, segmentSize) - position);
        return source.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
    }
}
