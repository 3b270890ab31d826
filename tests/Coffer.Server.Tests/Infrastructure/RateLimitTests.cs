using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>A host with low limits: 8 account requests per IP and 3 per email per minute.</summary>
public sealed class RateLimitedAppFactory : CofferAppFactory
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["RateLimits:PerIpPerMinute"] = "8";
        settings["RateLimits:PerEmailPerMinute"] = "3";
        return settings;
    }
}

public sealed class RateLimitTests(RateLimitedAppFactory factory) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task AccountEndpoints_AreLimitedPerEmail_ThenPerIp()
    {
        var client = factory.CreateClient();
        var email = TestAccounts.NewEmail();
        var login = new LoginRequest(email, Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/accounts/login", login)).StatusCode);
        }

        await TestAccounts.AssertProblemAsync(await client.PostAsJsonAsync("/api/accounts/login", login), HttpStatusCode.TooManyRequests, "rate-limited");
        // Another email still gets through until the per-IP budget (8) is spent.
        var other = login with { Email = TestAccounts.NewEmail() };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/accounts/login", other)).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            await client.PostAsJsonAsync("/api/accounts/prelogin", new PreloginRequest(TestAccounts.NewEmail()));
        }

        var limited = await client.PostAsJsonAsync("/api/accounts/prelogin", new PreloginRequest(TestAccounts.NewEmail()));
        await TestAccounts.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter is not null);
    }
}
