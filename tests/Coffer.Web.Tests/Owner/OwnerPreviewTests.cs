using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>The owner previews a version in the versions dialog: decrypted in the page with the owner's keys, shown by the recipient page's PreviewPane.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerPreviewTests(BrowserFixture browser)
{
    /// <summary>A real 16×16 PNG (a two-colour checkerboard).</summary>
    private static readonly byte[] SamplePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAI0lEQVR4nGOQs6mAoxNICJc4wyDUQIwiZPHBqGEQButIjAcA0H0nEJ/eG+kAAAAASUVORK5CYII=");

    [Fact]
    public async Task Owner_PreviewsPdfAndImageVersions_UnknownTypeOffersDownloadWithoutFetchingForPreview()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Headless Chromium cannot answer the File System Access picker: downloads take the service-worker stream instead.
        await context.Context.AddInitScriptAsync("Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });");
        var page = await context.NewPageAsync();
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync("olivia@example.com");
        var pdf = OwnerDriver.SamplePdf();
        var data = OwnerDriver.GeneratedBytes(3000);

        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload { Name = "Report.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(owner.FileRow("Report.pdf")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload { Name = "Photo.png", MimeType = "image/png", Buffer = SamplePng });
        await Assertions.Expect(owner.FileRow("Photo.png")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload { Name = "Ledger.bin", MimeType = "application/octet-stream", Buffer = data });
        await Assertions.Expect(owner.FileRow("Ledger.bin")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // PDF: a second version, then version 1 previewed — pdf.js draws its page on a canvas under the strict CSP.
        await page.GetByRole(AriaRole.Button, new() { Name = "Versions Report.pdf" }).ClickAsync();
        var versions = page.GetByTestId("versions-dialog");
        await versions.GetByTestId("version-input").SetInputFilesAsync(
            new FilePayload { Name = "Report v2.pdf", MimeType = "application/pdf", Buffer = [.. pdf, .. "\n% version 2\n"u8.ToArray()] });
        await Assertions.Expect(versions.GetByTestId("version-row")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        Assert.Equal(0, ContentRequests(context));

        await versions.GetByRole(AriaRole.Button, new() { Name = "Preview version 1" }).ClickAsync();
        var preview = versions.GetByTestId("preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("data-kind", "pdf");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Preview of version 1");
        var canvas = preview.GetByTestId("pdf-preview").Locator("canvas");
        await Assertions.Expect(canvas).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        Assert.True(await canvas.EvaluateAsync<bool>("c => c.width > 100 && c.height > 100"));
        // Drawn, not blank: some pixel of the page is darker than the white background.
        Assert.True(await canvas.EvaluateAsync<bool>(
            "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 0; i < d.length; i += 4) if (d[i] < 200) return true; return false; }"));
        // The owner's content route, as owner downloads use it (no link, no recipient purpose).
        Assert.Equal(["/versions/1/content"], context.RequestedUrls.Where(IsContent).Select(u => u[u.IndexOf("/versions/", StringComparison.Ordinal)..]).ToArray());
        Assert.Contains(context.RequestedUrls, u => u.Contains("/api/files/", StringComparison.Ordinal) && IsContent(u));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "owner-preview-pdf-desktop.png") });
        await preview.GetByRole(AriaRole.Button, new() { Name = "Close the preview" }).ClickAsync();
        await Assertions.Expect(preview).ToHaveCountAsync(0);
        await versions.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await Assertions.Expect(versions).ToHaveCountAsync(0);

        // Image: shown from a blob: URL, decoded at its real size.
        await page.GetByRole(AriaRole.Button, new() { Name = "Versions Photo.png" }).ClickAsync();
        await versions.GetByRole(AriaRole.Button, new() { Name = "Preview version 1" }).ClickAsync();
        var image = preview.GetByRole(AriaRole.Img, new() { Name = "Preview of Photo.png" });
        await Assertions.Expect(image).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(image).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=preview] img')?.naturalWidth === 16");
        await versions.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();

        // Unknown type: refused before any byte is fetched, and the fallback offers the download (byte-identical).
        await page.GetByRole(AriaRole.Button, new() { Name = "Versions Ledger.bin" }).ClickAsync();
        var fetchedBefore = ContentRequests(context);
        await versions.GetByRole(AriaRole.Button, new() { Name = "Preview version 1" }).ClickAsync();
        var fallback = preview.GetByTestId("preview-unavailable");
        await Assertions.Expect(fallback).ToContainTextAsync("A preview is not available for this type of file (application/octet-stream).");
        Assert.Equal(fetchedBefore, ContentRequests(context));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "owner-preview-fallback-desktop.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => fallback.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync(), new() { Timeout = 20_000 });
        Assert.Equal("Ledger.bin", download.SuggestedFilename);
        Assert.Equal(data, await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Equal(fetchedBefore + 1, ContentRequests(context));

        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }

    private static bool IsContent(string url) => url.EndsWith("/content", StringComparison.Ordinal) && url.Contains("/versions/", StringComparison.Ordinal);

    private static int ContentRequests(RecordedContext context) => context.RequestedUrls.Count(IsContent);
}
