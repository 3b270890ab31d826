using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Owner;

/// <summary>The owner pages against the real server: sign up with the mailed code, upload a real PDF, share, Shared Links, access log.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OwnerPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_SignsUp_UploadsPdfByDrop_SharesCooperatively_SeesBadgeAndIntactLog_RevokesALink()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var owner = new OwnerDriver(page, server);

        await owner.SignUpAsync("alice@example.com");
        await Assertions.Expect(page.GetByTestId("empty")).ToBeVisibleAsync();
        await owner.DropFileAsync("Quarterly report.pdf", OwnerDriver.SamplePdf(), "application/pdf");
        await Assertions.Expect(owner.FileRow("Quarterly report.pdf")).ToContainTextAsync("v1");

        // The share dialog: cooperative options are shown as forced on or not available.
        await page.GetByRole(AriaRole.Button, new() { Name = "Share Quarterly report.pdf", Exact = true }).ClickAsync();
        var dialog = page.GetByTestId("share-dialog");
        await dialog.GetByLabel("Can modify").CheckAsync();
        await Assertions.Expect(dialog.GetByLabel("Access log")).ToBeCheckedAsync();
        await Assertions.Expect(dialog.GetByLabel("Access log")).ToBeDisabledAsync();
        await Assertions.Expect(dialog.GetByLabel("Require email")).ToBeCheckedAsync();
        await Assertions.Expect(dialog.GetByLabel("Disable download")).Not.ToBeCheckedAsync();
        await Assertions.Expect(dialog.GetByLabel("Disable download")).ToBeDisabledAsync();
        await Assertions.Expect(dialog.GetByLabel("Watermark")).ToBeDisabledAsync();
        await Assertions.Expect(dialog.GetByLabel("Email me when the link is opened or updated")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "owner-share-dialog.png") });
        await dialog.GetByLabel("Can access").CheckAsync();
        await Assertions.Expect(dialog.GetByLabel("Disable download")).ToBeEnabledAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        var cooperativeUrl = await owner.CreateLinkAsync("Quarterly report.pdf", canModify: true);
        var plainUrl = await owner.CreateLinkAsync("Quarterly report.pdf", canModify: false);
        Assert.NotEqual(cooperativeUrl, plainUrl);

        await owner.OpenSectionAsync("Shared links");
        var rows = page.GetByTestId("link-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var cooperative = rows.Filter(new() { Has = page.GetByTestId("coop-badge") });
        await Assertions.Expect(cooperative).ToHaveCountAsync(1);
        await Assertions.Expect(cooperative).ToContainTextAsync("Quarterly report.pdf");
        Assert.Contains(await cooperative.GetAttributeAsync("data-link-id") ?? "?", cooperativeUrl, StringComparison.Ordinal);

        // Revoke the plain link (confirming the browser's question); its log records creation and revocation, chain intact.
        var plain = rows.Filter(new() { HasNot = page.GetByTestId("coop-badge") });
        page.Dialog += (_, d) => _ = d.AcceptAsync();
        await plain.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(plain).ToHaveAttributeAsync("data-status", "revoked");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Access log" }).ClickAsync();
        await Assertions.Expect(plain.GetByTestId("log-entry")).ToHaveCountAsync(2);
        await Assertions.Expect(plain.GetByTestId("log-entry").First).ToHaveAttributeAsync("data-action", "created");
        await Assertions.Expect(plain.GetByTestId("log-entry").Last).ToHaveAttributeAsync("data-action", "revoked");
        await Assertions.Expect(plain.GetByTestId("chain-check")).ToHaveAttributeAsync("data-intact", "true");
        var csv = await page.RunAndWaitForDownloadAsync(() => plain.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await csv.PathAsync());
        Assert.Equal("sequence,at,linkId,fileId,action,actor,version,ip,userAgent,detail,previousHash,hash", lines[0]);
        Assert.Equal(3, lines.Length);

        // Options of the cooperative link are edited under If-Match; the change is logged.
        await cooperative.GetByRole(AriaRole.Button, new() { Name = "Options" }).ClickAsync();
        await Assertions.Expect(cooperative.GetByLabel("Require email")).ToBeDisabledAsync();
        await cooperative.GetByLabel("Email me when the link is opened or updated").UncheckAsync();
        await cooperative.GetByLabel("Expires after (days)").FillAsync("0");
        await Assertions.Expect(cooperative.GetByRole(AriaRole.Button, new() { Name = "Save options" })).ToBeDisabledAsync();
        await cooperative.GetByLabel("Expires after (days)").FillAsync("5");
        await cooperative.GetByRole(AriaRole.Button, new() { Name = "Save options" }).ClickAsync();
        await Assertions.Expect(cooperative).ToContainTextAsync("expires");
        await cooperative.GetByRole(AriaRole.Button, new() { Name = "Access log" }).ClickAsync();
        await Assertions.Expect(cooperative.GetByTestId("log-entry").Last).ToHaveAttributeAsync("data-action", "options-changed");

        // A reload keeps the session but not the key: the password unlocks the files again.
        await page.ReloadAsync();
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("auth-error")).ToContainTextAsync("does not unlock", new() { Timeout = 20_000 });
        await page.GetByLabel("Password").FillAsync(OwnerDriver.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("links-view")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("link-row").Filter(new() { Has = page.GetByTestId("coop-badge") })).ToContainTextAsync("Quarterly report.pdf");

        await page.SetViewportSizeAsync(390, 844);
        await owner.OpenSectionAsync("Files");
        await Assertions.Expect(owner.FileRow("Quarterly report.pdf")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The files page must not scroll sideways at phone width.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Screenshots, "owner-files-phone.png"), FullPage = true });

        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
        Assert.All(context.RequestedUrls, url => Assert.StartsWith(server.Address.ToString(), url, StringComparison.Ordinal));
    }
}
