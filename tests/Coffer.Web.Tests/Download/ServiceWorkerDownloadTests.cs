using System.Security.Cryptography;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Download;

/// <summary>The built /sw.js in real Chromium: a stream the page hands over pull by pull becomes a file download with the exact size and name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServiceWorkerDownloadTests(BrowserFixture browser) : IAsyncLifetime
{
    // Speaks the page side of web/src/download/protocol.ts; the bytes are (i * 31 + 7) mod 256, produced on demand per pull.
    private const string StartDownloadScript = """
        async ({ fileName, size, chunk }) => {
          // As web/src/download/saveToDisk.ts: scoped to the download path, so the page itself is not controlled.
          const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/_coffer/download/' });
          const worker = registration.active ?? registration.waiting ?? registration.installing;
          if (worker.state !== 'activated')
            await new Promise((resolve) => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
          if (navigator.serviceWorker.controller) throw new Error('the page must not be controlled by the download worker');
          const channel = new MessageChannel();
          const id = crypto.randomUUID();
          let sent = 0;
          const registered = new Promise((resolve) => {
            channel.port1.onmessage = (event) => {
              if (event.data.type === 'registered') resolve();
              if (event.data.type === 'pull') {
                if (sent >= size) { channel.port1.postMessage({ type: 'end' }); return; }
                const n = Math.min(chunk, size - sent);
                const bytes = new Uint8Array(n);
                for (let i = 0; i < n; i++) bytes[i] = ((sent + i) * 31 + 7) & 0xff;
                sent += n;
                channel.port1.postMessage({ type: 'chunk', chunk: bytes }, [bytes.buffer]);
              }
            };
          });
          worker.postMessage({ type: 'coffer-download', id, fileName, size, mediaType: 'application/pdf' }, [channel.port2]);
          await registered;
          const frame = document.createElement('iframe');
          frame.hidden = true;
          frame.src = '/_coffer/download/' + id;
          document.body.append(frame);
        }
        """;

    private StaticAppHost? _host;

    private StaticAppHost Host => _host!;

    public async Task InitializeAsync() => _host = await StaticAppHost.StartAsync(RepositoryPaths.RequireBuiltWebApp());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task ServiceWorker_StreamedFromThePage_SavesTheExactBytesUnderTheRealName()
    {
        const string fileName = "Отчёт Q4 — 報告 📄.pdf";
        const int size = 3 * 1024 * 1024 + 123;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host.Address.ToString());
        await Assertions.Expect(page.GetByTestId("owner-page")).ToBeVisibleAsync();
        var downloadHeaders = new TaskCompletionSource<Dictionary<string, string>>();
        context.Context.Response += (_, response) =>
        {
            if (response.Url.Contains("/_coffer/download/", StringComparison.Ordinal))
                downloadHeaders.TrySetResult(response.Headers);
        };

        var download = await page.RunAndWaitForDownloadAsync(
            () => page.EvaluateAsync(StartDownloadScript, new { fileName, size, chunk = 256 * 1024 }),
            new PageRunAndWaitForDownloadOptions { Timeout = 30_000 });
        var path = await download.PathAsync();

        Assert.Equal(fileName, download.SuggestedFilename);
        var headers = await downloadHeaders.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["content-length"]);
        Assert.StartsWith("attachment;", headers["content-disposition"], StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(size, bytes.Length);
        var expected = new byte[size];
        for (var i = 0; i < size; i++)
            expected[i] = unchecked((byte)((i * 31) + 7));
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(bytes));
        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }
}
