using System.Buffers;

namespace Coffer.Crypto.Streams;

/// <summary>A read-only, seekable view of the sealed stream of a seekable plaintext stream, producing any ciphertext range on demand.</summary>
public sealed class SealingReadStream : Stream
{
    private readonly Stream plaintext;
    private readonly bool leaveOpen;
    private readonly SegmentCipher cipher;
    private readonly byte[] header;
    private readonly long plaintextLength;
    private readonly long length;
    private readonly int segmentSize;
    private readonly int plainSegmentSize;
    private byte[]? segment;
    private long segmentIndex = -1;
    private long position;

    public SealingReadStream(Stream seekablePlaintext, ReadOnlySpan<byte> contentKey, string fileId, string contentId, SealedStreamHeader header, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(seekablePlaintext);
        if (!seekablePlaintext.CanSeek || !seekablePlaintext.CanRead)
            throw new ArgumentException("The plaintext stream must be readable and seekable.", nameof(seekablePlaintext));
        plaintext = seekablePlaintext;
        this.leaveOpen = leaveOpen;
        cipher = new SegmentCipher(contentKey, fileId, contentId, header);
        this.header = header.ToArray();
        segmentSize = header.SegmentSize;
        plainSegmentSize = SealedStreamFormat.PlaintextSegmentSize(segmentSize);
        plaintextLength = seekablePlaintext.Length;
        length = SealedStreamFormat.CiphertextLength(plaintextLength, segmentSize);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && position < length)
        {
            var target = buffer[total..];
            var copied = CopyHeader(target);
            if (copied == 0)
            {
                var (index, within, segLength) = Locate();
                if (within == 0 && target.Length >= segLength)
                {
                    // Whole segment wanted: seal straight into the caller's buffer.
                    ReadPlaintext(index, target);
                    Seal(index, target, segLength);
                    copied = segLength;
                }
                else
                {
                    if (segmentIndex != index)
                    {
                        segment ??= ArrayPool<byte>.Shared.Rent(segmentSize);
                        ReadPlaintext(index, segment);
                        Seal(index, segment, segLength);
                    }

                    copied = Math.Min(target.Length, segLength - within);
                    segment.AsSpan(within, copied).CopyTo(target);
                }
            }

            position += copied;
            total += copied;
        }

        return total;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (total < buffer.Length && position < length)
        {
            var target = buffer[total..];
            var copied = CopyHeader(target.Span);
            if (copied == 0)
            {
                var (index, within, segLength) = Locate();
                if (within == 0 && target.Length >= segLength)
                {
                    await ReadPlaintextAsync(index, target, cancellationToken);
                    Seal(index, target.Span, segLength);
                    copied = segLength;
                }
                else
                {
                    if (segmentIndex != index)
                    {
                        segment ??= ArrayPool<byte>.Shared.Rent(segmentSize);
                        await ReadPlaintextAsync(index, segment, cancellationToken);
                        Seal(index, segment, segLength);
                    }

                    copied = Math.Min(target.Length, segLength - within);
                    segment.AsMemory(within, copied).CopyTo(target);
                }
            }

            position += copied;
            total += copied;
        }

        return total;
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            cipher.Dispose();
            if (segment is not null)
                ArrayPool<byte>.Shared.Return(segment);
            segment = null;
            if (!leaveOpen)
                plaintext.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyHeader(Span<byte> target)
    {
        if (position >= SealedStreamFormat.HeaderLength)
            return 0;
        var count = (int)Math.Min(target.Length, SealedStreamFormat.HeaderLength - position);
        header.AsSpan((int)position, count).CopyTo(target);
        return count;
    }

    private (long Index, int Within, int SegmentLength) Locate()
    {
        var offset = position - SealedStreamFormat.HeaderLength;
        var index = offset / segmentSize;
        var plainLength = (int)Math.Min(plainSegmentSize, plaintextLength - (index * plainSegmentSize));
        return (index, (int)(offset % segmentSize), plainLength + SealedStreamFormat.TagLength);
    }

    private void ReadPlaintext(long index, Span<byte> destination)
    {
        var plainLength = PlainLength(index);
        plaintext.Position = index * plainSegmentSize;
        if (StreamIo.ReadFull(plaintext, destination[..plainLength]) != plainLength)
            throw new IOException("The plaintext stream is shorter than when the sealing started.");
    }

    private async Task ReadPlaintextAsync(long index, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var plainLength = PlainLength(index);
        plaintext.Position = index * plainSegmentSize;
        if (await StreamIo.ReadFullAsync(plaintext, destination[..plainLength], cancellationToken) != plainLength)
            throw new IOException("The plaintext stream is shorter than when the sealing started.");
    }

    private int PlainLength(long index) => (int)Math.Min(plainSegmentSize, plaintextLength - (index * plainSegmentSize));

    private void Seal(long index, Span<byte> buffer, int segLength)
    {
        var isLast = index == SealedStreamFormat.SegmentCount(plaintextLength, segmentSize) - 1;
        var plainLength = segLength - SealedStreamFormat.TagLength;
        cipher.Encrypt(index, isLast, buffer[..plainLength], buffer[..segLength]);
        if (segment is not null && buffer.Overlaps(segment))
            segmentIndex = index;
    }
}
