using System.Globalization;
using System.Net;
using Coffer.Server.Features.Uploads;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;

namespace Coffer.Server.Tests.Features.Uploads;

/// <summary>tus discovery through the real app: OPTIONS needs no login, every other tus method still does.</summary>
public sealed class UploadDiscoveryTests(CofferAppFactory factory) : IClassFixture<CofferAppFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClient();

    [Fact]
    public async Task Options_OnTheUploadsCollection_AnswersWithoutLogin()
    {
        using var response = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/uploads"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TusApi.TusVersion, response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal(TusApi.TusExtensions, response.Headers.GetValues("Tus-Extension").Single());
        Assert.True(long.Parse(response.Headers.GetValues("Tus-Max-Size").Single(), CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task EveryOtherTusMethod_StillNeedsLogin()
    {
        var owner = await TestAccounts.CreateAsync(factory);
        using var created = await owner.Client.SendAsync(Tus(HttpMethod.Post, "/api/uploads", r =>
            r.Headers.Add("Upload-Length", TestFiles.NewCiphertext().Length.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;

        using var create = await _anonymous.SendAsync(Tus(HttpMethod.Post, "/api/uploads", r => r.Headers.Add("Upload-Length", "1064")));
        using var head = await _anonymous.SendAsync(Tus(HttpMethod.Head, location));
        using var patch = await _anonymous.SendAsync(Tus(HttpMethod.Patch, location, r =>
        {
            r.Headers.Add("Upload-Offset", "0");
            r.Content = new ByteArrayContent(new byte[10]);
            r.Content.Headers.ContentType = new(TusApi.OffsetOctetStream);
        }));
        using var delete = await _anonymous.SendAsync(Tus(HttpMethod.Delete, location));

        await TestAccounts.AssertProblemAsync(create, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
        await TestAccounts.AssertProblemAsync(patch, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        await TestAccounts.AssertProblemAsync(delete, HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        using var stillThere = await owner.Client.SendAsync(Tus(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.Equal("0", stillThere.Headers.GetValues("Upload-Offset").Single());
    }

    [Fact]
    public async Task Options_OnALinkUploads_RevealsNothingAboutTheLink_AndWritesNeedTheToken()
    {
        var link = await LinkKit.CreateAsync(factory);

        using var existing = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/api/l/{link.Id}/uploads"));
        using var missing = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/api/l/{LinkKit.NewLinkId()}/uploads"));
        using var create = await _anonymous.SendAsync(Tus(HttpMethod.Post, $"/api/l/{link.Id}/uploads", r => r.Headers.Add("Upload-Length", "1064")));

        // The same protocol-only answer for a real link and an unknown one: no link state, no existence oracle.
        Assert.Equal(missing.StatusCode, existing.StatusCode);
        Assert.Equal(HeadersOf(missing), HeadersOf(existing));
        Assert.Equal(string.Empty, await existing.Content.ReadAsStringAsync());
        Assert.InRange((int)create.StatusCode, 400, 499);
    }

    private static HttpRequestMessage Tus(HttpMethod method, string path, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Tus-Resumable", TusApi.TusVersion);
        configure?.Invoke(request);
        return request;
    }

    private static string HeadersOf(HttpResponseMessage response) =>
        string.Join('\n', response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
}
