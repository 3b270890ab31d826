namespace Coffer.Crypto.Tests.Support;

/// <summary>A seekable stream of any length whose byte at position p is computed, so 5 GiB offsets can be tested without 5 GiB of memory.</summary>
internal sealed class VirtualPlaintextStream(long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public static byte ByteAt(long position) => (byte)((position * 31) + (position >> 20) + 7);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Max(0, Math.Min(buffer.Length, length - Position));
        for (var i = 0; i < count; i++)
            buffer[i] = ByteAt(Position + i);
        Position += count;
        return count;
    }

    // Completes synchronously, like a MemoryStream (the base class would hop to the thread pool).
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
