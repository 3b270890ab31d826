using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Recipient;

/// <summary>The recipient page as built, in real Chromium, served under the strict CSP (no server API needed yet).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecipientPageShellTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string LinkId = "EBESExQVFhcYGRobHB0eHw";
    private const string Secret = "wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t8";

    private StaticAppHost? _host;

    private StaticAppHost Host => _host!;

    public async Task InitializeAsync() => _host = await StaticAppHost.StartAsync(RepositoryPaths.RequireBuiltWebApp());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task RecipientPage_WithLinkAndSecret_RendersAndPassesTheCryptoKnownAnswerInChromium()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Host.Address, $"/l/{LinkId}#{Secret}").ToString());

        var card = page.GetByTestId("recipient-page");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-link-id", LinkId);
        await Assertions.Expect(page.GetByTestId("crypto-self-check")).ToHaveAttributeAsync("data-state", "passed");
        Assert.True(await page.EvaluateAsync<bool>("() => window.isSecureContext && typeof crypto.subtle.importKey === 'function'"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-shell-desktop.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "recipient-shell-phone.png"), FullPage = true });

        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
        Assert.All(context.RequestedUrls, url =>
        {
            Assert.StartsWith(Host.Address.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, url, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task RecipientPage_WithoutSecret_SaysTheLinkIsIncomplete()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Host.Address, $"/l/{LinkId}").ToString());

        await Assertions.Expect(page.GetByTestId("link-invalid")).ToContainTextAsync("no secret");
        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }

    [Fact]
    public async Task Page_OverPlainHttpOnAnotherHost_ExplainsThatHttpsIsRequired()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync($"http://{BrowserFixture.InsecureHost}:{Host.Address.Port}/l/{LinkId}#{Secret}");

        Assert.False(await page.EvaluateAsync<bool>("() => window.isSecureContext"));
        var message = page.GetByTestId("insecure-context");
        await Assertions.Expect(message).ToContainTextAsync("HTTPS");
        await Assertions.Expect(message).ToContainTextAsync("docs/OPERATIONS.md");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Screenshots, "insecure-context.png") });
    }
}
