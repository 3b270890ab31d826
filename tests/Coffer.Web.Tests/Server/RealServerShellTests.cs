using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Server;

/// <summary>The real Coffer server (as `dotnet run` starts it) serves the built app under its own headers, and the pages run there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RealServerShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task RealServer_ServesTheOwnerAppAndTheRecipientPage_WithoutCspViolations()
    {
        await using var server = await CofferServerProcess.StartAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(server.Address.ToString());
        await Assertions.Expect(page.GetByTestId("crypto-self-check")).ToHaveAttributeAsync("data-state", "passed");

        var response = await page.GotoAsync(new Uri(server.Address, "/l/EBESExQVFhcYGRobHB0eHw#wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t8").ToString());
        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("recipient-page")).ToBeVisibleAsync();
        // No such link on this server: the API answers 404 link-not-found and the page says so. Chromium logs each expected
        // 4xx answer (this one, and the owner page's 401 before login) as a console error; anything else fails the test.
        await Assertions.Expect(page.GetByTestId("link-closed")).ToContainTextAsync("not available");

        var unexpected = context.Errors.Where(e => !(e.Contains("the server responded with a status of 404", StringComparison.Ordinal) || e.Contains("the server responded with a status of 401", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
    }
}
