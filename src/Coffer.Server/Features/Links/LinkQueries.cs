using System.Security.Claims;
using Coffer.Contracts.Links;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Admin;
using Coffer.Server.Features.Files;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>Reading links: the owner's list (Shared Links), one link, and an organization admin's list.</summary>
public static class LinkQueries
{
    public static async Task<Ok<IReadOnlyList<LinkDto>>> List(
        ClaimsPrincipal user, Guid? fileId, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var ownerId = user.AccountId();
        var disabled = await LinkPolicies.DownloadsDisabledAsync(db, ownerId, cancellationToken);
        var query =
            from link in db.Set<Link>().AsNoTracking()
            join file in db.Set<StoredFile>() on link.FileId equals file.Id
            where link.CreatorId == ownerId
            select new { link, file.Extension };
        if (fileId is { } id)
        {
            query = query.Where(r => r.link.FileId == id);
        }

        var rows = await query.OrderByDescending(r => r.link.CreatedAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var email = user.Email();
        return TypedResults.Ok<IReadOnlyList<LinkDto>>(rows.Select(r => r.link.ToDto(email, r.Extension, now, disabled)).ToList());
    }

    public static async Task<Results<Ok<LinkDto>, ProblemHttpResult>> Get(
        string id, ClaimsPrincipal user, HttpContext http, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var managed = await ManagedLinks.FindAsync(db, user, id, cancellationToken);
        if (managed is null)
        {
            return Problems.NotFound("link");
        }

        var disabled = await LinkPolicies.DownloadsDisabledAsync(db, managed.Link.CreatorId, cancellationToken);
        http.Response.Headers.ETag = managed.Link.ETag();
        return TypedResults.Ok(managed.Link.ToDto(managed.CreatorEmail, managed.FileExtension, time.GetUtcNow(), disabled));
    }

    public static async Task<Results<Ok<IReadOnlyList<LinkDto>>, ProblemHttpResult>> ListForAdmin(
        ClaimsPrincipal user, CofferDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await AdminApi.AdministeredOrganizationAsync(db, user, cancellationToken) is not { } organizationId)
        {
            return Problems.Of(ErrorCodes.NotAnAdmin, "Only an admin of an organization can list its links.");
        }

        var disabled = await db.Set<OrganizationPolicy>().AnyAsync(p => p.OrganizationId == organizationId && p.DisableDownloads, cancellationToken);
        var rows = await (
            from link in db.Set<Link>().AsNoTracking()
            join member in db.Set<OrganizationMember>() on link.CreatorId equals member.AccountId
            join creator in db.Set<Account>() on link.CreatorId equals creator.Id
            join file in db.Set<StoredFile>() on link.FileId equals file.Id
            where member.OrganizationId == organizationId
            orderby link.CreatedAt descending
            select new { link, creator.Email, file.Extension })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<LinkDto>>(rows.Select(r => r.link.ToDto(r.Email, r.Extension, now, disabled)).ToList());
    }
}
