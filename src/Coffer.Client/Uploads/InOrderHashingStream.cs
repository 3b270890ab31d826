using System.Security.Cryptography;

namespace Coffer.Client.Uploads;

/// <summary>
/// A pass-through view of a seekable stream that hashes every byte exactly once, in order, however often or wherever it is
/// read again (a retried chunk, a re-read segment): only bytes at the hashed frontier extend the hash.
/// </summary>
public sealed class InOrderHashingStream(Stream inner, bool leaveOpen = false) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>How many leading bytes the hash covers.</summary>
    public long HashedLength { get; private set; }

    /// <summary>True when a read skipped past the frontier: the hash can no longer cover every byte.</summary>
    public bool HasGap { get; private set; }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    /// <summary>The hex SHA-256 of the first <see cref="HashedLength"/> bytes (the hash may still grow).</summary>
    public string CurrentHex() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = inner.Position;
        var read = inner.Read(buffer);
        Observe(start, buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = inner.Position;
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(start, buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            if (!leaveOpen)
                inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Observe(long start, ReadOnlySpan<byte> bytes)
    {
        var end = start + bytes.Length;
        if (start > HashedLength)
        {
            if (bytes.Length > 0)
                HasGap = true;
            return;
        }

        if (end <= HashedLength)
            return;
        hash.AppendData(bytes[(int)(HashedLength - start)..]);
        HashedLength = end;
    }
}
