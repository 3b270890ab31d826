using System.Security.Claims;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>A link as seen by someone allowed to manage it, and whether that someone is its creator.</summary>
public sealed record ManagedLink(Link Link, string CreatorEmail, string FileExtension, bool IsCreator);

/// <summary>Finds links the caller may manage: their own, or (for an organization admin) any link created by a member.</summary>
public static class ManagedLinks
{
    public static async Task<ManagedLink?> FindAsync(CofferDbContext db, ClaimsPrincipal user, string id, CancellationToken cancellationToken)
    {
        var callerId = user.AccountId();
        var row = await (
            from link in db.Set<Link>()
            join creator in db.Set<Account>() on link.CreatorId equals creator.Id
            join file in db.Set<Files.StoredFile>() on link.FileId equals file.Id
            where link.Id == id
            select new { link, creator.Email, file.Extension })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.link.CreatorId == callerId)
        {
            return new ManagedLink(row.link, row.Email, row.Extension, IsCreator: true);
        }

        var isAdminOfCreator = await (
            from admin in db.Set<OrganizationMember>()
            join member in db.Set<OrganizationMember>() on admin.OrganizationId equals member.OrganizationId
            where admin.AccountId == callerId && admin.Role == OrganizationMember.AdminRole && member.AccountId == row.link.CreatorId
            select admin).AnyAsync(cancellationToken);
        return isAdminOfCreator ? new ManagedLink(row.link, row.Email, row.Extension, IsCreator: false) : null;
    }
}
