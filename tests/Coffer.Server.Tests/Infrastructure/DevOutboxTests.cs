using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

public sealed class DevOutboxTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    [Fact]
    public async Task Outbox_ShowsTheConfirmationMail_AsJsonAndHtml()
    {
        var client = factory.CreateClient();
        var email = TestAccounts.NewEmail();
        await client.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(email, RandomNumberGenerator.GetBytes(32)));

        var mails = await client.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={email}");
        var mail = mails.EnumerateArray().Single();
        var code = await TestAccounts.LatestCodeAsync(client, email);
        Assert.Contains(code, mail.GetProperty("text").GetString(), StringComparison.Ordinal);

        var page = await client.GetAsync("/dev/outbox");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(code, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outbox_PrintsMailToTheLog_InDevelopment()
    {
        var client = factory.CreateClient();
        var email = TestAccounts.NewEmail();
        await client.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(email, RandomNumberGenerator.GetBytes(32)));
        var code = await TestAccounts.LatestCodeAsync(client, email);
        Assert.Contains(factory.Logs, line => line.Contains(email, StringComparison.Ordinal) && line.Contains(code, StringComparison.Ordinal));
    }
}

/// <summary>A production-like host: SMTP configured (an unreachable port), outbox therefore off unless asked for.</summary>
public sealed class ProductionAppFactory : CofferAppFactory
{
    protected override string Environment => "Production";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = "9";
        return settings;
    }
}

public sealed class NoOutboxTests(ProductionAppFactory factory) : IClassFixture<ProductionAppFactory>
{
    [Fact]
    public async Task Outbox_IsNotMapped_WhenSmtpIsConfigured()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/outbox.json")).StatusCode);
        Assert.DoesNotContain("outbox", await client.GetStringAsync("/dev/outbox"), StringComparison.OrdinalIgnoreCase);
    }
}
