using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Notifications;

/// <summary>
/// Coalesces link activity into one mail per link per window (so a busy link sends a digest, not a flood): a link's digest is
/// due one <see cref="NotificationsOptions.DigestWindow"/> after its oldest pending activity. The activities are rows
/// (<see cref="PendingLinkActivity"/>), deleted in the same save that queues the digest through <see cref="IMailer"/>, so a
/// restart neither loses nor repeats a digest. Nothing here runs on a request.
/// </summary>
internal sealed partial class NotificationDigestService(
    LinkNotifier notifier,
    IDbContextFactory<CofferDbContext> dbFactory,
    IMailer mailer,
    TimeProvider time,
    IOptions<NotificationsOptions> options,
    ILogger<NotificationDigestService> logger) : BackgroundService
{
    /// <summary>How long to sleep with nothing pending (a new activity wakes the service sooner), and after a failure.</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        notifier.Signal.RunAsync(SendDueAsync, LogFailed, IdlePause, time, stoppingToken);

    /// <summary>Queues every digest whose window has closed; returns how long until the next one closes.</summary>
    private async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        var window = options.Value.DigestWindow;
        List<(string LinkId, DateTimeOffset First)> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var rows = await db.Set<PendingLinkActivity>()
                .GroupBy(a => a.LinkId)
                .Select(g => new { LinkId = g.Key, First = g.Min(a => a.At) })
                .ToListAsync(cancellationToken);
            pending = rows.Select(r => (r.LinkId, r.First)).ToList();
        }

        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var (linkId, first) in pending)
        {
            var due = first + window;
            if (due <= now)
            {
                try
                {
                    await SendDigestAsync(linkId, cancellationToken);
                    continue;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // One link's failure holds up no other link's digest; its rows stay and it is tried again after a pause.
                    LogDigestFailed(linkId, error);
                    due = now + IdlePause;
                }
            }

            if (next is null || due < next)
            {
                next = due;
            }
        }

        if (next is null)
        {
            return IdlePause;
        }

        var wait = next.Value - time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private async Task SendDigestAsync(string linkId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activities = await db.Set<PendingLinkActivity>().Where(a => a.LinkId == linkId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var row = await (
            from link in db.Set<Link>()
            join owner in db.Set<Account>() on link.CreatorId equals owner.Id
            join file in db.Set<Files.StoredFile>() on link.FileId equals file.Id
            where link.Id == linkId
            select new { link.NotifyOwner, link.Permission, owner.Email, file.Extension })
            .SingleOrDefaultAsync(cancellationToken);

        // A link that is gone, or whose owner turned notifications off meanwhile, gets no mail; its activities go all the same.
        if (row is not null && row.NotifyOwner && activities.Count > 0)
        {
            var digest = LinkMailTemplates.ActivityDigest(row.Email, linkId, row.Permission, row.Extension, activities.Select(a => a.ToActivity()).ToList());
            mailer.Enqueue(db, digest);
        }

        // One save: the activities are consumed exactly when their digest is queued. Activity recorded since the read above stays
        // and opens the next window.
        db.RemoveRange(activities);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the activity digest of link {LinkId}; trying again in a minute")]
    private partial void LogDigestFailed(string linkId, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the pending activity digests; trying again in a minute")]
    private partial void LogFailed(Exception error);
}
