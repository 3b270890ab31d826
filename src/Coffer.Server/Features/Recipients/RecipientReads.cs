using Coffer.Contracts.Files;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Downloads;
using Coffer.Server.Features.Files;
using Coffer.Server.Infrastructure.Blobs;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coffer.Server.Features.Recipients;

/// <summary>What a recipient reads: the link's file, its versions, and their ciphertext (previews and downloads are logged).</summary>
public static class RecipientReads
{
    public const string PreviewPurpose = "preview";
    public const string DownloadPurpose = "download";

    public static async Task<Results<Ok<LinkInfoDto>, ProblemHttpResult>> Info(
        string linkId, HttpContext http, LinkGate gate, VersionWindow window, CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.EnterAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var link = access.Link;
        var file = access.File;
        return TypedResults.Ok(new LinkInfoDto(
            link.Id,
            file.Id,
            link.Permission,
            link.Cooperative,
            file.Extension,
            Base64Url.Encode(link.WrappedFileKey),
            Base64Url.Encode(file.SealedName),
            access.CanDownload,
            link.Cooperative,
            link.Watermark,
            link.ExpiresAt,
            access.Email,
            await window.ListAsync(file, VersionPage.First, cancellationToken)));
    }

    public static async Task<Results<Ok<VersionListDto>, ProblemHttpResult>> Versions(
        string linkId, string? before, string? limit, HttpContext http, LinkGate gate, VersionWindow window, CancellationToken cancellationToken)
    {
        if (!VersionPage.TryParse(before, limit, out var page, out var invalid))
        {
            return invalid!;
        }

        var (access, problem) = await gate.EnterAsync(linkId, http, cancellationToken);
        return access is null ? problem! : TypedResults.Ok(await window.ListAsync(access.File, page, cancellationToken));
    }

    public static async Task<Results<CiphertextResult, ProblemHttpResult>> Content(
        string linkId,
        int number,
        string? purpose,
        HttpContext http,
        LinkGate gate,
        VersionWindow window,
        AccessLogWriter log,
        CancellationToken cancellationToken)
    {
        purpose ??= DownloadPurpose;
        if (purpose is not (PreviewPurpose or DownloadPurpose))
        {
            return Problems.Invalid("purpose must be \"preview\" or \"download\".");
        }

        var (access, problem) = await gate.EnterAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        if (purpose == DownloadPurpose && !access.CanDownload)
        {
            return Problems.Of(ErrorCodes.DownloadDisabled,
                access.Link.DisableDownload
                    ? "The owner disabled downloads for this link; the file can be previewed only."
                    : "Your organization's policy disables downloads; the file can be previewed only.");
        }

        var version = await window.FindAvailableAsync(access.File, number, cancellationToken);
        if (version is null)
        {
            return Problems.Of(ErrorCodes.VersionNotAvailable, "No available version with that number.");
        }

        if (access.Link.AccessLog && HttpMethods.IsGet(http.Request.Method) && StartsAtZero(http.Request))
        {
            var (ip, agent) = RequestOrigin.Of(http);
            var action = purpose == PreviewPurpose ? AccessLogActions.Previewed : AccessLogActions.Downloaded;
            await log.AppendAsync(new AccessLogEvent(access.Link.Id, access.File.Id, action, access.Email, version.Number, ip, agent), cancellationToken);
        }

        return CiphertextResult.Of(BlobId.Parse(version.BlobId), version.CiphertextSha256);
    }

    /// <summary>A fetch that starts the content (no Range, or one from byte 0): logged once, not once per seek of a video.</summary>
    private static bool StartsAtZero(HttpRequest request)
    {
        var range = request.Headers.Range.ToString();
        return range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal);
    }
}
