using Coffer.Client.Owner;
using Coffer.Client.State;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>The owner's versions dialog over a history longer than one page (the server's default page is 50).</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerVersionPagingTests(BrowserFixture browser)
{
    [Fact]
    public async Task VersionsDialog_ShowsTheNewestPage_ShowOlderVersionsAppendsTheRest_AndMakeCurrentStartsAgainFromTheNewest()
    {
        const string email = "pia@example.com";
        await using var server = await CofferServerProcess.StartAsync(new Dictionary<string, string> { ["Plans:Default"] = "Enterprise" });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var owner = new OwnerDriver(page, server);
        await owner.SignUpAsync(email);
        await page.GetByTestId("upload-input").SetInputFilesAsync(new FilePayload { Name = "Log.pdf", MimeType = "application/pdf", Buffer = OwnerDriver.SamplePdf() });
        await Assertions.Expect(owner.FileRow("Log.pdf")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // 54 more versions through the API as the same account: "make it current" needs no upload.
        var state = Directory.CreateTempSubdirectory("coffer-owner-paging-").FullName;
        try
        {
            using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
            var session = await OwnerSession.LoginAsync(new OwnerApi(http), email, OwnerDriver.Password, new StateDirectory(state));
            var file = Assert.Single(await session.ListFilesAsync()).File;
            for (var n = 2; n <= 55; n++)
                await session.MakeCurrentAsync(file, n - 1);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Versions Log.pdf" }).ClickAsync();
        var dialog = page.GetByTestId("versions-dialog");
        var rows = dialog.GetByTestId("version-row");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-number", "55");
        await Assertions.Expect(dialog.GetByTestId("older-count")).ToHaveTextAsync("5 older");

        await dialog.GetByTestId("show-older-versions").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(55);
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("data-number", "1");
        await Assertions.Expect(dialog.GetByTestId("show-older-versions")).ToHaveCountAsync(0);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Make version 1 current" }).ClickAsync();
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-number", "56");
        await Assertions.Expect(rows.First).ToContainTextAsync("restored from version 1");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(dialog.GetByTestId("older-count")).ToHaveTextAsync("6 older");
    }
}
