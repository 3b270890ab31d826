using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>Managing files in the owner pages: upload by button, folders, move, rename, versions, download, trash and restore.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerFilesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_ManagesFilesAndVersions_DownloadIsByteIdentical_WrongFormatIsRefusedBeforeUpload()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        // Headless Chromium cannot answer the File System Access picker: downloads take the service-worker stream instead.
        await context.Context.AddInitScriptAsync("Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });");
        var page = await context.NewPageAsync();
        var uploads = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.Contains("/api/uploads", StringComparison.Ordinal))
                uploads.Add(r.Url);
        };
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync("olivia@example.com");
        var pdf = OwnerDriver.SamplePdf();

        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload { Name = "Plan.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(owner.FileRow("Plan.pdf")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // A folder whose name looks like HTML is shown as text.
        const string folder = "Contracts <b>2026</b> ✓";
        await page.GetByRole(AriaRole.Button, new() { Name = "New folder" }).ClickAsync();
        await page.GetByLabel("Folder name").FillAsync(folder);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-row")).ToContainTextAsync(folder);
        Assert.Equal(0, await page.Locator("main b").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Move Plan.pdf" }).ClickAsync();
        await page.GetByLabel("Move to").SelectOptionAsync(new SelectOptionValue { Label = folder });
        await page.GetByTestId("move-dialog").GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(owner.FileRow("Plan.pdf")).ToHaveCountAsync(0);
        await page.GetByTestId("folder-row").GetByRole(AriaRole.Button, new() { Name = folder }).ClickAsync();
        await Assertions.Expect(owner.FileRow("Plan.pdf")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Rename Plan.pdf" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Plan final.pdf");
        await page.GetByTestId("rename-dialog").GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(owner.FileRow("Plan final.pdf")).ToBeVisibleAsync();

        // Versions: another format is refused before any byte is sent; a PDF becomes version 2; version 1 made current is version 3.
        await page.GetByRole(AriaRole.Button, new() { Name = "Versions Plan final.pdf" }).ClickAsync();
        var versions = page.GetByTestId("versions-dialog");
        await Assertions.Expect(versions.GetByTestId("version-row")).ToHaveCountAsync(1);
        var uploadsBefore = uploads.Count;
        await versions.GetByTestId("version-input").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "plain text"u8.ToArray() });
        await Assertions.Expect(versions.GetByTestId("error")).ToContainTextAsync("must keep the file's format (.pdf)");
        Assert.Equal(uploadsBefore, uploads.Count);

        var second = pdf.Concat("\n% version 2\n"u8.ToArray()).ToArray();
        await versions.GetByTestId("version-input").SetInputFilesAsync(new FilePayload { Name = "Plan v2.pdf", MimeType = "application/pdf", Buffer = second });
        await Assertions.Expect(versions.GetByTestId("version-row")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await versions.GetByRole(AriaRole.Button, new() { Name = "Make version 1 current" }).ClickAsync();
        await Assertions.Expect(versions.GetByTestId("version-row")).ToHaveCountAsync(3);
        await Assertions.Expect(versions.GetByTestId("version-row").First).ToContainTextAsync("restored from version 1");
        await Assertions.Expect(versions.GetByTestId("version-row").First).ToContainTextAsync("olivia@example.com");

        var download = await page.RunAndWaitForDownloadAsync(
            () => versions.GetByRole(AriaRole.Button, new() { Name = "Download version 2" }).ClickAsync(),
            new() { Timeout = 20_000 });
        Assert.Equal("Plan v2.pdf", download.SuggestedFilename);
        Assert.Equal(second, await File.ReadAllBytesAsync(await download.PathAsync()));
        var current = await page.RunAndWaitForDownloadAsync(
            () => versions.GetByRole(AriaRole.Button, new() { Name = "Download version 3" }).ClickAsync(),
            new() { Timeout = 20_000 });
        Assert.Equal(pdf, await File.ReadAllBytesAsync(await current.PathAsync()));
        await versions.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(owner.FileRow("Plan final.pdf")).ToContainTextAsync("v3");

        await page.GetByRole(AriaRole.Button, new() { Name = "Trash Plan final.pdf" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        await owner.OpenSectionAsync("Trash");
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(server.Address, "/trash").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore Plan final.pdf" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("trash-view").GetByTestId("empty")).ToBeVisibleAsync();
        await owner.OpenSectionAsync("Files");
        await page.GetByTestId("folder-row").GetByRole(AriaRole.Button, new() { Name = folder }).ClickAsync();
        await Assertions.Expect(owner.FileRow("Plan final.pdf")).ToBeVisibleAsync();

        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "owner-files-desktop.png"), FullPage = true });
        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }
}
