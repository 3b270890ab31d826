using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Coffer.Client.Http;
using Coffer.Client.State;
using Coffer.Crypto.Errors;
using Coffer.Crypto.Metadata;
using Coffer.Crypto.Streams;

namespace Coffer.Client.Downloads;

/// <summary>What to download: the ciphertext route, the keys and ids it is sealed under, its length and the sealed metadata to verify against.</summary>
public sealed record DownloadSource(string ContentPath, byte[] ContentKey, string FileId, string ContentId, long CiphertextLength, VersionMetadata Metadata);

/// <summary>
/// Downloads a version with HTTP Range and decrypts it segment by segment to a file at constant memory. Plaintext goes to a
/// partial file named after the content; an interrupted download resumes from its last whole segment. The file only takes
/// its final name once every segment has verified under the content key (the last one with the final flag, at the exact sealed
/// length) and the plaintext SHA-256 matches the sealed metadata. The whole-stream ciphertext SHA-256 is not recomputed: per-segment
/// AES-GCM already proves the bytes are the uploader's (CRYPTO.md §5.1).
/// </summary>
public sealed class SealedDownloader(ApiConnection connection, RetryPolicy? retry = null)
{
    // 256 KiB chunks: each is hashed, then copied into the page cache while it is still in L2. 64 KiB chunks measured ≈ 0.1
    // CPU-s/GiB more system time (four times the pwrite calls) for no gain in user time.
    private const int WriteChunkLength = 256 * 1024;

    private readonly RetryPolicy retry = retry ?? RetryPolicy.Default;

    /// <summary>The partial file a download of <paramref name="contentId"/> to <paramref name="finalPath"/> writes first.</summary>
    public static string PartialPathFor(string finalPath, string contentId) => finalPath + ".coffer-" + contentId[..8] + ".part";

    public async Task DownloadAsync(DownloadSource source, string finalPath, bool overwrite, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (File.Exists(finalPath) && !overwrite)
            throw new OutputExistsException(finalPath);
        var partialPath = PartialPathFor(finalPath, source.ContentId);
        try
        {
            await DownloadToPartialAsync(source, partialPath, progress, cancellationToken);
        }
        catch (CofferCryptoException)
        {
            // Nothing from a download that failed verification is worth keeping.
            File.Delete(partialPath);
            throw;
        }
        catch (Exception)
        {
            // Whole verified segments stay for the next run to resume from; an empty file helps no one.
            if (File.Exists(partialPath) && new FileInfo(partialPath).Length == 0)
                File.Delete(partialPath);
            throw;
        }

        File.Move(partialPath, finalPath, overwrite);
    }

    private async Task DownloadToPartialAsync(DownloadSource source, string partialPath, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        // A fresh download is one request (header and segments); a resumed one asks for the header, then the missing segments.
        HttpResponseMessage? firstResponse = null;
        Stream? firstBody = null;
        SealedStreamHeader header;
        if (!File.Exists(partialPath) || new FileInfo(partialPath).Length == 0)
        {
            firstResponse = await SendRangeAsync(source.ContentPath, source.CiphertextLength, 0, null, cancellationToken);
            firstBody = await firstResponse.Content.ReadAsStreamAsync(cancellationToken);
            header = await StreamOpener.ReadHeaderAsync(firstBody, cancellationToken);
        }
        else
        {
            header = await ReadHeaderAsync(source, cancellationToken);
        }

        using var firstResponseScope = firstResponse;
        var c = header.SegmentSize;
        if (!SealedStreamFormat.TryGetPlaintextLength(source.CiphertextLength, c, out var plaintextLength) || plaintextLength != source.Metadata.Size)
            throw new CofferCryptoException(CryptoErrorKind.Tampered, "The ciphertext length does not match the sealed size of this version.");
        var segmentCount = SealedStreamFormat.SegmentCount(plaintextLength, c);
        long p = c - SealedStreamFormat.TagLength;

        using var cipher = new SegmentCipher(source.ContentKey, source.FileId, source.ContentId, header);
        using var plainHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        await using (var output = SecureFile.OpenPrivate(partialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite))
        {
            // Whole segments already on disk are kept (and hashed again); the rest is fetched.
            var next = Math.Min(output.Length / p, segmentCount - 1);
            TruncateTo(output, next * p);
            await RehashPrefixAsync(output, next, p, plainHash, cancellationToken);
            var resumedFrom = next == 0 ? 0 : SealedStreamFormat.SegmentOffset(next, c);
            var attempts = 0;
            var cursor = new Cursor { Next = next };
            while (cursor.Next < segmentCount)
            {
                try
                {
                    var body = firstBody;
                    firstBody = null;
                    await FetchSegmentsAsync(source, cipher, cursor, segmentCount, c, output, plainHash, resumedFrom, body, progress, cancellationToken);
                }
                catch (Exception e) when (!cursor.Inconsistent && RetryPolicy.IsTransient(e, cancellationToken) && ++attempts < retry.MaxAttempts)
                {
                    await Task.Delay(retry.DelayFor(attempts), cancellationToken);
                }
            }

            await output.FlushAsync(cancellationToken);
        }

        // Every segment verified under the content key, so these are the uploader's bytes; the plaintext hash checks that the
        // uploader's sealed metadata tells the truth about them (the hash users see and compare).
        var plainHex = Convert.ToHexStringLower(plainHash.GetCurrentHash());
        if (!string.Equals(plainHex, source.Metadata.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new CofferCryptoException(CryptoErrorKind.Tampered, "The downloaded content does not match the hash sealed in its metadata; nothing was kept.");
    }

    private async Task<SealedStreamHeader> ReadHeaderAsync(DownloadSource source, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendRangeAsync(source.ContentPath, source.CiphertextLength, 0, SealedStreamFormat.HeaderLength - 1, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                return await StreamOpener.ReadHeaderAsync(body, cancellationToken);
            }
            catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken) && attempt < retry.MaxAttempts)
            {
                await Task.Delay(retry.DelayFor(attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Fetches from segment <c>cursor.Next</c> to the end, writing plaintext as each segment verifies and advancing the cursor past
    /// it. Three segment buffers make a pipeline over both cores: segment i+1 arrives from the socket while segment i is
    /// decrypted in place (the plaintext lands in the buffer the ciphertext was received into, still in cache) and segment i−1
    /// is hashed and written on a thread-pool task.
    /// </summary>
    private async Task FetchSegmentsAsync(
        DownloadSource source, SegmentCipher cipher, Cursor cursor, long segmentCount, int c, FileStream output,
        IncrementalHash plainHash, long resumedFrom, Stream? openBody, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var first = cursor.Next;
        // A write cut short by a failure may have left part of a segment: drop it, the hash does not cover it.
        TruncateTo(output, first * (c - SealedStreamFormat.TagLength));
        var from = SealedStreamFormat.SegmentOffset(first, c);
        HttpResponseMessage? response = null;
        if (openBody is null || first != 0)
        {
            if (openBody is not null)
                await openBody.DisposeAsync();
            response = await SendRangeAsync(source.ContentPath, source.CiphertextLength, from, null, cancellationToken);
            openBody = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
                await SkipAsync(openBody, from, cancellationToken);
        }

        using var responseScope = response;
        await using var body = openBody;

        // Buffer i % 3 holds segment i from receipt until its plaintext is written: one being received, one being decrypted,
        // one being hashed and written.
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c), ArrayPool<byte>.Shared.Rent(c)];
        var pendingRead = Task.FromResult(0);
        var pendingWrite = Task.CompletedTask;
        var writing = -1L;
        try
        {
            var index = first;
            var length = SegmentLength(index, segmentCount, c, source.CiphertextLength);
            var read = await body.ReadAtLeastAsync(buffers[index % 3].AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken);
            while (true)
            {
                if (read != length)
                    throw new HttpRequestException("The connection ended inside a segment.");
                var isLast = index == segmentCount - 1;
                if (!isLast)
                {
                    // Buffer (index + 1) % 3 last held segment index − 2, whose write completed before segment index − 1's began.
                    var nextLength = SegmentLength(index + 1, segmentCount, c, source.CiphertextLength);
                    pendingRead = body.ReadAtLeastAsync(buffers[(index + 1) % 3].AsMemory(0, nextLength), nextLength, throwOnEndOfStream: false, cancellationToken).AsTask();
                }

                var segment = buffers[index % 3];
                var plainLength = cipher.Decrypt(index, isLast, segment.AsSpan(0, length), segment.AsSpan(0, length - SealedStreamFormat.TagLength));
                await CompleteWriteAsync(pendingWrite, writing, cursor);
                writing = index;
                var plainOffset = index * (c - SealedStreamFormat.TagLength);
                pendingWrite = Task.Run(() => HashAndWrite(output.SafeFileHandle, segment, plainLength, plainOffset, plainHash), CancellationToken.None);
                progress?.Report(new TransferProgress(Math.Min(SealedStreamFormat.SegmentOffset(index, c), source.CiphertextLength), source.CiphertextLength, resumedFrom));
                index++;
                if (isLast)
                    break;
                read = await pendingRead;
                length = SegmentLength(index, segmentCount, c, source.CiphertextLength);
            }

            await CompleteWriteAsync(pendingWrite, writing, cursor);
            pendingWrite = Task.CompletedTask;
            progress?.Report(new TransferProgress(source.CiphertextLength, source.CiphertextLength, resumedFrom));
            if (await body.ReadAsync(new byte[1], cancellationToken) != 0)
                throw new CofferCryptoException(CryptoErrorKind.Tampered, "The server sent bytes after the final segment.");
        }
        finally
        {
            // The write task hashes the segment as it writes it: once it lands the cursor moves past it; if it failed, hash
            // and file disagree and the download must not be retried in this run.
            try
            {
                await CompleteWriteAsync(pendingWrite, writing, cursor);
            }
            catch (LocalWriteException)
            {
                cursor.Inconsistent = true;
            }

            try
            {
                await pendingRead;
            }
            catch (Exception) when (pendingRead.IsFaulted || pendingRead.IsCanceled)
            {
                // The failure that brought us here matters more.
            }

            // The buffers held plaintext (decrypted in place).
            foreach (var buffer in buffers)
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Shortens the file only when it is longer: a no-op truncation still counts as one on ext4, which then starts writeback
    /// of the whole file in <c>close</c> (auto_da_alloc) on the downloading thread.
    /// </summary>
    private static void TruncateTo(FileStream output, long length)
    {
        if (output.Length != length)
            output.SetLength(length);
    }

    /// <summary>
    /// Hashes and writes a verified segment in small chunks, so the kernel's copy into the page cache reads each chunk while the
    /// hash has just brought it into the CPU cache instead of reading the whole segment from memory a second time.
    /// </summary>
    private static void HashAndWrite(Microsoft.Win32.SafeHandles.SafeFileHandle file, byte[] plain, int length, long offset, IncrementalHash plainHash)
    {
        for (var done = 0; done < length; done += WriteChunkLength)
        {
            var chunk = plain.AsSpan(done, Math.Min(WriteChunkLength, length - done));
            plainHash.AppendData(chunk);
            RandomAccess.Write(file, chunk, offset + done);
        }
    }

    private static async Task CompleteWriteAsync(Task pendingWrite, long writing, Cursor cursor)
    {
        if (writing < 0 || cursor.Next > writing)
            return;
        try
        {
            await pendingWrite;
        }
        catch (OperationCanceledException)
        {
            cursor.Inconsistent = true;
            throw;
        }
        catch (IOException e)
        {
            throw new LocalWriteException("Writing the downloaded file failed: " + e.Message, e);
        }

        cursor.Next = writing + 1;
    }

    private async Task<HttpResponseMessage> SendRangeAsync(string path, long expectedLength, long from, long? to, CancellationToken cancellationToken)
    {
        using var request = connection.Request(HttpMethod.Get, path);
        request.Headers.Range = new RangeHeaderValue(from, to);
        var response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
            CheckStoredLength(response, expectedLength);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The server's stored length (the total of a 206's Content-Range, or a 200's Content-Length) must be the version's
    /// recorded ciphertext length: shorter or longer bytes are a corrupted blob, not a connection to retry.
    /// </summary>
    private static void CheckStoredLength(HttpResponseMessage response, long expectedLength)
    {
        var stored = response.StatusCode == HttpStatusCode.PartialContent ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
        if (stored is { } length && length != expectedLength)
            throw new CofferCryptoException(CryptoErrorKind.Tampered, $"The server holds {length} bytes for this version, but its recorded ciphertext length is {expectedLength}; nothing was kept.");
    }

    private static async Task RehashPrefixAsync(FileStream output, long segments, long p, IncrementalHash plainHash, CancellationToken cancellationToken)
    {
        if (segments == 0)
            return;
        var plain = ArrayPool<byte>.Shared.Rent((int)p);
        try
        {
            output.Position = 0;
            for (long index = 0; index < segments; index++)
            {
                await output.ReadExactlyAsync(plain.AsMemory(0, (int)p), cancellationToken);
                plainHash.AppendData(plain.AsSpan(0, (int)p));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }
    }

    private static async Task SkipAsync(Stream body, long count, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (count > 0)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                if (read == 0)
                    throw new HttpRequestException("The connection ended early.");
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int SegmentLength(long index, long segmentCount, int c, long ciphertextLength) =>
        index < segmentCount - 1 ? c : (int)(ciphertextLength - SealedStreamFormat.SegmentOffset(index, c));

    private sealed class Cursor
    {
        /// <summary>The first segment not yet on disk (and not yet hashed).</summary>
        public long Next { get; set; }

        /// <summary>Set when a local write failed after its segment was hashed: the run cannot continue.</summary>
        public bool Inconsistent { get; set; }
    }

    private sealed class LocalWriteException(string message, Exception inner) : IOException(message, inner);
}
