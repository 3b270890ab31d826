using Coffer.Contracts.Links;
using Coffer.Server.Features.AccessLog;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Events;
using Coffer.Server.Features.Links;
using Coffer.Server.Features.Notifications;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Http;
using Coffer.Server.Infrastructure.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Recipients;

/// <summary>Email verification and link sessions. Every failure to verify gets one answer, so nothing is enumerable.</summary>
public static class RecipientVerification
{
    public static async Task<Results<Ok<LinkGateDto>, ProblemHttpResult>> Gate(string linkId, HttpContext http, LinkGate gate, CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.OpenAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var link = access.Link;
        return TypedResults.Ok(new LinkGateDto(link.Id, link.Permission, link.Cooperative, link.RequireEmail));
    }

    public static async Task<Results<Accepted, ProblemHttpResult>> Request(
        string linkId,
        LinkVerificationRequest request,
        HttpContext http,
        LinkGate gate,
        CofferDbContext db,
        VerificationCodes codes,
        Throttle throttle,
        IMailer mailer,
        AccessLogWriter log,
        IOptions<RecipientsOptions> options,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.OpenAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var link = access.Link;
        if (link.IsExhausted)
        {
            return OpenLimitReached();
        }

        var email = EmailAddress.Normalise(request.Email);
        if (!link.RequireEmail || !EmailAddress.IsValid(email))
        {
            return TypedResults.Accepted((string?)null);
        }

        var limits = options.Value;
        var allowed = await throttle.TryTakeAsync(
            [($"code|link|{link.Id}", limits.CodesPerLinkPerHour), ($"code|email|{email}", limits.CodesPerEmailPerHour), ($"code|link-email|{link.Id}|{email}", limits.CodesPerLinkEmailPerHour)],
            TimeSpan.FromHours(1),
            cancellationToken);
        if (allowed)
        {
            await IssueCodeAsync(db, codes, mailer, link.Id, email, cancellationToken);
            if (link.AccessLog)
            {
                var (ip, agent) = RequestOrigin.Of(http);
                await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.VerificationSent, email, null, ip, agent), cancellationToken);
            }
        }

        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Ok<LinkSessionDto>, ProblemHttpResult>> OpenSession(
        string linkId,
        LinkSessionRequest request,
        HttpContext http,
        LinkGate gate,
        CofferDbContext db,
        VerificationCodes codes,
        RecipientSessions sessions,
        AccessLogWriter log,
        LinkNotifier notifier,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.OpenAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var link = access.Link;
        if (link.IsExhausted)
        {
            return OpenLimitReached();
        }

        var (ip, agent) = RequestOrigin.Of(http);
        string? email = null;
        if (link.RequireEmail)
        {
            email = EmailAddress.Normalise(request.Email);
            var code = (request.Code ?? "").Trim();
            var pending = await db.Set<LinkVerification>().SingleOrDefaultAsync(v => v.LinkId == link.Id && v.Email == email, cancellationToken);
            if (pending is null || !codes.Check(pending, code))
            {
                await db.SaveChangesAsync(cancellationToken);
                if (link.AccessLog && EmailAddress.IsValid(email))
                {
                    await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.VerificationFailed, email, null, ip, agent), cancellationToken);
                }

                return Problems.Of(ErrorCodes.InvalidCode, "The code is wrong, expired or used up; ask for a new one.");
            }

            db.Remove(pending);
        }

        // Counted in the database so concurrent opens cannot pass the limit.
        var counted = await db.Set<Link>()
            .Where(l => l.Id == link.Id && (l.OpenLimit == null || l.OpenCount < l.OpenLimit))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.OpenCount, l => l.OpenCount + 1), cancellationToken);
        if (counted == 0)
        {
            return OpenLimitReached();
        }

        var (token, session) = sessions.Create(db, link, email);
        await db.SaveChangesAsync(cancellationToken);

        if (link.AccessLog)
        {
            if (email is not null)
            {
                await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.Verified, email, null, ip, agent), cancellationToken);
            }

            await log.AppendAsync(new AccessLogEvent(link.Id, link.FileId, AccessLogActions.Opened, email, null, ip, agent), cancellationToken);
        }

        if (link.NotifyOwner)
        {
            await notifier.RecordAsync(new LinkActivity(link.Id, LinkActivity.Opened, email, null, time.GetUtcNow()));
        }

        if (request.Client == LinkHttp.CliClient)
        {
            return TypedResults.Ok(new LinkSessionDto(token, session.ExpiresAt, email));
        }

        RecipientSessions.WriteCookie(http.Response, link.Id, token, session.ExpiresAt);
        return TypedResults.Ok(new LinkSessionDto(null, session.ExpiresAt, email));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> CloseSession(
        string linkId, HttpContext http, LinkGate gate, CofferDbContext db, AccessEvents events, CancellationToken cancellationToken)
    {
        var (access, problem) = await gate.EnterAsync(linkId, http, cancellationToken);
        if (access is null)
        {
            return problem!;
        }

        var sessionId = access.Session!.Id;
        await db.Set<LinkSession>().Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        events.Changed(access.File.Id);
        RecipientSessions.ClearCookie(http.Response, linkId);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Stores a new code and queues its mail in one save (the mail is not sent after the code expires); when a concurrent request
    /// for the same email created the row first, replaces its code instead.
    /// </summary>
    private static async Task IssueCodeAsync(CofferDbContext db, VerificationCodes codes, IMailer mailer, string linkId, string email, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (code, expiresAt) = await codes.IssueAsync(db, linkId, email, cancellationToken);
            mailer.Enqueue(db, LinkMailTemplates.RecipientCode(email, code, codes.Lifetime) with { NotAfter = expiresAt });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static ProblemHttpResult OpenLimitReached() =>
        Problems.Of(ErrorCodes.LinkOpenLimitReached, "This link has been opened as many times as its owner allowed.");
}
