using System.Buffers;
using System.Net;

namespace Coffer.Client.Uploads;

/// <summary>An HTTP body streaming bytes [start, start + length) of a seekable stream, reading the next buffer while the last one is sent.</summary>
internal sealed class SliceContent(Stream source, long start, long length, Action<long>? sent) : HttpContent
{
    private const int BufferSize = 1024 * 1024;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BufferSize), ArrayPool<byte>.Shared.Rent(BufferSize)];
        try
        {
            source.Position = start;
            long done = 0;
            var current = 0;
            var count = await ReadAsync(buffers[current], length - done, cancellationToken);
            while (count > 0)
            {
                var write = stream.WriteAsync(buffers[current].AsMemory(0, count), cancellationToken).AsTask();
                done += count;
                var next = 1 - current;
                var nextCount = done < length ? await ReadAsync(buffers[next], length - done, cancellationToken) : 0;
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

    private async Task<int> ReadAsync(byte[] buffer, long remaining, CancellationToken cancellationToken)
    {
        var want = (int)Math.Min(BufferSize, remaining);
        return await source.ReadAtLeastAsync(buffer.AsMemory(0, want), want, throwOnEndOfStream: false, cancellationToken);
    }
}
