using Coffer.Cli.Tests.EndToEnd;
using Coffer.Cli.Tests.Infrastructure;
using Coffer.Client;
using Coffer.Client.Downloads;
using Coffer.Client.Http;
using Coffer.Client.Owner;
using Coffer.Client.State;
using Coffer.Crypto.Errors;

namespace Coffer.Cli.Tests.Client;

/// <summary>The client library in-process against the real server: typed problems, interrupted downloads and uploads.</summary>
[Collection(CofferServerCollection.Name)]
public sealed class ClientLibraryTests(ServerProcess server) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("coffer-client-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task WrongPassword_SurfacesTheProblemsErrorCode()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (api, _) = await RegisterAsync(http);
        var exception = await Assert.ThrowsAsync<CofferApiException>(() =>
            OwnerSession.LoginAsync(new OwnerApi(http), api.Email, "not the password", new StateDirectory(directory)));
        Assert.Equal("invalid-credentials", exception.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, exception.Status);
        Assert.False(string.IsNullOrWhiteSpace(exception.Detail));
    }

    [Fact]
    public async Task Download_InterruptedPartWay_ResumesFromTheSegmentsOnDisk()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (_, session) = await RegisterAsync(http);
        var source = Steps.RandomFile(directory, "data.bin", (6 * 1024 * 1024) + 12345);
        var put = await session.PutFileAsync(source, null);
        var version = Assert.Single(await session.ListVersionsAsync(put.File));
        var target = Path.Combine(directory, "copy.bin");

        using (var stop = new CancellationTokenSource())
        {
            var progress = new CallbackProgress(p =>
            {
                if (p.Done >= 3 * 1024 * 1024)
                    stop.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.DownloadAsync(put.File, version, target, overwrite: false, progress, stop.Token));
        }

        var partial = SealedDownloader.PartialPathFor(target, version.Version.ContentId.ToString("D"));
        Assert.True(new FileInfo(partial).Length >= 2 * ((1024 * 1024) - 16), "whole segments stay on disk");
        Assert.False(File.Exists(target));

        long resumedAt = -1;
        await session.DownloadAsync(put.File, version, target, overwrite: false, new CallbackProgress(p => resumedAt = resumedAt < 0 ? p.StartedAt : resumedAt));
        Assert.True(resumedAt > 0);
        Assert.Equal(Steps.Sha256(source), Steps.Sha256(target));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Download_WhoseConnectionDropsMidBody_RetriesFromTheLastWrittenSegment_AndIsByteExact()
    {
        // The connection breaks after 6.5 MiB of the body, while a verified segment may still be queued for hash-and-write: the
        // retry in the same run must start after the last segment that reached the disk, and the hash must cover each once.
        var dropping = new DropOnceHandler(dropAfter: (6 * 1024 * 1024) + (512 * 1024)) { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(dropping) { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (_, session) = await RegisterAsync(http);
        var source = Steps.RandomFile(directory, "data.bin", (12 * 1024 * 1024) + 4321);
        var put = await session.PutFileAsync(source, null);
        var version = Assert.Single(await session.ListVersionsAsync(put.File));
        var target = Path.Combine(directory, "copy.bin");
        dropping.Armed = true;

        await session.DownloadAsync(put.File, version, target, overwrite: false);

        Assert.True(dropping.Dropped, "the body was cut once");
        Assert.Equal(Steps.Sha256(source), Steps.Sha256(target));
        // The retry asked for the rest from a segment boundary after the segments that reached the disk (at least 2 whole
        // segments of the 6.5 MiB received had been verified and queued), not from the start.
        var retry = Assert.Single(dropping.RangeStarts.Skip(1));
        Assert.Equal(0, dropping.RangeStarts[0]);
        Assert.True(retry > 2 * 1024 * 1024, $"retried from {retry}");
        Assert.Equal(0, (retry - 48) % (1024 * 1024));
    }

    [Fact]
    public async Task Download_WithAnAlteredPartialFile_FailsVerificationAndKeepsNothing()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (_, session) = await RegisterAsync(http);
        var source = Steps.RandomFile(directory, "data.bin", 3 * 1024 * 1024);
        var put = await session.PutFileAsync(source, null);
        var version = Assert.Single(await session.ListVersionsAsync(put.File));
        var target = Path.Combine(directory, "copy.bin");
        var partial = SealedDownloader.PartialPathFor(target, version.Version.ContentId.ToString("D"));
        var prefix = File.ReadAllBytes(source).AsSpan(0, 2 * ((1024 * 1024) - 16)).ToArray();
        prefix[1000] ^= 0x01;
        File.WriteAllBytes(partial, prefix);

        var exception = await Assert.ThrowsAsync<CofferCryptoException>(() => session.DownloadAsync(put.File, version, target, overwrite: false));
        Assert.Equal(CryptoErrorKind.Tampered, exception.Kind);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Upload_CancelledPartWay_ResumesWithoutResendingWhatTheServerHas()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (api, session) = await RegisterAsync(http);
        var source = Steps.RandomFile(directory, "big.bin", 40L * 1024 * 1024);
        var chunked = new OwnerSession(session.Api, session.AccountKey.ToArray(), session.Account, new StateDirectory(directory)) { ChunkSize = 8 * 1024 * 1024 };

        using (var stop = new CancellationTokenSource())
        {
            var progress = new CallbackProgress(p =>
            {
                if (p.Done >= 20L * 1024 * 1024)
                    stop.Cancel();
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chunked.PutFileAsync(source, null, progress, stop.Token));
        }

        Assert.Empty(await api.Api.ListFilesAsync());
        var result = await chunked.PutFileAsync(source, null);
        Assert.True(result.ResumedFrom >= 16L * 1024 * 1024, $"resumed from {result.ResumedFrom}");
        var version = Assert.Single(await chunked.ListVersionsAsync(result.File));
        Assert.Null(version.Problem);
        Assert.Equal(Steps.Sha256(source), version.Metadata!.Sha256);
        var target = Path.Combine(directory, "back.bin");
        await chunked.DownloadAsync(result.File, version, target, overwrite: false);
        Assert.Equal(Steps.Sha256(source), Steps.Sha256(target));
    }

    [Fact]
    public async Task ChangePassword_KeepsTheAccountKey_SoFilesStayReadable()
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress + "/") };
        var (account, session) = await RegisterAsync(http);
        var source = Steps.RandomFile(directory, "kept.txt", 1000);
        await session.PutFileAsync(source, null);

        await session.ChangePasswordAsync("library password 1", "a brand new password");

        var state = new StateDirectory(directory);
        var old = await Assert.ThrowsAsync<CofferApiException>(() => OwnerSession.LoginAsync(new OwnerApi(http), account.Email, "library password 1", state));
        Assert.Equal("invalid-credentials", old.ErrorCode);
        var renewed = await OwnerSession.LoginAsync(new OwnerApi(http), account.Email, "a brand new password", state);
        Assert.Equal("kept.txt", Assert.Single(await renewed.ListFilesAsync()).Name);
    }

    private async Task<(Account Account, OwnerSession Session)> RegisterAsync(HttpClient http)
    {
        var email = $"lib-{Guid.NewGuid():N}@example.com";
        const string password = "library password 1";
        var api = new OwnerApi(http);
        await OwnerSession.RegisterAsync(api, email, password);
        await api.ConfirmAsync(email, await server.WaitForCodeAsync(email));
        var session = await OwnerSession.LoginAsync(api, email, password, new StateDirectory(Path.Combine(directory, "state")));
        return (new Account(api, email), session);
    }

    private sealed record Account(OwnerApi Api, string Email);

    private sealed class CallbackProgress(Action<TransferProgress> callback) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => callback(value);
    }

    /// <summary>Once armed, cuts the first ranged download body after <c>dropAfter</c> bytes with an <see cref="IOException"/>.</summary>
    private sealed class DropOnceHandler(long dropAfter) : DelegatingHandler
    {
        public bool Armed { get; set; }

        public bool Dropped { get; private set; }

        /// <summary>Where each ranged request made since arming started.</summary>
        public List<long> RangeStarts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Armed && request.Headers.Range?.Ranges.FirstOrDefault()?.From is { } from)
                RangeStarts.Add(from);
            var response = await base.SendAsync(request, cancellationToken);
            if (!Armed || Dropped || request.Headers.Range is null || response.Content.Headers.ContentLength <= dropAfter)
                return response;
            Dropped = true;
            var cut = new StreamContent(new CutStream(await response.Content.ReadAsStreamAsync(cancellationToken), dropAfter));
            foreach (var header in response.Content.Headers)
                cut.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = cut;
            return response;
        }
    }

    private sealed class CutStream(Stream inner, long budget) : Stream
    {
        private long left = budget;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (left <= 0)
                throw new IOException("The connection was reset (test).");
            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
            left -= read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
