namespace Coffer.Bench.Crypto;

/// <summary>A seekable read-only stream of a given length that repeats one buffer: a large plaintext without memory or disk.</summary>
internal sealed class RepeatingStream(byte[] pattern, long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && Position < length)
        {
            var within = (int)(Position % pattern.Length);
            var count = (int)Math.Min(Math.Min(buffer.Length - total, pattern.Length - within), length - Position);
            pattern.AsSpan(within, count).CopyTo(buffer[total..]);
            total += count;
            Position += count;
        }

        return total;
    }

    // Completes synchronously, like a MemoryStream: the sealer gets no free overlap from the source.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
