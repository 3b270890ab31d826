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
        // A seekable source announces its length, so the next read can overlap this segment's encryption; otherwise we must look ahead first.
        long? expectedLength = plaintext.CanSeek ? plaintext.Length - plaintext.Position : null;

        var buffers = new[] { Rent(), Rent(), Rent() };
        var pendingWrite = Task.CompletedTask;
        long written = SealedStreamFormat.HeaderLength;
        long reported = 0;
        try
        {
            await destination.WriteAsync(Header.ToArray(), cancellationToken);
            var cur = 0;
            var n = await StreamIo.ReadFullAsync(plaintext, buffers[cur].AsMemory(0, p), cancellationToken);
            long consumed = n;
            for (long index = 0; ; index++)
            {
                var next = (cur + 1) % 3;
                Task<int>? nextRead = null;
                var m = 0;
                bool isLast;
                if (n < p)
                {
                    isLast = true;
                }
                else if (expectedLength is { } expected)
                {
                    isLast = consumed >= expected;
                    if (!isLast)
                        nextRead = StreamIo.ReadFullAsync(plaintext, buffers[next].AsMemory(0, p), cancellationToken);
                }
                else
                {
                    m = await StreamIo.ReadFullAsync(plaintext, buffers[next].AsMemory(0, p), cancellationToken);
                    isLast = m == 0;
                }

                cipher.Encrypt(index, isLast, buffers[cur].AsSpan(0, n), buffers[cur].AsSpan(0, n + SealedStreamFormat.TagLength));
                await pendingWrite;
                Report(progress, written, ref reported);
                pendingWrite = destination.WriteAsync(buffers[cur].AsMemory(0, n + SealedStreamFormat.TagLength), cancellationToken).AsTask();
                written += n + SealedStreamFormat.TagLength;
                if (isLast)
                    break;
                if (nextRead is not null)
                {
                    m = await nextRead;
                    if (m == 0)
                        throw new IOException("The plaintext stream ended before its announced length.");
                }

                consumed += m;
                cur = next;
                n = m;
            }

            await pendingWrite;
            Report(progress, written, ref reported);
            return written;
        }
        finally
        {
            // A write still running must finish before its buffer goes back to the pool.
            try
            {
                await pendingWrite;
            }
            catch (Exception) when (pendingWrite.IsFaulted || pendingWrite.IsCanceled)
            {
                // Already surfaced (or superseded by the exception that brought us here).
            }

            foreach (var buffer in buffers)
                ArrayPool<byte>.Shared.Return(buffer);
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

    private static void Report(IProgress<long>? progress, long completed, ref long reported)
    {
        if (progress is null || completed == reported)
            return;
        reported = completed;
        progress.Report(completed);
    }

    private byte[] Rent() => ArrayPool<byte>.Shared.Rent(SegmentSize);
}
