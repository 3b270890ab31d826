using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Organizations;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>
/// Records in each affected link's access log that a policy change suspended or resumed it. Suspension itself is not stored:
/// it is read from the policy on every request, so lifting the policy resumes the links with nothing to undo.
/// </summary>
public static class LinkSuspensions
{
    public static async Task PolicyChangedAsync(
        CofferDbContext db, AccessLogWriter log, Guid organizationId, bool downloadsDisabledBefore, bool downloadsDisabledNow, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
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
        var action = downloadsDisabledNow ? AccessLogActions.Suspended : AccessLogActions.Resumed;
        foreach (var link in links)
        {
            await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, action, actor, Detail: "organization policy: downloads " + (downloadsDisabledNow ? "disabled" : "enabled")), cancellationToken);
        }
    }
}
