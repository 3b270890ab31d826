using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Infrastructure;

public sealed class HttpDefaultsTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/nothing-here")]
    [InlineData("/app/files")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
    }

    [Fact]
    public async Task UnknownApiPath_IsANotFoundProblem_NotTheApp()
    {
        await TestAccounts.AssertProblemAsync(await _client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not-found");
        var problem = await (await _client.GetAsync("/api/nothing-here")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:coffer:problem:not-found", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app/files")]
    [InlineData("/l/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/apiary")]
    public async Task AppPaths_FallBackToIndexHtml(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Coffer test app", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DELETE", "/api/health", "GET")]
    [InlineData("PUT", "/api/accounts/login", "POST")]
    [InlineData("DELETE", "/api/files", "GET")]
    [InlineData("GET", "/api/accounts/login", "POST")]
    [InlineData("POST", "/api/health", "GET")]
    public async Task UnsupportedMethodOnAnApiPath_IsAMethodNotAllowedProblem_WithAllow(string method, string path, string allowed)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/folders", "text/plain")]
    [InlineData("/api/accounts/prelogin", "application/xml")]
    public async Task UnsupportedContentTypeOnAnApiPath_IsAnUnsupportedMediaTypeProblem(string path, string contentType)
    {
        using var body = new StringContent("{}", Encoding.UTF8, contentType);
        using var response = await _client.PostAsync(path, body);
        await TestAccounts.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("/api")]
    [InlineData("/api/nope")]
    [InlineData("/api/nope/deeper")]
    [InlineData("/API/Nope")]
    public async Task UnknownApiPath_IsANotFoundProblem_ForEveryMethod(string path)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            using var response = await _client.SendAsync(new HttpRequestMessage(method, path));
            await TestAccounts.AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void EveryCatalogueCode_IsKebabCase_WithAnErrorStatus()
    {
        foreach (var (code, (status, title)) in ErrorCodes.Catalogue)
        {
            Assert.Matches("^[a-z]+(-[a-z0-9]+)*$", code);
            Assert.InRange(status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(title));
        }
    }

    [Fact]
    public async Task ApiReference_IsServedWithoutThirdPartyOrigins()
    {
        var page = await _client.GetStringAsync("/scalar/");
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/scalar/scalar.js")).StatusCode);
    }
}
