using System.Globalization;
using System.Net.Http.Headers;
using Coffer.Client.Http;
using Coffer.Client.Versions;
using Coffer.Contracts;
using Coffer.Contracts.Accounts;
using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Contracts.Organizations;

namespace Coffer.Client.Owner;

/// <summary>The typed owner API (accounts, folders, files, versions, admin), one call per route; no crypto here.</summary>
public sealed class OwnerApi
{
    private static readonly CofferJsonContext Json = CofferJsonContext.Default;

    public OwnerApi(HttpClient http, string? bearerToken = null)
    {
        BearerToken = bearerToken;
        Connection = new ApiConnection(http, request =>
        {
            if (BearerToken is { } token)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        });
    }

    /// <summary>The session token sent as <c>Authorization: Bearer</c>; set by <see cref="LoginAsync"/>.</summary>
    public string? BearerToken { get; set; }

    public ApiConnection Connection { get; }

    public Task<PreloginResponse> PreloginAsync(string email, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/prelogin", new PreloginRequest(email), Json.PreloginRequest, Json.PreloginResponse, cancellationToken);

    public Task RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/register", request, Json.RegisterRequest, cancellationToken);

    public Task ConfirmAsync(string email, string code, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/confirm", new ConfirmRequest(email, code), Json.ConfirmRequest, cancellationToken);

    public Task ResendCodeAsync(string email, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/confirm/resend", new ResendCodeRequest(email), Json.ResendCodeRequest, cancellationToken);

    public async Task<LoginResponse> LoginAsync(string email, string authKey, CancellationToken cancellationToken = default)
    {
        var response = await Connection.SendAsync(HttpMethod.Post, "api/accounts/login", new LoginRequest(email, authKey, "bearer"), Json.LoginRequest, Json.LoginResponse, cancellationToken);
        BearerToken = response.Token;
        return response;
    }

    public Task LogoutAsync(CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/logout", cancellationToken);

    public Task<AccountDto> MeAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync("api/accounts/me", Json.AccountDto, cancellationToken);

    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/accounts/password", request, Json.ChangePasswordRequest, cancellationToken);

    public Task<IReadOnlyList<FolderDto>> ListFoldersAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync("api/folders", Json.IReadOnlyListFolderDto, cancellationToken);

    public Task<FolderDto> CreateFolderAsync(CreateFolderRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/folders", request, Json.CreateFolderRequest, Json.FolderDto, cancellationToken);

    /// <summary>Lists files; <paramref name="folderId"/> null lists every folder, <paramref name="rootOnly"/> only the root.</summary>
    public Task<IReadOnlyList<FileDto>> ListFilesAsync(Guid? folderId = null, bool rootOnly = false, bool trashed = false, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (folderId is { } id)
            query.Add("folderId=" + id.ToString("D"));
        else if (rootOnly)
            query.Add("folderId=root");
        if (trashed)
            query.Add("trashed=true");
        var path = query.Count == 0 ? "api/files" : "api/files?" + string.Join('&', query);
        return Connection.GetAsync(path, Json.IReadOnlyListFileDto, cancellationToken);
    }

    public Task<FileDto> GetFileAsync(Guid fileId, CancellationToken cancellationToken = default) =>
        Connection.GetAsync($"api/files/{fileId:D}", Json.FileDto, cancellationToken);

    public Task<FileDto> CreateFileAsync(CreateFileRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/files", request, Json.CreateFileRequest, Json.FileDto, cancellationToken);

    public Task<FileDto> RenameFileAsync(Guid fileId, string sealedName, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Patch, $"api/files/{fileId:D}", new RenameRequest(sealedName), Json.RenameRequest, Json.FileDto, cancellationToken);

    /// <summary>One page of the available versions, newest first: numbers below <paramref name="before"/> (null: from the latest).</summary>
    public Task<VersionListDto> ListVersionsAsync(Guid fileId, int? before = null, int? limit = null, CancellationToken cancellationToken = default) =>
        Connection.GetAsync($"api/files/{fileId:D}/versions" + VersionPages.Query(before, limit), Json.VersionListDto, cancellationToken);

    /// <summary>Every available version, newest first, page after page.</summary>
    public IAsyncEnumerable<VersionDto> ListAllVersionsAsync(Guid fileId, CancellationToken cancellationToken = default) =>
        VersionPages.AllAsync((before, limit, ct) => ListVersionsAsync(fileId, before, limit, ct), cancellationToken);

    public Task<CommitVersionResponse> CommitVersionAsync(Guid fileId, CommitVersionRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, $"api/files/{fileId:D}/versions", request, Json.CommitVersionRequest, Json.CommitVersionResponse, cancellationToken);

    public Task<CommitVersionResponse> MakeCurrentAsync(Guid fileId, int number, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, $"api/files/{fileId:D}/versions/{number.ToString(CultureInfo.InvariantCulture)}/make-current", Json.CommitVersionResponse, cancellationToken);

    /// <summary>The route of a version's ciphertext, for the sealed downloader.</summary>
    public static string ContentPath(Guid fileId, int number) => $"api/files/{fileId:D}/versions/{number.ToString(CultureInfo.InvariantCulture)}/content";

    public Task<OrganizationDto> GetOrganizationAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync("api/admin/organization", Json.OrganizationDto, cancellationToken);

    public Task AddMemberAsync(string email, string role, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/admin/organization/members", new AddMemberRequest(email, role), Json.AddMemberRequest, cancellationToken);

    public Task<OrganizationPolicyDto> GetPolicyAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync("api/admin/organization/policy", Json.OrganizationPolicyDto, cancellationToken);

    public Task<OrganizationPolicyDto> PutPolicyAsync(OrganizationPolicyDto policy, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Put, "api/admin/organization/policy", policy, Json.OrganizationPolicyDto, Json.OrganizationPolicyDto, cancellationToken);

    public Task<LinkDto> CreateLinkAsync(CreateLinkRequest request, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Post, "api/links", request, Json.CreateLinkRequest, Json.LinkDto, cancellationToken);

    public Task<IReadOnlyList<LinkDto>> ListLinksAsync(Guid? fileId = null, CancellationToken cancellationToken = default) =>
        Connection.GetAsync(fileId is { } id ? $"api/links?fileId={id:D}" : "api/links", Json.IReadOnlyListLinkDto, cancellationToken);

    public Task<LinkDto> GetLinkAsync(string linkId, CancellationToken cancellationToken = default) =>
        Connection.GetAsync($"api/links/{Uri.EscapeDataString(linkId)}", Json.LinkDto, cancellationToken);

    public Task RevokeLinkAsync(string linkId, CancellationToken cancellationToken = default) =>
        Connection.SendAsync(HttpMethod.Delete, $"api/links/{Uri.EscapeDataString(linkId)}", cancellationToken);

    public Task<IReadOnlyList<LinkDto>> ListOrganizationLinksAsync(CancellationToken cancellationToken = default) =>
        Connection.GetAsync("api/admin/links", Json.IReadOnlyListLinkDto, cancellationToken);

    /// <summary>Every entry of a link's access log, oldest first (all pages).</summary>
    public async Task<IReadOnlyList<AccessLogEntryDto>> GetAccessLogAsync(string linkId, CancellationToken cancellationToken = default)
    {
        var entries = new List<AccessLogEntryDto>();
        long? after = null;
        do
        {
            var path = $"api/links/{Uri.EscapeDataString(linkId)}/log?limit=500" + (after is { } a ? "&after=" + a.ToString(CultureInfo.InvariantCulture) : "");
            var page = await Connection.GetAsync(path, Json.AccessLogPageDto, cancellationToken);
            entries.AddRange(page.Entries);
            after = page.NextAfter;
        }
        while (after is not null);
        return entries;
    }

    /// <summary>The whole access log as the server's CSV, copied to <paramref name="destination"/>.</summary>
    public async Task CopyAccessLogCsvAsync(string linkId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var request = Connection.Request(HttpMethod.Get, $"api/links/{Uri.EscapeDataString(linkId)}/log.csv");
        using var response = await Connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await ApiConnection.EnsureSuccessAsync(response, cancellationToken);
        await response.Content.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>The access-log entry with sequence number <paramref name="sequence"/>, or null when the log has none.</summary>
    public async Task<AccessLogEntryDto?> GetAccessLogEntryAsync(string linkId, long sequence, CancellationToken cancellationToken = default)
    {
        var path = $"api/links/{Uri.EscapeDataString(linkId)}/log?limit=1&after=" + (sequence - 1).ToString(CultureInfo.InvariantCulture);
        var page = await Connection.GetAsync(path, Json.AccessLogPageDto, cancellationToken);
        return page.Entries.FirstOrDefault(e => e.Sequence == sequence);
    }

    public Task<AccessLogVerificationDto> VerifyAccessLogAsync(string linkId, CancellationToken cancellationToken = default) =>
        Connection.GetAsync($"api/links/{Uri.EscapeDataString(linkId)}/log/verify", Json.AccessLogVerificationDto, cancellationToken);
}
