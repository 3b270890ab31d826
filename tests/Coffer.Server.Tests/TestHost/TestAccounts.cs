using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Security;

namespace Coffer.Server.Tests.TestHost;

/// <summary>An account made through the real endpoints: registered, confirmed via the dev outbox, logged in with a bearer token.</summary>
public sealed record TestAccount(string Email, byte[] AuthKey, string Token, HttpClient Client, Guid Id);

/// <summary>Registration, confirmation and login helpers over HTTP.</summary>
public static partial class TestAccounts
{
    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static KdfParameters NewKdf() => new("pbkdf2-sha256", 600_000, Base64Url.Encode(RandomNumberGenerator.GetBytes(16)));

    public static string NewWrappedKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(61);
        bytes[0] = 1;
        return Base64Url.Encode(bytes);
    }

    public static RegisterRequest NewRegistration(string email, byte[] authKey) =>
        new(email, NewKdf(), Base64Url.Encode(authKey), NewWrappedKey());

    public static async Task<TestAccount> CreateAsync(CofferAppFactory factory, string? email = null)
    {
        email ??= NewEmail();
        var authKey = RandomNumberGenerator.GetBytes(32);
        var anonymous = factory.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/register", NewRegistration(email, authKey))).EnsureSuccessStatusCode();
        var code = await LatestCodeAsync(anonymous, email);
        (await anonymous.PostAsJsonAsync("/api/accounts/confirm", new ConfirmRequest(email, code))).EnsureSuccessStatusCode();
        var login = await LoginAsync(anonymous, email, authKey);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Token);
        return new TestAccount(email, authKey, login.Token!, client, login.Account.Id);
    }

    public static async Task<LoginResponse> LoginAsync(HttpClient client, string email, byte[] authKey)
    {
        var response = await client.PostAsJsonAsync("/api/accounts/login", new LoginRequest(email, Base64Url.Encode(authKey)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LoginResponse>())!;
    }

    /// <summary>The code of the newest mail to <paramref name="email"/> in the development outbox.</summary>
    public static async Task<string> LatestCodeAsync(HttpClient client, string email)
    {
        var mails = await client.GetFromJsonAsync<JsonElement>($"/dev/outbox.json?to={Uri.EscapeDataString(email)}");
        var subject = mails.EnumerateArray().First().GetProperty("subject").GetString()!;
        return CodePattern().Match(subject).Value;
    }

    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Asserts the status and the problem's errorCode (and that traceId is there).</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await ReadProblemAsync(response);
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();
}
