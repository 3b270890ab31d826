using System.Security.Claims;
using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Recipients;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Links;

/// <summary>
/// Revoking a link (its creator or an admin of the creator's organization): sessions, pending codes and open event streams end
/// at once; log and versions stay.
/// </summary>
public static class RevokeLink
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        string id, ClaimsPrincipal user, HttpContext http, CofferDbContext db, AccessLogWriter log, AccessEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var managed = await ManagedLinks.FindAsync(db, user, id, cancellationToken);
        if (managed is null)
        {
            return Problems.NotFound("link");
        }

        var link = managed.Link;
        if (link.RevokedAt is not null)
        {
            return TypedResults.NoContent();
        }

        link.RevokedAt = time.GetUtcNow();
        link.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        await db.Set<LinkSession>().Where(s => s.LinkId == link.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<LinkVerification>().Where(v => v.LinkId == link.Id).ExecuteDeleteAsync(cancellationToken);
        events.Changed(link.FileId);

        var (ip, agent) = RequestOrigin.Of(http);
        await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.Revoked, user.Email(), null, ip, agent,
            managed.IsCreator ? null : "by organization admin"), cancellationToken);
        return TypedResults.NoContent();
    }
}
