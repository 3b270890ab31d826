using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Links;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Recipients;

/// <summary>A server allowing 3 verification/session requests per minute and IP.</summary>
public sealed class TightIpLimitFactory : CofferAppFactory
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Recipients:PerIpPerMinute"] = "3";
        return settings;
    }
}

public sealed class RecipientIpLimitTests(TightIpLimitFactory factory) : IClassFixture<TightIpLimitFactory>
{
    [Fact]
    public async Task VerificationRequests_BeyondThePerIpLimit_AreRateLimited()
    {
        var link = await LinkKit.CreateAsync(factory);
        var client = LinkKit.Recipient(factory, link);
        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(TestAccounts.NewEmail()));
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        var limited = await client.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(TestAccounts.NewEmail()));

        await TestAccounts.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
    }
}
