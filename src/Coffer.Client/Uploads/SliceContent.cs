using System.Buffers;
using System.Net;
using Coffer.Crypto.Streams;

namespace Coffer.Client.Uploads;

/// <summary>
/// An HTTP body streaming bytes [start, start + length) of a sealed stream, reading (sealing) the next segment while the last one
/// is sent. Reads end on segment boundaries, so each one is a whole segment that the sealing stream encrypts straight into the
/// send buffer (no staging copy), and they are synchronous: the file read, the AES-GCM and the hashes run on the sending thread
/// instead of a thread-pool hop per read.
/// </summary>
internal sealed class SliceContent(Stream source, long start, long length, int segmentSize, Action<long>? sent) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var bufferSize = Math.Max(segmentSize, SealedStreamFormat.HeaderLength);
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(bufferSize), ArrayPool<byte>.Shared.Rent(bufferSize)];
        try
        {
            source.Position = start;
            long done = 0;
            var current = 0;
            var count = Read(buffers[current], start + done, length - done);
            while (count > 0)
            {
                var write = stream.WriteAsync(buffers[current].AsMemory(0, count), cancellationToken).AsTask();
                done += count;
                var next = 1 - current;
                cancellationToken.ThrowIfCancellationRequested();
                var nextCount = done < length ? Read(buffers[next], start + done, length - done) : 0;
                await write;
                sent?.Invoke(done);
                current = next;
                count = nextCount;
            }

            if (done != length)
                throw new IOException("The source ended before the chunk was complete.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
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
