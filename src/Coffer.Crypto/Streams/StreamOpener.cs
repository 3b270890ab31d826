using System.Buffers;
using System.Security.Cryptography;
using Coffer.Crypto.Errors;

namespace Coffer.Crypto.Streams;

/// <summary>Opens sealed streams: whole (verifying each segment before releasing it) or a plaintext byte range read from a seekable ciphertext.</summary>
public sealed class StreamOpener : IDisposable
{
    private readonly byte[] contentKey;
    private readonly string fileId;
    private readonly string contentId;

    public StreamOpener(ReadOnlySpan<byte> contentKey, string fileId, string contentId)
    {
        this.contentKey = Keys.KeyDerivation.RequireKey(contentKey).ToArray();
        this.fileId = fileId;
        this.contentId = contentId;
    }

    /// <summary>Reads and parses the 48-byte header at the stream's current position.</summary>
    public static async Task<SealedStreamHeader> ReadHeaderAsync(Stream ciphertext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        var bytes = new byte[SealedStreamFormat.HeaderLength];
        var read = await StreamIo.ReadFullAsync(ciphertext, bytes, cancellationToken);
        return SealedStreamHeader.Parse(bytes.AsSpan(0, read));
    }

    /// <summary>
    /// Decrypts the whole sealed stream to <paramref name="destination"/>, reporting plaintext bytes written, and returns the plaintext length.
    /// Throws <see cref="CofferCryptoException"/>; plaintext of segments already verified may have been written by then.
    /// </summary>
    public async Task<long> OpenAsync(Stream ciphertext, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(destination);
        var header = await ReadHeaderAsync(ciphertext, cancellationToken);
        var c = header.SegmentSize;
        using var cipher = new SegmentCipher(contentKey, fileId, contentId, header);
        // Each chunk is decrypted out of place, from sealedBuffers[s] into plain[p], so that a full chunk that fails as a middle segment
        // can be retried as the final one to name the error. Each pair has a second buffer only for overlap: the next chunk's read goes
        // into the other sealed buffer while this one is decrypted when the source completes asynchronously, and this chunk is decrypted
        // into the other plaintext buffer when the previous write is still in flight. A source or sink that completes synchronously
        // (a MemoryStream, a file, a buffered stream) uses one buffer of its pair: the next chunk is read into the sealed buffer just
        // decrypted and the plaintext buffer is reused, so the pipeline works in two buffers that stay warm in the cache (as the raw
        // decrypt does in one) instead of cycling through four.
        byte[]?[] sealedBuffers = [ArrayPool<byte>.Shared.Rent(c), null];
        byte[]?[] plain = [null, null];
        var s = 0;
        var p = 0;
        Task<int>? pendingRead = null;
        var pendingWrite = Task.CompletedTask;
        long written = 0;
        try
        {
            var read = StreamIo.ReadFullAsync(ciphertext, sealedBuffers[0].AsMemory(0, c), cancellationToken);
            var sourceIsSynchronous = read.IsCompleted;
            var n = await read;
            for (long index = 0; ; index++)
            {
                var chunk = sealedBuffers[s]!;
                if (n == c && !sourceIsSynchronous)
                {
                    // Read ahead into the other sealed buffer while this chunk is decrypted.
                    pendingRead = StreamIo.ReadFullAsync(ciphertext, (sealedBuffers[1 - s] ??= ArrayPool<byte>.Shared.Rent(c)).AsMemory(0, c), cancellationToken);
                    sourceIsSynchronous = pendingRead.IsCompleted;
                }

                if (!pendingWrite.IsCompleted)
                    p = 1 - p;
                var plainBuffer = plain[p] ??= ArrayPool<byte>.Shared.Rent(c);
                int plainLength;
                int m;
                if (n == c)
                {
                    // A full chunk is a middle segment unless nothing follows: try that first; only a chunk that fails is tried as the final one.
                    var verifiedAsMiddle = cipher.TryDecrypt(index, isLast: false, chunk.AsSpan(0, n), plainBuffer);
                    var verifiedAsLast = !verifiedAsMiddle && cipher.TryDecrypt(index, isLast: true, chunk.AsSpan(0, n), plainBuffer);
                    if (pendingRead is not null)
                    {
                        m = await pendingRead;
                        pendingRead = null;
                        s = 1 - s;
                    }
                    else
                    {
                        // Nothing reads ahead: this chunk's ciphertext is no longer needed, so the next chunk goes into the same buffer.
                        read = StreamIo.ReadFullAsync(ciphertext, chunk.AsMemory(0, c), cancellationToken);
                        sourceIsSynchronous = read.IsCompleted;
                        m = await read;
                    }

                    plainLength = (m, verifiedAsMiddle, verifiedAsLast) switch
                    {
                        ( > 0, true, _) => n - SealedStreamFormat.TagLength,
                        ( > 0, false, true) => throw new CofferCryptoException(CryptoErrorKind.Tampered, "Bytes follow the final segment."),
                        ( > 0, false, false) => throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key or altered bytes."),
                        (0, true, _) => throw new CofferCryptoException(CryptoErrorKind.Truncated, "The stream ends without its final segment."),
                        (0, false, true) => n - SealedStreamFormat.TagLength,
                        _ => throw FinalSegmentFailure(index),
                    };
                }
                else
                {
                    m = 0;
                    plainLength = DecryptFinal(cipher, index, chunk.AsSpan(0, n), plainBuffer);
                }

                var isLast = m == 0;
                await pendingWrite;
                progress?.Report(written);
                pendingWrite = destination.WriteAsync(plainBuffer.AsMemory(0, plainLength), cancellationToken).AsTask();
                written += plainLength;
                if (isLast)
                    break;
                n = m;
            }

            await pendingWrite;
            progress?.Report(written);
            return written;
        }
        finally
        {
            if (pendingRead is not null)
                await StreamIo.SettleAsync(pendingRead);
            await StreamIo.SettleAsync(pendingWrite);
            foreach (var buffer in sealedBuffers)
            {
                if (buffer is not null)
                    ArrayPool<byte>.Shared.Return(buffer);
            }

            foreach (var buffer in plain)
            {
                if (buffer is not null)
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    /// <summary>
    /// Decrypts plaintext bytes [<paramref name="start"/>, <paramref name="end"/>) of a seekable sealed stream to <paramref name="destination"/>,
    /// reading only the header and the segments that hold the range.
    /// </summary>
    public async Task DecryptRangeAsync(Stream seekableCiphertext, long start, long end, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekableCiphertext);
        ArgumentNullException.ThrowIfNull(destination);
        seekableCiphertext.Position = 0;
        var header = await ReadHeaderAsync(seekableCiphertext, cancellationToken);
        var c = header.SegmentSize;
        if (!SealedStreamFormat.TryGetPlaintextLength(seekableCiphertext.Length, c, out var plaintextLength))
            throw new CofferCryptoException(CryptoErrorKind.Truncated, "The ciphertext length is not a valid sealed-stream length (truncated or extended).");
        var range = SealedStreamFormat.SegmentsForPlaintextRange(start, end, plaintextLength, c);
        var lastIndex = SealedStreamFormat.SegmentCount(plaintextLength, c) - 1;
        long p = c - SealedStreamFormat.TagLength;

        using var cipher = new SegmentCipher(contentKey, fileId, contentId, header);
        var sealedBuffer = ArrayPool<byte>.Shared.Rent(c);
        var plainBuffer = ArrayPool<byte>.Shared.Rent(c);
        try
        {
            seekableCiphertext.Position = range.CiphertextStart;
            for (var index = range.First; index <= range.Last; index++)
            {
                var segLength = (int)Math.Min(c, seekableCiphertext.Length - SealedStreamFormat.SegmentOffset(index, c));
                if (await StreamIo.ReadFullAsync(seekableCiphertext, sealedBuffer.AsMemory(0, segLength), cancellationToken) != segLength)
                    throw new CofferCryptoException(CryptoErrorKind.Truncated, "The ciphertext ended while reading a segment.");
                var plainLength = cipher.Decrypt(index, index == lastIndex, sealedBuffer.AsSpan(0, segLength), plainBuffer);
                var segmentStart = index * p;
                var from = (int)(Math.Max(start, segmentStart) - segmentStart);
                var to = (int)(Math.Min(end, segmentStart + plainLength) - segmentStart);
                await destination.WriteAsync(plainBuffer.AsMemory(from, to - from), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sealedBuffer);
            ArrayPool<byte>.Shared.Return(plainBuffer, clearArray: true);
        }
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(contentKey);

    private static CofferCryptoException FinalSegmentFailure(long index) =>
        new(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key, altered bytes, or a stream cut inside a segment.");

    /// <summary>Decrypts the chunk the stream ends with, which must verify as the final segment.</summary>
    private static int DecryptFinal(SegmentCipher cipher, long index, ReadOnlySpan<byte> chunk, Span<byte> plaintext)
    {
        if (chunk.Length < SealedStreamFormat.TagLength)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, index == 0 && chunk.IsEmpty ? "The stream has a header but no segment." : "The stream ends inside a segment.");
        if (!cipher.TryDecrypt(index, isLast: true, chunk, plaintext))
            throw FinalSegmentFailure(index);
        return chunk.Length == SealedStreamFormat.TagLength && index > 0
            ? throw new CofferCryptoException(CryptoErrorKind.Tampered, "An empty final segment follows other segments.")
            : chunk.Length - SealedStreamFormat.TagLength;
    }
}
