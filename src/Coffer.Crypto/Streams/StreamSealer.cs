using System.Buffers;
using System.Security.Cryptography;

namespace Coffer.Crypto.Streams;

/// <summary>Seals plaintext into a sealed stream (CRYPTO.md §6) at constant memory, whole or as any ciphertext byte range.</summary>
public sealed class StreamSealer : IDisposable
{
    private readonly byte[] contentKey;
    private readonly string fileId;
    private readonly string contentId;
    private readonly SegmentCipher cipher;

    /// <summary>A sealer for a known header: use <see cref="Create"/> for a new stream, this to re-produce bytes of an existing one (resumed upload).</summary>
    public StreamSealer(ReadOnlySpan<byte> contentKey, string fileId, string contentId, SealedStreamHeader header)
    {
        cipher = new SegmentCipher(contentKey, fileId, contentId, header);
        this.contentKey = contentKey.ToArray();
        this.fileId = fileId;
        this.contentId = contentId;
    }

    public SealedStreamHeader Header => cipher.Header;

    public int SegmentSize => Header.SegmentSize;

    /// <summary>A sealer with a fresh random salt and nonce prefix.</summary>
    public static StreamSealer Create(ReadOnlySpan<byte> contentKey, string fileId, string contentId, int segmentSize = SealedStreamFormat.DefaultSegmentSize) =>
        new(contentKey, fileId, contentId, SealedStreamHeader.CreateRandom(segmentSize));

    public long CiphertextLength(long plaintextLength) => SealedStreamFormat.CiphertextLength(plaintextLength, SegmentSize);

    /// <summary>
    /// Writes the whole sealed stream of <paramref name="plaintext"/> (read from its current position to its end) to <paramref name="destination"/>;
    /// reports ciphertext bytes written so far and returns the ciphertext length.
    /// </summary>
    public async Task<long> SealAsync(Stream plaintext, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(destination);
        var p = SealedStreamFormat.PlaintextSegmentSize(SegmentSize);
        // Segments are sealed in place in three rotating buffers: while segment i is encrypted, segment i+1's read
        // (if the source is asynchronous) and segment i-1's write are in flight.
        byte[][] buffers = [Rent(), Rent(), Rent()];
        var pendingRead = Task.FromResult(0);
        var pendingWrite = Task.CompletedTask;
        long written = SealedStreamFormat.HeaderLength;
        try
        {
            await destination.WriteAsync(Header.ToArray(), cancellationToken);
            var n = await StreamIo.ReadFullAsync(plaintext, buffers[0].AsMemory(0, p), cancellationToken);
            pendingRead = n == p ? StreamIo.ReadFullAsync(plaintext, buffers[1].AsMemory(0, p), cancellationToken) : pendingRead;
            for (long index = 0; ; index++)
            {
                var segment = buffers[index % 3].AsMemory(0, n + SealedStreamFormat.TagLength);
                // Whether this is the last segment depends on the read still running: guess "not last" when the segment is full,
                // and in the rare case the stream ends exactly on a segment boundary, undo (decrypt in place) and re-seal as last.
                var guessedLast = n < p;
                cipher.Encrypt(index, guessedLast, segment.Span[..n], segment.Span);
                var m = await pendingRead;
                var isLast = guessedLast || m == 0;
                if (isLast && !guessedLast)
                {
                    cipher.Decrypt(index, isLast: false, segment.Span, segment.Span);
                    cipher.Encrypt(index, isLast: true, segment.Span[..n], segment.Span);
                }

                await pendingWrite;
                progress?.Report(written);
                pendingRead = !isLast && m == p
                    ? StreamIo.ReadFullAsync(plaintext, buffers[(index + 2) % 3].AsMemory(0, p), cancellationToken)
                    : Task.FromResult(0);
                pendingWrite = destination.WriteAsync(segment, cancellationToken).AsTask();
                written += segment.Length;
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
            // Buffers go back to the pool only when no read or write still uses them.
            await StreamIo.SettleAsync(pendingRead);
            await StreamIo.SettleAsync(pendingWrite);
            foreach (var buffer in buffers)
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>A read-only seekable stream whose bytes are the sealed stream of <paramref name="seekablePlaintext"/>: seek to any offset (e.g. the server's upload offset) and read from there.</summary>
    public SealingReadStream OpenCiphertextStream(Stream seekablePlaintext, bool leaveOpen = false) =>
        new(seekablePlaintext, contentKey, fileId, contentId, Header, leaveOpen);

    public void Dispose()
    {
        cipher.Dispose();
        CryptographicOperations.ZeroMemory(contentKey);
    }

    private byte[] Rent() => ArrayPool<byte>.Shared.Rent(SegmentSize);
}
