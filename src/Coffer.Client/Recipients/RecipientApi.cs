using System.Globalization;
using System.Net.Http.Headers;
using Coffer.Client.Http;
using Coffer.Client.Versions;
using Coffer.Contracts;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Crypto.Codecs;
using Coffer.Crypto.Keys;

namespace Coffer.Client.Recipients;

/// <summary>
/// The typed recipient API under <c>/api/l/{linkId}</c>. Every request carries the link auth token derived from the secret;
/// the secret itself never leaves this process.
/// </summary>
public sealed class RecipientApi
{
    private static readonly CofferJsonContext Json = CofferJsonContext.Default;

    public RecipientApi(HttpClient http, string linkId, ReadOnlySpan<byte> linkSecret, string? sessionToken = null)
    {
        LinkId = linkId;
        var authToken = Base64Url.Encode(LinkKeys.DeriveAuthToken(linkSecret, linkId));
        SessionToken = sessionToken;
        Connection = new ApiConnection(http, request =>
        {
            request.Headers.Add(LinkHttp.TokenHeader, authToken);
            if (SessionToken is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        });
    }

    public string LinkId { get; }

    /// <summary>The link-session bearer token (set by <see cref="OpenSessionAsync"/>).</summary>
    public string? SessionToken { get; set; }

    public ApiConnection Connection { get; }

    private string Base => "api/l/" + Uri.EscapeDataString(LinkId);

    public Task<LinkGateDto> GateAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync(Base + "/gate", Json.LinkGateDto, cancellationToken);

    public Task RequestCodeAsync(string email, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, Base + "/verification", new LinkVerificationRequest(email), Json.LinkVerificationRequest, cancellationToken);

    public async Task<LinkSessionDto> OpenSessionAsync(string? email, string? code, CancellationToken cancellationToken = default)
    {
        var session = await Connection.SendAsync(HttpMethod.Post, Base + "/session", new LinkSessionRequest(email, code, LinkHttp.CliClient), Json.LinkSessionRequest, Json.LinkSessionDto, cancellationToken);
        SessionToken = session.Token;
        return session;
    }

    public Task CloseSessionAsync(CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Delete, Base + "/session", cancellationToken);

    public Task<LinkInfoDto> InfoAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync(Base, Json.LinkInfoDto, cancellationToken);

    /// <summary>One page of the available versions, newest first: numbers below <paramref name="before"/> (null: from the latest).</summary>
    public Task<VersionListDto> VersionsAsync(int? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        Connection.GetAsync(Base + "/versions" + VersionPages.Query(before, limit), Json.VersionListDto, cancellationToken);

    /// <summary>Every available version, newest first, page after page.</summary>
    public IAsyncEnumerable<VersionDto> AllVersionsAsync(CancellationToken cancellationToken = default) =>
        VersionPages.AllAsync((before, limit, ct) => VersionsAsync(before, limit, ct), cancellationToken);

    public string ContentPath(int number) => $"{Base}/versions/{number.ToString(CultureInfo.InvariantCulture)}/content?purpose=download";

    public string UploadsPath => Base + "/uploads";

    public string EventsPath => Base + "/events";

    public Task<CommitVersionResponse> CommitVersionAsync(CommitVersionRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, Base + "/versions", request, Json.CommitVersionRequest, Json.CommitVersionResponse, cancellationToken);

    public Task<CommitVersionResponse> MakeCurrentAsync(int number, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, $"{Base}/versions/{number.ToString(CultureInfo.InvariantCulture)}/make-current", Json.CommitVersionResponse, cancellationToken);
}
