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
        await Assertions.Expect(page.GetByTestId("crypto-self-check")).ToHaveAttributeAsync("data-state", "passed");

        Assert.True(context.Errors.Count == 0, string.Join('\n', context.Errors));
    }
}
