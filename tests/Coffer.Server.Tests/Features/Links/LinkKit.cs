using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Contracts.Organizations;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Security;
using Coffer.Server.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Features.Links;

/// <summary>A link made through the real API, with the auth token only the client knows.</summary>
public sealed record TestLink(LinkDto Link, string Token, TestAccount Owner, FileDto File)
{
    public string Id => Link.Id;
}

/// <summary>Link, recipient and organization helpers over HTTP (the server never sees the link secret, so tests just pick a token).</summary>
public static class LinkKit
{
    public static string NewLinkId() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    public static string NewToken() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Base64Url.Encode(SHA256.HashData(Base64Url.Decode(token)));

    public static CreateLinkRequest NewRequest(Guid fileId, string permission, string token, string? id = null) =>
        new(id ?? NewLinkId(), fileId, permission, TestAccounts.NewWrappedKey(), HashOf(token));

    public static async Task<TestLink> CreateAsync(
        CofferAppFactory factory, string permission = LinkPermissions.Modify, TestAccount? owner = null, Func<CreateLinkRequest, CreateLinkRequest>? change = null)
    {
        owner ??= await TestAccounts.CreateAsync(factory);
        var file = await TestFiles.CreateFileAsync(owner.Client);
        var token = NewToken();
        var request = NewRequest(file.Id, permission, token);
        request = change?.Invoke(request) ?? request;
        var response = await owner.Client.PostAsJsonAsync("/api/links", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return new TestLink((await response.Content.ReadFromJsonAsync<LinkDto>())!, token, owner, file);
    }

    /// <summary>A client carrying the link token (and nothing else yet).</summary>
    public static HttpClient Recipient(CofferAppFactory factory, TestLink link, string? token = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(LinkHttp.TokenHeader, token ?? link.Token);
        return client;
    }

    /// <summary>Asks for a code, reads it from the development outbox, opens a CLI session and sets it as bearer token.</summary>
    public static async Task<HttpClient> VerifiedRecipientAsync(CofferAppFactory factory, TestLink link, string? email = null)
    {
        email ??= TestAccounts.NewEmail("recipient");
        var client = Recipient(factory, link);
        var code = await RequestCodeAsync(client, link.Id, email);
        var session = await OpenSessionAsync(client, link.Id, email, code);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return client;
    }

    public static async Task<string> RequestCodeAsync(HttpClient client, string linkId, string email)
    {
        var response = await client.PostAsJsonAsync($"/api/l/{linkId}/verification", new LinkVerificationRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await TestAccounts.LatestCodeAsync(client, email.Trim().ToLowerInvariant());
    }

    public static async Task<LinkSessionDto> OpenSessionAsync(HttpClient client, string linkId, string? email, string? code)
    {
        var response = await client.PostAsJsonAsync($"/api/l/{linkId}/session", new LinkSessionRequest(email, code, LinkHttp.CliClient));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LinkSessionDto>())!;
    }

    public static Task<HttpResponseMessage> TrySessionAsync(HttpClient client, string linkId, string? email, string? code) =>
        client.PostAsJsonAsync($"/api/l/{linkId}/session", new LinkSessionRequest(email, code, LinkHttp.CliClient));

    /// <summary>Uploads ciphertext through the link's tus endpoint and returns the upload id.</summary>
    public static async Task<string> UploadThroughLinkAsync(HttpClient recipient, string linkId, byte[]? content = null, string extension = "pdf")
    {
        content ??= TestFiles.NewCiphertext();
        using var create = new HttpRequestMessage(HttpMethod.Post, $"/api/l/{linkId}/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", "extension " + Convert.ToBase64String(Encoding.UTF8.GetBytes(extension)));
        var created = await recipient.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.StartsWith($"/api/l/{linkId}/uploads/", location, StringComparison.Ordinal);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(content) };
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var patched = await recipient.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        return location[(location.LastIndexOf('/') + 1)..];
    }

    public static async Task<HttpResponseMessage> CommitThroughLinkAsync(HttpClient recipient, string linkId, int? basedOn, string extension = "pdf")
    {
        var uploadId = await UploadThroughLinkAsync(recipient, linkId, extension: extension);
        return await recipient.PostAsJsonAsync($"/api/l/{linkId}/versions", TestFiles.NewCommit(uploadId, extension, basedOn));
    }

    /// <summary>Makes <paramref name="admin"/> the admin of a new organization on <paramref name="plan"/> and sets its policy.</summary>
    public static async Task CreateOrganizationAsync(CofferAppFactory factory, TestAccount admin, OrganizationPolicyDto policy, Plan plan = Plan.Business)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
            var error = await OrganizationAdmin.CreateAsync(db, factory.Time, "Org " + Guid.NewGuid().ToString("N"), admin.Email, plan, CancellationToken.None);
            Assert.Null(error);
        }

        await SetPolicyAsync(admin, policy);
    }

    public static async Task SetPolicyAsync(TestAccount admin, OrganizationPolicyDto policy)
    {
        var response = await admin.Client.PutAsJsonAsync("/api/admin/organization/policy", policy);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task AddMemberAsync(TestAccount admin, TestAccount member)
    {
        var response = await admin.Client.PostAsJsonAsync("/api/admin/organization/members", new AddMemberRequest(member.Email, "member"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errorCode").GetString()!;
    }
}
