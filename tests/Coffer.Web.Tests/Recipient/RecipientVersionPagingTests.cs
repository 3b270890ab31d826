using Coffer.Client.Owner;
using Coffer.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Coffer.Web.Tests.Recipient;

/// <summary>A server whose new accounts are on Enterprise, so every version of a long history is available.</summary>
public sealed class LongHistoryServerFixture : RecipientServerFixture
{
    protected override IReadOnlyDictionary<string, string>? ServerSettings { get; } = new Dictionary<string, string> { ["Plans:Default"] = "Enterprise" };
}

/// <summary>The recipient's version panel over a history longer than one page (the server's default page is 50).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecipientVersionPagingTests(BrowserFixture browser, LongHistoryServerFixture server) : IClassFixture<LongHistoryServerFixture>
{
    [Fact]
    public async Task LongHistory_ShowsTheNewestPage_ShowOlderVersionsAppendsTheRest_AndANewVersionStartsAgainFromTheNewest()
    {
        var (file, linkId, url) = await server.ShareNewFileAsync(new CreateLinkOptions(Modify: true));
        for (var n = 2; n <= 55; n++)
            await server.Owner.MakeCurrentAsync(file, n - 1);

        var dana = await RecipientPageDriver.OpenAsync(browser, url);
        await using var context = dana.Context;
        var before = await server.LatestMailIdAsync("dana@example.com");
        await dana.AskForCodeAsync("dana@example.com");
        await dana.EnterCodeAsync(await server.LatestCodeAsync("dana@example.com", before));

        var items = dana.Page.Locator("[data-testid=version-item]");
        await Assertions.Expect(dana.ByTestId("current-version")).ToHaveTextAsync("55");
        await Assertions.Expect(items).ToHaveCountAsync(50);
        await Assertions.Expect(dana.Version(6)).ToHaveCountAsync(1);
        await Assertions.Expect(dana.Version(5)).ToHaveCountAsync(0);
        await Assertions.Expect(dana.ByTestId("older-count")).ToHaveTextAsync("5 older");

        await dana.ByTestId("show-older-versions").ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(55);
        await Assertions.Expect(dana.ByTestId("show-older-versions")).ToHaveCountAsync(0);
        var numbers = await items.EvaluateAllAsync<int[]>("els => els.map(e => Number(e.dataset.version))");
        Assert.Equal(Enumerable.Range(1, 55).Reverse(), numbers);
        Assert.Contains($"GET /api/l/{linkId}/versions", dana.Requests);

        // A version from the older page works like any other: make version 1 current.
        await dana.Version(1).GetByTestId("version-menu-button").ClickAsync();
        await dana.Page.GetByTestId("menu-make-current").ClickAsync();
        await Assertions.Expect(dana.ByTestId("current-version")).ToHaveTextAsync("56");

        // Someone else's new version: the banner, and its refresh reads the first page again.
        await server.Owner.MakeCurrentAsync(file, 2);
        await Assertions.Expect(dana.ByTestId("live-banner")).ToContainTextAsync("version 57", new() { Timeout = 10_000 });
        await dana.ByTestId("live-refresh").ClickAsync();
        await Assertions.Expect(dana.ByTestId("current-version")).ToHaveTextAsync("57");
        await Assertions.Expect(items).ToHaveCountAsync(50);
        await Assertions.Expect(dana.ByTestId("older-count")).ToHaveTextAsync("7 older");
        Assert.True(dana.UnexpectedErrors().Count == 0, string.Join('\n', dana.UnexpectedErrors()));
    }
}
