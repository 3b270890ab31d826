using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Accounts;

public sealed class AccountTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    [Fact]
    public async Task Register_Confirm_Login_Me_ReturnsTheStoredKeyMaterial()
    {
        var email = TestAccounts.NewEmail();
        var authKey = RandomNumberGenerator.GetBytes(32);
        var registration = TestAccounts.NewRegistration(email, authKey);
        Assert.Equal(HttpStatusCode.Accepted, (await _anonymous.PostAsJsonAsync("/api/accounts/register", registration)).StatusCode);
        var code = await TestAccounts.LatestCodeAsync(_anonymous, email);
        Assert.Equal(HttpStatusCode.NoContent, (await _anonymous.PostAsJsonAsync("/api/accounts/confirm", new ConfirmRequest(email.ToUpperInvariant(), code))).StatusCode);

        var login = await TestAccounts.LoginAsync(_anonymous, $"  {email.ToUpperInvariant()} ", authKey);
        Assert.NotNull(login.Token);
        Assert.Equal(factory.Time.GetUtcNow() + TimeSpan.FromDays(14), login.ExpiresAt);
        Assert.Equal(email, login.Account.Email);
        Assert.Equal(registration.Kdf, login.Account.Kdf);
        Assert.Equal(registration.WrappedAccountKey, login.Account.WrappedAccountKey);
        Assert.Equal("Professional", login.Account.Plan);
        Assert.True(login.Account.Limits.CooperativeLinks);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
        var account = await (await _anonymous.SendAsync(me)).Content.ReadFromJsonAsync<AccountDto>();
        Assert.Equal(login.Account, account);
    }

    [Fact]
    public async Task Login_WithWrongAuthKey_IsRefused()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var response = await _anonymous.PostAsJsonAsync("/api/accounts/login", new LoginRequest(account.Email, Base64Url.Encode(RandomNumberGenerator.GetBytes(32))));
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Login_WithUnknownEmail_AnswersExactlyLikeAWrongKey()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/accounts/login", new LoginRequest(TestAccounts.NewEmail(), Base64Url.Encode(RandomNumberGenerator.GetBytes(32))));
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task Login_BeforeConfirmation_IsRefused()
    {
        var email = TestAccounts.NewEmail();
        var authKey = RandomNumberGenerator.GetBytes(32);
        await _anonymous.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(email, authKey));
        var response = await _anonymous.PostAsJsonAsync("/api/accounts/login", new LoginRequest(email, Base64Url.Encode(authKey)));
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.Forbidden, "email-not-confirmed");
    }

    [Fact]
    public async Task Register_WithBadKeyMaterial_IsAnInvalidRequestProblem()
    {
        var email = TestAccounts.NewEmail();
        var good = TestAccounts.NewRegistration(email, RandomNumberGenerator.GetBytes(32));
        RegisterRequest[] bad =
        [
            good with { Email = "not-an-email" },
            good with { AuthKey = Base64Url.Encode(new byte[31]) },
            good with { AuthKey = good.AuthKey + "=" },
            good with { WrappedAccountKey = Base64Url.Encode(new byte[61]) },
            good with { Kdf = good.Kdf with { Iterations = 1000 } },
            good with { Kdf = good.Kdf with { Algorithm = "argon2id" } },
            good with { Kdf = good.Kdf with { Salt = Base64Url.Encode(new byte[8]) } },
        ];
        foreach (var request in bad)
        {
            await TestAccounts.AssertProblemAsync(await _anonymous.PostAsJsonAsync("/api/accounts/register", request), HttpStatusCode.BadRequest, "invalid-request");
        }
    }

    [Fact]
    public async Task Register_WithMalformedJson_IsAnInvalidRequestProblem()
    {
        var response = await _anonymous.PostAsync("/api/accounts/register", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task Register_AnExistingAccount_Answers202AndChangesNothing()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var response = await _anonymous.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(account.Email, RandomNumberGenerator.GetBytes(32)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await TestAccounts.LoginAsync(_anonymous, account.Email, account.AuthKey);
    }

    [Fact]
    public async Task Session_AfterItsLifetime_IsRefused()
    {
        var account = await TestAccounts.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await account.Client.GetAsync("/api/accounts/me")).StatusCode);
        factory.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        await TestAccounts.AssertProblemAsync(await account.Client.GetAsync("/api/accounts/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task UnknownOrMissingToken_IsUnauthenticated()
    {
        await TestAccounts.AssertProblemAsync(await _anonymous.GetAsync("/api/accounts/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/files");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
        await TestAccounts.AssertProblemAsync(await _anonymous.SendAsync(request), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var account = await TestAccounts.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.NoContent, (await account.Client.PostAsync("/api/accounts/logout", null)).StatusCode);
        await TestAccounts.AssertProblemAsync(await account.Client.GetAsync("/api/accounts/me"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task ChangePassword_StoresNewKeys_AndEndsOtherSessions()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var other = await TestAccounts.LoginAsync(_anonymous, account.Email, account.AuthKey);
        var newAuthKey = RandomNumberGenerator.GetBytes(32);
        var change = new ChangePasswordRequest(Base64Url.Encode(account.AuthKey), TestAccounts.NewKdf(), Base64Url.Encode(newAuthKey), TestAccounts.NewWrappedKey());

        var wrong = change with { CurrentAuthKey = Base64Url.Encode(RandomNumberGenerator.GetBytes(32)) };
        await TestAccounts.AssertProblemAsync(await account.Client.PostAsJsonAsync("/api/accounts/password", wrong), HttpStatusCode.Unauthorized, "invalid-credentials");

        Assert.Equal(HttpStatusCode.NoContent, (await account.Client.PostAsJsonAsync("/api/accounts/password", change)).StatusCode);

        var me = await account.Client.GetFromJsonAsync<AccountDto>("/api/accounts/me");
        Assert.Equal(change.Kdf, me!.Kdf);
        Assert.Equal(change.WrappedAccountKey, me.WrappedAccountKey);
        using var otherRequest = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        otherRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", other.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.SendAsync(otherRequest)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PostAsJsonAsync("/api/accounts/login", new LoginRequest(account.Email, Base64Url.Encode(account.AuthKey)))).StatusCode);
        await TestAccounts.LoginAsync(_anonymous, account.Email, newAuthKey);
    }
}
