using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>
/// Records in each affected link's access log that a policy change suspended or resumed it, and tells the streams open on
/// newly suspended links to end. Suspension itself is not stored: it is read from the policy on every request, so lifting the
/// policy resumes the links with nothing to undo.
/// </summary>
public static class LinkSuspensions
{
    public static async Task PolicyChangedAsync(
        CofferDbContext db,
        AccessLogWriter log,
        AccessEvents events,
        Guid organizationId,
        bool downloadsDisabledBefore,
        bool downloadsDisabledNow,
        string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(events);
        if (downloadsDisabledBefore == downloadsDisabledNow)
        {
            return;
        }

        var links = await (
            from link in db.Set<Link>().AsNoTracking()
            join member in db.Set<OrganizationMember>() on link.CreatorId equals member.AccountId
            where member.OrganizationId == organizationId && link.Permission == LinkPermissions.Modify && link.RevokedAt == null
            select new { link.Id, link.FileId })
            .ToListAsync(cancellationToken);
        if (downloadsDisabledNow)
        {
            events.Changed(links.Select(l => l.FileId));
        }

        var action = downloadsDisabledNow ? AccessLogActions.Suspended : AccessLogActions.Resumed;
        foreach (var link in links)
        {
            await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, action, actor, Detail: "organization policy: downloads " + (downloadsDisabledNow ? "disabled" : "enabled")), cancellationToken);
        }
    }

    /// <summary>
    /// An account that joins an organization whose policy disables downloads has its cooperative links suspended from then on;
    /// their open streams are told at once.
    /// </summary>
    public static async Task MemberJoinedAsync(CofferDbContext db, AccessEvents events, Guid organizationId, Guid accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        if (!await db.Set<OrganizationPolicy>().AnyAsync(p => p.OrganizationId == organizationId && p.DisableDownloads, cancellationToken))
        {
            return;
        }

        var files = await db.Set<Link>()
            .Where(l => l.CreatorId == accountId && l.Permission == LinkPermissions.Modify && l.RevokedAt == null)
            .Select(l => l.FileId)
            .ToListAsync(cancellationToken);
        events.Changed(files);
    }
}
