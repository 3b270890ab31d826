using System.Buffers;
using Coffer.Client.Http;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;
using Coffer.Crypto.Streams;

namespace Coffer.Client.Uploads;

/// <summary>The result of a finished sealed upload: what the commit needs and the hashes for the sealed metadata.</summary>
public sealed record SealedUploadResult(UploadState State, string UploadId, string PlaintextSha256, string CiphertextSha256, long PlaintextLength, long ResumedFrom);

/// <summary>
/// Seals a file on the fly (a seekable ciphertext view over the plaintext) and sends it with tus in large streamed chunks,
/// retrying with backoff and resuming from the server's offset, also across runs through <see cref="UploadStateStore"/>.
/// Hashes the plaintext and the ciphertext in the same pass; a resumed upload re-derives the prefix the server holds to hash it.
/// </summary>
public sealed class SealedUploader(TusClient tus, UploadStateStore store, RetryPolicy? retry = null)
{
    private readonly RetryPolicy retry = retry ?? RetryPolicy.Default;

    /// <summary>Bytes per PATCH request; a multiple of the segment size keeps chunks on segment boundaries.</summary>
    public int ChunkSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>A fresh state for a file not uploaded before: new content id, CK, salt and nonce prefix.</summary>
    public static UploadState NewState(string scope, string filePath, string fileId, byte[]? fileKey, string? folderId, int? basedOn)
    {
        var info = new FileInfo(filePath);
        var header = SealedStreamHeader.CreateRandom();
        return new UploadState
        {
            Scope = scope,
            FilePath = info.FullName,
            FileSize = info.Length,
            FileModifiedTicks = info.LastWriteTimeUtc.Ticks,
            FileId = fileId,
            ContentId = CofferIds.NewUuid(),
            ContentKey = Base64Url.Encode(KeyDerivation.NewKey()),
            FileKey = fileKey is null ? null : Base64Url.Encode(fileKey),
            SegmentSize = header.SegmentSize,
            Salt = Base64Url.Encode(header.Salt),
            NoncePrefix = Base64Url.Encode(header.NoncePrefix),
            CiphertextLength = SealedStreamFormat.CiphertextLength(info.Length, header.SegmentSize),
            FolderId = folderId,
            BasedOn = basedOn,
        };
    }

    /// <summary>
    /// Uploads <paramref name="filePath"/> for <paramref name="scope"/>, resuming a saved upload of the same unchanged file;
    /// <paramref name="createState"/> makes the state of a new one. The state stays saved until the caller's commit succeeds (<see cref="Forget"/>).
    /// </summary>
    public async Task<SealedUploadResult> UploadAsync(
        string scope,
        string filePath,
        string extension,
        Func<UploadState> createState,
        IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createState);
        var info = new FileInfo(filePath);
        if (!info.Exists)
            throw new FileNotFoundException("No such file.", filePath);
        var state = store.Find(scope, info.FullName);
        if (state is not null && (state.FileSize != info.Length || state.FileModifiedTicks != info.LastWriteTimeUtc.Ticks))
        {
            // The file changed since the interrupted run: its bytes on the server are worthless.
            await TryDeleteAsync(state.UploadUrl);
            store.Delete(scope, info.FullName);
            state = null;
        }

        long offset = 0;
        if (state?.UploadUrl is { } existingUrl)
        {
            var serverOffset = await WithRetries(() => tus.GetOffsetAsync(existingUrl, cancellationToken), cancellationToken);
            if (serverOffset is { } o && o <= state.CiphertextLength)
                offset = o;
            else
                state = state with { UploadUrl = null };
        }

        state ??= createState();
        if (state.UploadUrl is null)
        {
            // Keys are saved before the server sees a byte, so an interrupted run can always resume what it started.
            store.Save(state);
            var created = await WithRetries(() => tus.CreateAsync(state.CiphertextLength, extension, cancellationToken), cancellationToken);
            state = state with { UploadUrl = created };
            store.Save(state);
        }

        var resumedFrom = offset;
        var contentKey = Base64Url.Decode(state.ContentKey, KeyDerivation.KeyLength);
        var header = new SealedStreamHeader(state.SegmentSize, Base64Url.Decode(state.Salt), Base64Url.Decode(state.NoncePrefix));
        var file = new FileStream(info.FullName, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.SequentialScan, BufferSize = 0 });
        using var plaintext = new InOrderHashingStream(file);
        using var sealing = new SealingReadStream(plaintext, contentKey, state.FileId, state.ContentId, header, leaveOpen: true);
        using var ciphertext = new InOrderHashingStream(sealing, leaveOpen: true);
        if (ciphertext.Length != state.CiphertextLength)
            throw new IOException("The file changed while it was being uploaded.");

        await HashPrefixAsync(ciphertext, offset, cancellationToken);
        var url = state.UploadUrl;
        var attempts = 0;
        progress?.Report(new TransferProgress(offset, state.CiphertextLength, resumedFrom));
        while (offset < state.CiphertextLength)
        {
            var start = offset;
            var length = ChunkLength(start, state.CiphertextLength, state.SegmentSize);
            try
            {
                var content = new SliceContent(ciphertext, start, length, state.SegmentSize, sent => progress?.Report(new TransferProgress(start + sent, state.CiphertextLength, resumedFrom)));
                offset = await tus.PatchAsync(url, start, content, cancellationToken);
                attempts = 0;
                progress?.Report(new TransferProgress(offset, state.CiphertextLength, resumedFrom));
            }
            catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken) && ++attempts < retry.MaxAttempts)
            {
                await Task.Delay(retry.DelayFor(attempts), cancellationToken);
                offset = await WithRetries(() => tus.GetOffsetAsync(url, cancellationToken), cancellationToken)
                    ?? throw new Http.CofferApiException("The upload expired on the server while retrying; run the command again to start over.");
            }
        }

        if (ciphertext.HasGap || plaintext.HasGap || ciphertext.HashedLength != state.CiphertextLength || plaintext.HashedLength != state.FileSize)
            throw new InvalidOperationException("The upload finished without hashing every byte once; refusing to seal wrong metadata.");
        info.Refresh();
        if (info.Length != state.FileSize || info.LastWriteTimeUtc.Ticks != state.FileModifiedTicks)
            throw new IOException("The file changed while it was being uploaded; run the command again.");
        return new SealedUploadResult(state, TusClient.IdOf(url), plaintext.CurrentHex(), ciphertext.CurrentHex(), state.FileSize, resumedFrom);
    }

    /// <summary>
    /// About <see cref="ChunkSize"/> bytes from <paramref name="start"/>, ending on a segment boundary (when one is in reach), so
    /// every PATCH but a resumed one starts and ends on whole segments.
    /// </summary>
    internal long ChunkLength(long start, long total, int segmentSize)
    {
        var end = Math.Min(start + ChunkSize, total);
        if (end < total && end > SealedStreamFormat.HeaderLength)
        {
            var aligned = SealedStreamFormat.HeaderLength + ((end - SealedStreamFormat.HeaderLength) / segmentSize * segmentSize);
            if (aligned > start)
                end = aligned;
        }

        return end - start;
    }

    /// <summary>Drops the saved state once the upload is committed (or abandoned).</summary>
    public void Forget(UploadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        store.Delete(state.Scope, state.FilePath);
    }

    /// <summary>Re-derives the ciphertext the server already holds, only to hash it (nothing is sent).</summary>
    private static async Task HashPrefixAsync(InOrderHashingStream ciphertext, long length, CancellationToken cancellationToken)
    {
        if (length == 0)
            return;
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        try
        {
            ciphertext.Position = 0;
            long done = 0;
            while (done < length)
            {
                var want = (int)Math.Min(buffer.Length, length - done);
                var read = await ciphertext.ReadAsync(buffer.AsMemory(0, want), cancellationToken);
                if (read == 0)
                    throw new IOException("The file is shorter than the part already uploaded.");
                done += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<T> WithRetries<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (RetryPolicy.IsTransient(e, cancellationToken) && attempt < retry.MaxAttempts)
            {
                await Task.Delay(retry.DelayFor(attempt), cancellationToken);
            }
        }
    }

    private async Task TryDeleteAsync(string? uploadUrl)
    {
        if (uploadUrl is null)
            return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await tus.DeleteAsync(uploadUrl, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or Http.CofferApiException)
        {
            // Best effort: the server expires abandoned uploads on its own.
        }
    }
}
