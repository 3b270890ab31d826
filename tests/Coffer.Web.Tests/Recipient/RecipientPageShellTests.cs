using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Recipient;

/// <summary>The recipient page as built, in real Chromium, served under the strict CSP without the server's API.</summary>
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
    public async Task RecipientPage_WhereNoServerAnswers_SaysSoWithoutSendingTheSecret()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(Host.Address, $"/l/{LinkId}#{Secret}").ToString());

        await Assertions.Expect(page.GetByTestId("recipient-page")).ToHaveAttributeAsync("data-link-id", LinkId);
        await Assertions.Expect(page.GetByTestId("link-closed")).ToContainTextAsync("is this the address of a Coffer server?");
        Assert.True(await page.EvaluateAsync<bool>("() => window.isSecureContext && typeof crypto.subtle.importKey === 'function'"));
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
