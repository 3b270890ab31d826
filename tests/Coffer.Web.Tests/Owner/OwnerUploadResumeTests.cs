using System.Collections.Concurrent;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>An owner upload interrupted by a reload continues after unlocking when the same file is dropped again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerUploadResumeTests(BrowserFixture browser)
{
    private const string CountSavedUploads = "() => Object.keys(localStorage).filter(k => k.startsWith('coffer:upload:')).length";

    [Fact]
    public async Task Upload_InterruptedByAReload_ResumesAfterUnlockWhenTheSameFileIsDroppedAgain()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        // Headless Chromium cannot answer the File System Access picker: the download takes the service-worker stream instead.
        await context.Context.AddInitScriptAsync("Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });");
        var page = await context.NewPageAsync();
        var requests = new ConcurrentQueue<(string Method, string Path, string? Offset)>();
        page.Request += (_, r) =>
        {
            var path = new Uri(r.Url).AbsolutePath;
            if (path.StartsWith("/api/uploads", StringComparison.Ordinal))
                requests.Enqueue((r.Method, path, r.Headers.GetValueOrDefault("upload-offset")));
        };
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync("uma@example.com");

        // The first 8 MiB chunk reaches the server; the second is held back, and the page is reloaded meanwhile.
        var patches = 0;
        var secondHeld = new TaskCompletionSource();
        await page.RouteAsync("**/api/uploads/*", async route =>
        {
            if (route.Request.Method == "PATCH" && Interlocked.Increment(ref patches) > 1)
            {
                secondHeld.TrySetResult();
                return;
            }

            await route.ContinueAsync();
        });
        const string name = "Big scan.bin";
        const int size = (9 * 1024 * 1024) + 12345;
        await owner.DropGeneratedFileAsync(name, size);
        await secondHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await page.EvaluateAsync<int>(CountSavedUploads));
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await page.ReloadAsync();
        var beforeResume = requests.Count;

        await page.GetByLabel("Password").FillAsync(OwnerDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("files-view")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await owner.DropGeneratedFileAsync(name, size);
        await Assertions.Expect(owner.FileRow(name)).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // One upload was created in all; after the reload the page asked the server's offset and sent only the rest.
        var all = requests.ToArray();
        Assert.Single(all, r => r.Method == "POST");
        var resumed = all[beforeResume..];
        Assert.Equal("HEAD", resumed[0].Method);
        var rest = Assert.Single(resumed, r => r.Method == "PATCH");
        Assert.Equal(8 * 1024 * 1024, long.Parse(rest.Offset!, System.Globalization.CultureInfo.InvariantCulture));

        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = $"Download {name}", Exact = true }).ClickAsync(),
            new() { Timeout = 30_000 });
        Assert.Equal(OwnerDriver.GeneratedBytes(size), await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(0, await page.EvaluateAsync<int>(CountSavedUploads));
        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }
}
