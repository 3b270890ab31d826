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
        // Double buffers: segment i is verified while segment i+1's read (if the source is asynchronous) and segment i-1's write are in flight.
        // Decryption is out of place so that a segment that fails can be retried with the other last flag to name the error.
        byte[][] sealedBuffers = [ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c)];
        byte[][] plain = [ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c)];
        var pendingRead = Task.FromResult(0);
        var pendingWrite = Task.CompletedTask;
        long written = 0;
        try
        {
            var n = await StreamIo.ReadFullAsync(ciphertext, sealedBuffers[0].AsMemory(0, c), cancellationToken);
            pendingRead = n == c ? StreamIo.ReadFullAsync(ciphertext, sealedBuffers[1].AsMemory(0, c), cancellationToken) : pendingRead;
            for (long index = 0; ; index++)
            {
                var cur = (int)(index & 1);
                var chunk = sealedBuffers[cur].AsMemory(0, n);
                int plainLength;
                int m;
                if (n == c)
                {
                    // A full chunk is a middle segment unless nothing follows; try that first while the next read runs.
                    var verifiedAsMiddle = cipher.TryDecrypt(index, isLast: false, chunk.Span, plain[cur]);
                    m = await pendingRead;
                    plainLength = (m, verifiedAsMiddle) switch
                    {
                        ( > 0, true) => n - SealedStreamFormat.TagLength,
                        ( > 0, false) => throw MiddleSegmentFailure(cipher, index, chunk.Span, plain[cur]),
                        (0, true) => throw new CofferCryptoException(CryptoErrorKind.Truncated, "The stream ends without its final segment."),
                        _ => DecryptFinal(cipher, index, chunk.Span, plain[cur]),
                    };
                }
                else
                {
                    m = await pendingRead;
                    plainLength = DecryptFinal(cipher, index, chunk.Span, plain[cur]);
                }

                var isLast = m == 0;
                pendingRead = !isLast && m == c
                    ? StreamIo.ReadFullAsync(ciphertext, sealedBuffers[cur].AsMemory(0, c), cancellationToken)
                    : Task.FromResult(0);
                await pendingWrite;
                progress?.Report(written);
                pendingWrite = destination.WriteAsync(plain[cur].AsMemory(0, plainLength), cancellationToken).AsTask();
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
            await StreamIo.SettleAsync(pendingRead);
            await StreamIo.SettleAsync(pendingWrite);
            foreach (var buffer in sealedBuffers)
                ArrayPool<byte>.Shared.Return(buffer);
            foreach (var buffer in plain)
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
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

    /// <summary>A full chunk with more bytes after it failed as a middle segment: name the failure (CRYPTO.md §6.5).</summary>
    private static CofferCryptoException MiddleSegmentFailure(SegmentCipher cipher, long index, ReadOnlySpan<byte> chunk, Span<byte> plaintext) =>
        cipher.TryDecrypt(index, isLast: true, chunk, plaintext)
            ? new CofferCryptoException(CryptoErrorKind.Tampered, "Bytes follow the final segment.")
            : new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key or altered bytes.");

    /// <summary>Decrypts the chunk the stream ends with, which must verify as the final segment.</summary>
    private static int DecryptFinal(SegmentCipher cipher, long index, ReadOnlySpan<byte> chunk, Span<byte> plaintext)
    {
        if (chunk.Length < SealedStreamFormat.TagLength)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, index == 0 && chunk.IsEmpty ? "The stream has a header but no segment." : "The stream ends inside a segment.");
        if (!cipher.TryDecrypt(index, isLast: true, chunk, plaintext))
            throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key, altered bytes, or a stream cut inside a segment.");
        return chunk.Length == SealedStreamFormat.TagLength && index > 0
            ? throw new CofferCryptoException(CryptoErrorKind.Tampered, "An empty final segment follows other segments.")
            : chunk.Length - SealedStreamFormat.TagLength;
    }
}
