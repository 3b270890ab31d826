using Coffer.Web.Tests.Infrastructure;
using Coffer.Web.Tests.Owner;
using Coffer.Web.Tests.Recipient;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.FullFlow;

/// <summary>
/// The whole flow in browsers only: the owner signs up, uploads a real PDF and shares it cooperatively in the web app; a recipient
/// in another context verifies, previews, downloads, is refused a wrong format, drops a new version and makes version 1 current;
/// the owner's context sees it live, and Shared Links shows the badge and every event with an intact chain.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IssueSixFlowTests(BrowserFixture browser)
{
    private const string OwnerEmail = "owner@example.com";
    private const string Bob = "bob@example.net";
    private const string FileName = "Quarterly report.pdf";

    [Fact]
    public async Task OwnerSharesInTheWebApp_RecipientWorksOnTheFile_OwnerSeesItLiveAndInTheLog()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var ownerContext = await browser.NewContextAsync();
        var ownerPage = await ownerContext.NewPageAsync();
        var owner = new OwnerDriver(ownerPage, server);
        var pdf = OwnerDriver.SamplePdf();

        await owner.SignUpAsync(OwnerEmail);
        await owner.DropFileAsync(FileName, pdf, "application/pdf");
        var url = await owner.CreateLinkAsync(FileName, canModify: true);

        // The owner keeps the link open in a second tab of the first context (verified as themself), to see the live banner.
        var ownerLinkTab = await ownerContext.NewPageAsync();
        await ownerLinkTab.GotoAsync(url);
        var ownerMailBefore = await owner.LatestMailIdAsync(OwnerEmail);
        await ownerLinkTab.GetByLabel("Your email address").FillAsync(OwnerEmail);
        await ownerLinkTab.GetByRole(AriaRole.Button, new() { Name = "Send code" }).ClickAsync();
        await ownerLinkTab.GetByLabel("Six-digit code").FillAsync(await owner.MailedCodeAsync(OwnerEmail, ownerMailBefore));
        await ownerLinkTab.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(ownerLinkTab.GetByTestId("current-version")).ToHaveTextAsync("1", new() { Timeout = 15_000 });

        // Bob, in a second browser context: a wrong code is refused, the mailed one opens the file.
        var bob = await RecipientPageDriver.OpenAsync(browser, url);
        await using var bobContext = bob.Context;
        var bobBefore = await owner.LatestMailIdAsync(Bob);
        await bob.AskForCodeAsync(Bob);
        var code = await owner.MailedCodeAsync(Bob, bobBefore);
        await bob.EnterCodeAsync(code == "000000" ? "111111" : "000000");
        await Assertions.Expect(bob.ByTestId("verify-error")).ToBeVisibleAsync();
        await bob.EnterCodeAsync(code);
        await Assertions.Expect(bob.ByTestId("file-name")).ToHaveTextAsync(FileName, new() { Timeout = 15_000 });

        // Preview (pdf.js on a canvas) and a byte-identical download.
        await bob.ByTestId("preview-button").ClickAsync();
        var canvas = bob.ByTestId("pdf-preview").Locator("canvas");
        await Assertions.Expect(canvas).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        var download = await bob.Page.RunAndWaitForDownloadAsync(() => bob.ByTestId("download-button").ClickAsync(), new() { Timeout = 20_000 });
        Assert.Equal(FileName, download.SuggestedFilename);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(await download.PathAsync()));

        // A wrong format is refused before any byte is sent.
        await bob.DropAsync("Quarterly v2.pdf", "not a PDF at all"u8.ToArray(), "application/pdf");
        await Assertions.Expect(bob.ByTestId("file-notice")).ToContainTextAsync("not a .pdf file");
        Assert.DoesNotContain(bob.Requests, r => r.StartsWith("POST ", StringComparison.Ordinal) && r.Contains("/uploads", StringComparison.Ordinal));

        // Bob drops a real new version on the version panel: the owner's link tab shows the live banner, the files page v2.
        var second = TestPdf.Create("Quarterly report, revised by Bob");
        await bob.DropAsync("Quarterly v2.pdf", second, "application/pdf");
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("2", new() { Timeout = 20_000 });
        await Assertions.Expect(ownerLinkTab.GetByTestId("live-banner")).ToContainTextAsync($"uploaded by {Bob}", new() { Timeout = 10_000 });
        await Assertions.Expect(owner.FileRow(FileName)).ToContainTextAsync($"v2 · {Bob}", new() { Timeout = 10_000 });

        // Bob makes version 1 current again (version 3); the owner's tab is told again.
        await bob.Version(1).GetByTestId("version-menu-button").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Make it current" }).ClickAsync();
        await Assertions.Expect(bob.ByTestId("current-version")).ToHaveTextAsync("3");
        await Assertions.Expect(ownerLinkTab.GetByTestId("live-banner")).ToContainTextAsync("version 3", new() { Timeout = 10_000 });
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "fullflow-recipient-desktop.png"), FullPage = true });
        await bob.Page.SetViewportSizeAsync(390, 844);
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "fullflow-recipient-phone.png"), FullPage = true });

        // The owner's Shared Links: the cooperative badge, and the log with every step, its hash chain intact.
        await ownerPage.BringToFrontAsync();
        await owner.OpenSectionAsync("Shared links");
        var link = ownerPage.GetByTestId("link-row");
        await Assertions.Expect(link.GetByTestId("coop-badge")).ToBeVisibleAsync();
        await link.GetByRole(AriaRole.Button, new() { Name = "Access log" }).ClickAsync();
        await Assertions.Expect(link.GetByTestId("chain-check")).ToHaveAttributeAsync("data-intact", "true");
        foreach (var action in new[] { "created", "verification-sent", "verification-failed", "verified", "previewed", "downloaded", "version-uploaded", "made-current" })
            await Assertions.Expect(link.Locator($"[data-testid=log-entry][data-action={action}]").First).ToBeVisibleAsync();
        await Assertions.Expect(link.Locator("[data-testid=log-entry][data-action=version-uploaded]")).ToContainTextAsync(Bob);
        await ownerPage.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "fullflow-owner-links.png"), FullPage = true });

        var ownerErrors = ownerContext.Errors.Where(e => !e.Contains("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)).ToList();
        Assert.True(ownerErrors.Count == 0, string.Join('\n', ownerErrors));
        Assert.True(bob.UnexpectedErrors().Count == 0, string.Join('\n', bob.UnexpectedErrors()));
    }
}
