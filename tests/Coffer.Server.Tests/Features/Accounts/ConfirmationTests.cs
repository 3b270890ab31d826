using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Coffer.Contracts.Accounts;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Accounts;

public sealed class ConfirmationTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<string> RegisterAsync(string email)
    {
        await _client.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(email, RandomNumberGenerator.GetBytes(32)));
        return await TestAccounts.LatestCodeAsync(_client, email);
    }

    private Task<HttpResponseMessage> ConfirmAsync(string email, string code) =>
        _client.PostAsJsonAsync("/api/accounts/confirm", new ConfirmRequest(email, code));

    private static string Other(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Code_AfterFiveWrongAttempts_StopsWorking()
    {
        var email = TestAccounts.NewEmail();
        var code = await RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            await TestAccounts.AssertProblemAsync(await ConfirmAsync(email, Other(code)), HttpStatusCode.BadRequest, "invalid-code");
        }

        await TestAccounts.AssertProblemAsync(await ConfirmAsync(email, code), HttpStatusCode.BadRequest, "invalid-code");
    }

    [Fact]
    public async Task Code_AfterTenMinutes_HasExpired()
    {
        var email = TestAccounts.NewEmail();
        var code = await RegisterAsync(email);
        factory.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await TestAccounts.AssertProblemAsync(await ConfirmAsync(email, code), HttpStatusCode.BadRequest, "invalid-code");
    }

    [Fact]
    public async Task NewCode_InvalidatesTheOldOne()
    {
        var email = TestAccounts.NewEmail();
        var first = await RegisterAsync(email);
        string second;
        do
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsJsonAsync("/api/accounts/confirm/resend", new ResendCodeRequest(email))).StatusCode);
            second = await TestAccounts.LatestCodeAsync(_client, email);
        }
        while (second == first);

        await TestAccounts.AssertProblemAsync(await ConfirmAsync(email, first), HttpStatusCode.BadRequest, "invalid-code");
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmAsync(email, second)).StatusCode);
    }

    [Fact]
    public async Task EveryFailure_GetsTheSameAnswer()
    {
        var confirmed = await TestAccounts.CreateAsync(factory);
        await TestAccounts.AssertProblemAsync(await ConfirmAsync(TestAccounts.NewEmail(), "123456"), HttpStatusCode.BadRequest, "invalid-code");
        await TestAccounts.AssertProblemAsync(await ConfirmAsync(confirmed.Email, "123456"), HttpStatusCode.BadRequest, "invalid-code");
        await TestAccounts.AssertProblemAsync(await ConfirmAsync(TestAccounts.NewEmail(), ""), HttpStatusCode.BadRequest, "invalid-code");
    }

    [Fact]
    public async Task Resend_ForAnUnknownEmail_Answers202AndSendsNothing()
    {
        var email = TestAccounts.NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await _client.PostAsJsonAsync("/api/accounts/confirm/resend", new ResendCodeRequest(email))).StatusCode);
        var mails = await _client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/dev/outbox.json?to={email}");
        Assert.Equal(0, mails.GetArrayLength());
    }
}
