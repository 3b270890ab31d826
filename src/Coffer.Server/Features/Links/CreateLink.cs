using System.Security.Claims;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Files;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>Creating a link: the owner's file, a fresh client-chosen id, and the plan and policy rules for cooperative links.</summary>
public static class CreateLink
{
    public static async Task<Results<Created<LinkDto>, ProblemHttpResult>> Handle(
        CreateLinkRequest request,
        ClaimsPrincipal user,
        HttpContext http,
        CofferDbContext db,
        LinkPolicies policies,
        AccessLogWriter log,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var invalid = CheckInput(request, out var wrappedFileKey, out var tokenHash);
        if (invalid is not null)
        {
            return Problems.Invalid(invalid);
        }

        var ownerId = user.AccountId();
        var file = await db.Set<StoredFile>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == request.FileId && f.OwnerId == ownerId && f.TrashedAt == null, cancellationToken);
        if (file is null)
        {
            return Problems.NotFound("file");
        }

        var rules = await policies.ForAccountAsync(ownerId, cancellationToken);
        if (request.Permission == LinkPermissions.Modify && CooperativeRefusal(rules) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var link = new Link
        {
            Id = request.Id,
            FileId = file.Id,
            CreatorId = ownerId,
            Permission = request.Permission,
            WrappedFileKey = wrappedFileKey,
            AuthTokenHash = tokenHash,
            CreatedAt = now,
            Revision = 1,
        };
        var changes = new LinkOptionChanges(request.AccessLog, request.RequireEmail, request.DisableDownload, request.Watermark,
            request.ExpiresAt, ClearExpiry: false, request.OpenLimit, ClearOpenLimit: false, request.NotifyOwner);
        if (LinkOptions.Apply(link, changes, rules, now, creating: true) is { } problem)
        {
            return problem;
        }

        if (await db.Set<Link>().AnyAsync(l => l.Id == link.Id, cancellationToken))
        {
            return DuplicateId();
        }

        db.Set<Link>().Add(link);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return DuplicateId();
        }

        var (ip, agent) = RequestOrigin.Of(http);
        await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.Created, user.Email(), null, ip, agent, $"permission={link.Permission}"), cancellationToken);
        http.Response.Headers.ETag = link.ETag();
        return TypedResults.Created($"/api/links/{link.Id}", link.ToDto(user.Email(), file.Extension, now, rules.DownloadsDisabledByPolicy));
    }

    /// <summary>Why this account may not create a cooperative link now, or null when it may.</summary>
    public static ProblemHttpResult? CooperativeRefusal(LinkRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.Plan.Limits.CooperativeLinks)
        {
            return Problems.Of(ErrorCodes.CooperativeLinksNotInPlan,
                $"Cooperative links are part of the Professional, Business and Enterprise plans; this account is on {rules.Plan.Plan}. Create a plain (access) link instead.");
        }

        if (rules.Policy is { AllowCooperativeLinks: false })
        {
            return Problems.Of(ErrorCodes.CooperativeLinksBlocked, "Your organization's policy does not allow cooperative links.");
        }

        return rules.DownloadsDisabledByPolicy
            ? Problems.Of(ErrorCodes.DownloadsDisabledByPolicy,
                "Your organization's policy disables downloads, so cooperative links cannot be created (recipients could not fetch the file to edit it).")
            : null;
    }

    private static string? CheckInput(CreateLinkRequest request, out byte[] wrappedFileKey, out byte[] tokenHash)
    {
        tokenHash = [];
        wrappedFileKey = [];
        if (request.Id is not { Length: Link.IdLength } || !Base64Url.TryDecode(request.Id, 16, 16, out _))
        {
            return "id must be 16 random bytes in base64url (22 characters), chosen by the client.";
        }

        if (request.Permission is not (LinkPermissions.Access or LinkPermissions.Modify))
        {
            return "permission must be \"access\" or \"modify\".";
        }

        if (FileInput.CheckWrappedKey(request.WrappedFileKey, "wrappedFileKey", out wrappedFileKey) is { } keyError)
        {
            return keyError;
        }

        return Base64Url.TryDecode(request.AuthTokenHash, 32, 32, out tokenHash)
            ? null
            : "authTokenHash must be the SHA-256 of the link auth token (32 bytes) in base64url.";
    }

    private static ProblemHttpResult DuplicateId() => Problems.Of(ErrorCodes.DuplicateId, "A link with this id already exists; choose a new random id.");
}
