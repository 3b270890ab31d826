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
        // Two ciphertext buffers for the one-segment look-ahead (the last flag depends on what follows), two plaintext buffers so a write can overlap the next decryption.
        byte[][] sealedBuffers = [ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c)];
        byte[][] plainBuffers = [ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c)];
        var pendingWrite = Task.CompletedTask;
        long written = 0;
        try
        {
            var n = await StreamIo.ReadFullAsync(ciphertext, sealedBuffers[0].AsMemory(0, c), cancellationToken);
            for (long index = 0; ; index++)
            {
                var cur = (int)(index & 1);
                var m = n == c ? await StreamIo.ReadFullAsync(ciphertext, sealedBuffers[1 - cur].AsMemory(0, c), cancellationToken) : 0;
                var isFinalChunk = m == 0;
                var plainLength = DecryptChunk(cipher, index, sealedBuffers[cur].AsSpan(0, n), isFinalChunk, plainBuffers[cur]);
                await pendingWrite;
                progress?.Report(written);
                pendingWrite = destination.WriteAsync(plainBuffers[cur].AsMemory(0, plainLength), cancellationToken).AsTask();
                written += plainLength;
                if (isFinalChunk)
                    break;
                n = m;
            }

            await pendingWrite;
            progress?.Report(written);
            return written;
        }
        finally
        {
            try
            {
                await pendingWrite;
            }
            catch (Exception) when (pendingWrite.IsFaulted || pendingWrite.IsCanceled)
            {
                // Surfaced already, or superseded by the exception that brought us here.
            }

            foreach (var buffer in sealedBuffers)
                ArrayPool<byte>.Shared.Return(buffer);
            foreach (var buffer in plainBuffers)
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

    /// <summary>Decrypts one chunk read from the stream, naming the failure as precisely as the bytes allow (CRYPTO.md §6.5).</summary>
    private static int DecryptChunk(SegmentCipher cipher, long index, ReadOnlySpan<byte> chunk, bool isFinalChunk, Span<byte> plaintext)
    {
        if (!isFinalChunk)
        {
            if (cipher.TryDecrypt(index, isLast: false, chunk, plaintext))
                return chunk.Length - SealedStreamFormat.TagLength;
            if (cipher.TryDecrypt(index, isLast: true, chunk, plaintext))
                throw new CofferCryptoException(CryptoErrorKind.Tampered, "Bytes follow the final segment.");
            throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key or altered bytes.");
        }

        if (chunk.Length < SealedStreamFormat.TagLength)
            throw new CofferCryptoException(CryptoErrorKind.Truncated, index == 0 && chunk.IsEmpty ? "The stream has a header but no segment." : "The stream ends inside a segment.");
        if (cipher.TryDecrypt(index, isLast: true, chunk, plaintext))
        {
            return chunk.Length == SealedStreamFormat.TagLength && index > 0
                ? throw new CofferCryptoException(CryptoErrorKind.Tampered, "An empty final segment follows other segments.")
                : chunk.Length - SealedStreamFormat.TagLength;
        }

        if (cipher.TryDecrypt(index, isLast: false, chunk, plaintext))
            throw new CofferCryptoException(CryptoErrorKind.Truncated, "The stream ends without its final segment.");
        throw new CofferCryptoException(CryptoErrorKind.AuthenticationFailed, $"Segment {index} does not verify: wrong key, altered bytes, or a stream cut inside a segment.");
    }
}
