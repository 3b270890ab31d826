using System.Net;
using System.Net.Http.Json;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Files;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

public sealed class AntiforgeryTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private async Task<(HttpClient Browser, string Csrf)> CookieLoginAsync()
    {
        var account = await TestAccounts.CreateAsync(factory);
        var browser = factory.CreateClient();
        var response = await browser.PostAsJsonAsync("/api/accounts/login", new LoginRequest(account.Email, Base64Url.Encode(account.AuthKey), "cookie"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("coffer_session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        var csrf = cookies.Single(c => c.StartsWith("coffer_csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", csrf, StringComparison.OrdinalIgnoreCase);
        return (browser, csrf.Split(';')[0]["coffer_csrf=".Length..]);
    }

    private static CreateFolderRequest NewFolder() => new(Guid.NewGuid(), null, TestFiles.NewSealedBox());

    [Fact]
    public async Task CookieSession_ReadsWithoutTheHeader()
    {
        var (browser, _) = await CookieLoginAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Fact]
    public async Task CookieWrite_WithoutOrWithAWrongHeader_IsRefused()
    {
        var (browser, csrf) = await CookieLoginAsync();
        await TestAccounts.AssertProblemAsync(await browser.PostAsJsonAsync("/api/folders", NewFolder()), HttpStatusCode.Forbidden, "antiforgery-failed");

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/folders") { Content = JsonContent.Create(NewFolder()) };
        wrong.Headers.Add("X-Coffer-Csrf", csrf + "x");
        await TestAccounts.AssertProblemAsync(await browser.SendAsync(wrong), HttpStatusCode.Forbidden, "antiforgery-failed");

        using var right = new HttpRequestMessage(HttpMethod.Post, "/api/folders") { Content = JsonContent.Create(NewFolder()) };
        right.Headers.Add("X-Coffer-Csrf", csrf);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task BearerWrite_NeedsNoHeader()
    {
        var account = await TestAccounts.CreateAsync(factory);
        Assert.Equal(HttpStatusCode.Created, (await account.Client.PostAsJsonAsync("/api/folders", NewFolder())).StatusCode);
    }

    [Fact]
    public async Task CookieLogout_ClearsTheSession()
    {
        var (browser, csrf) = await CookieLoginAsync();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/accounts/logout");
        logout.Headers.Add("X-Coffer-Csrf", csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/accounts/me")).StatusCode);
    }
}
