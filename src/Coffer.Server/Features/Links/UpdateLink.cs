using System.Globalization;
using System.Security.Claims;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>Editing a link's options under If-Match; a link's permission never changes.</summary>
public static class UpdateLink
{
    public static async Task<Results<Ok<LinkDto>, ProblemHttpResult>> Handle(
        string id,
        UpdateLinkRequest request,
        ClaimsPrincipal user,
        HttpContext http,
        CofferDbContext db,
        LinkPolicies policies,
        AccessLogWriter log,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var managed = await ManagedLinks.FindAsync(db, user, id, cancellationToken);
        if (managed is null)
        {
            return Problems.NotFound("link");
        }

        var link = managed.Link;
        if (!managed.IsCreator)
        {
            return Problems.Of(ErrorCodes.Forbidden, "Only the link's creator can change its options; an admin can revoke it.");
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Problems.Of(ErrorCodes.PreconditionRequired, "Send If-Match with the link's ETag, so a concurrent change is not overwritten.");
        }

        if (ifMatch != "*" && !ifMatch.Split(',').Select(t => t.Trim()).Contains(link.ETag()))
        {
            return Stale(link);
        }

        if (link.RevokedAt is not null)
        {
            return Problems.Of(ErrorCodes.LinkRevoked, "A revoked link cannot be changed; create a new link.");
        }

        if (request.Permission is { } permission && permission != link.Permission)
        {
            return Problems.Of(ErrorCodes.LinkPermissionImmutable,
                link.Cooperative
                    ? "A cooperative (modify) link cannot become a plain (access) link; revoke it and create a new link instead."
                    : "A plain (access) link can never become a cooperative (modify) link; create a new cooperative link instead.");
        }

        var before = Snapshot(link);
        var rules = await policies.ForAccountAsync(link.CreatorId, cancellationToken);
        var now = time.GetUtcNow();
        var changes = new LinkOptionChanges(request.AccessLog, request.RequireEmail, request.DisableDownload, request.Watermark,
            request.ExpiresAt, request.ClearExpiry == true, request.OpenLimit, request.ClearOpenLimit == true, request.NotifyOwner);
        if (LinkOptions.Apply(link, changes, rules, now, creating: false) is { } problem)
        {
            return problem;
        }

        var changed = Changed(before, Snapshot(link));
        if (changed.Length > 0)
        {
            link.Revision++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Stale(link);
            }

            var (ip, agent) = RequestOrigin.Of(http);
            await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.OptionsChanged, user.Email(), null, ip, agent, string.Join(';', changed)), cancellationToken);
        }

        http.Response.Headers.ETag = link.ETag();
        return TypedResults.Ok(link.ToDto(managed.CreatorEmail, managed.FileExtension, now, rules.DownloadsDisabledByPolicy));
    }

    private static ProblemHttpResult Stale(Link link) =>
        Problems.Of(ErrorCodes.PreconditionFailed, "The link changed since you read it; read it again and retry.",
            new Dictionary<string, object?> { ["currentETag"] = link.ETag() });

    private static Dictionary<string, string> Snapshot(Link link) => new()
    {
        ["accessLog"] = link.AccessLog.ToString(),
        ["requireEmail"] = link.RequireEmail.ToString(),
        ["disableDownload"] = link.DisableDownload.ToString(),
        ["watermark"] = link.Watermark.ToString(),
        ["notifyOwner"] = link.NotifyOwner.ToString(),
        ["expiresAt"] = link.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "none",
        ["openLimit"] = link.OpenLimit?.ToString(CultureInfo.InvariantCulture) ?? "none",
    };

    private static string[] Changed(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Where(pair => after[pair.Key] != pair.Value).Select(pair => $"{pair.Key}={after[pair.Key]}").ToArray();
}
