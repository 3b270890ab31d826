using System.Net.Http.Json;
using System.Text.Json;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Accounts;

public sealed class PreloginTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Prelogin_ForAnAccount_ReturnsItsStoredKdfRecord()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var me = await account.Client.GetFromJsonAsync<AccountDto>("/api/accounts/me");
        var answer = await PreloginAsync(account.Email);
        Assert.Equal(me!.Kdf, answer.Kdf);
    }

    [Fact]
    public async Task Prelogin_ForAnUnknownEmail_IsStableAndShapedLikeARealOne()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var unknown = TestAccounts.NewEmail();

        var realRaw = await RawAsync(account.Email);
        var fakeRaw = await RawAsync(unknown);
        var fake = await PreloginAsync(unknown);
        var again = await PreloginAsync($" {unknown.ToUpperInvariant()}");

        Assert.Equal(fake, again);
        Assert.Equal("pbkdf2-sha256", fake.Kdf.Algorithm);
        Assert.Equal(600_000, fake.Kdf.Iterations);
        Assert.Equal(16, Base64Url.Decode(fake.Kdf.Salt).Length);
        Assert.NotEqual(fake, await PreloginAsync(TestAccounts.NewEmail()));
        // Same JSON shape: the same property names in the same order, the same salt length.
        Assert.Equal(Shape(realRaw), Shape(fakeRaw));
        Assert.Equal(realRaw.Length, fakeRaw.Length);
    }

    [Fact]
    public async Task Prelogin_ForAnUnconfirmedRegistration_LooksTheSameAsForAnyone()
    {
        var email = TestAccounts.NewEmail();
        var registration = TestAccounts.NewRegistration(email, new byte[32]);
        await _client.PostAsJsonAsync("/api/accounts/register", registration);
        Assert.Equal(registration.Kdf, (await PreloginAsync(email)).Kdf);
    }

    private async Task<PreloginResponse> PreloginAsync(string email) =>
        (await (await _client.PostAsJsonAsync("/api/accounts/prelogin", new PreloginRequest(email))).Content.ReadFromJsonAsync<PreloginResponse>())!;

    private async Task<string> RawAsync(string email) =>
        await (await _client.PostAsJsonAsync("/api/accounts/prelogin", new PreloginRequest(email))).Content.ReadAsStringAsync();

    private static string Shape(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join(",", document.RootElement.GetProperty("kdf").EnumerateObject().Select(p => $"{p.Name}:{p.Value.ValueKind}"));
    }
}
