using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Features.Notifications;

/// <summary>
/// Coalesces link activity into one mail per link per window (so a busy link sends a digest, not a flood). Mail goes through
/// <see cref="IMailer"/>, whose dispatcher retries SMTP; nothing here runs on a request.
/// </summary>
internal sealed partial class NotificationDigestService(
    LinkNotifier notifier,
    IDbContextFactory<CofferDbContext> dbFactory,
    IMailer mailer,
    TimeProvider time,
    IOptions<NotificationsOptions> options,
    ILogger<NotificationDigestService> logger) : BackgroundService
{
    private readonly PendingDigests _pending = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scheduled = new List<Task>();
        try
        {
            await foreach (var activity in notifier.Reader.ReadAllAsync(stoppingToken))
            {
                if (_pending.Add(activity))
                {
                    scheduled.Add(SendLaterAsync(activity.LinkId, stoppingToken));
                }

                scheduled.RemoveAll(task => task.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(scheduled).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendLaterAsync(string linkId, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.DigestWindow, time, stoppingToken);
            await SendAsync(linkId, _pending.Take(linkId), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(linkId, error);
        }
    }

    private async Task SendAsync(string linkId, IReadOnlyList<LinkActivity> activities, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await (
            from link in db.Set<Link>()
            join owner in db.Set<Account>() on link.CreatorId equals owner.Id
            join file in db.Set<Files.StoredFile>() on link.FileId equals file.Id
            where link.Id == linkId
            select new { link.NotifyOwner, link.Permission, owner.Email, file.Extension })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || !row.NotifyOwner)
        {
            return;
        }

        await mailer.SendAsync(LinkMailTemplates.ActivityDigest(row.Email, linkId, row.Permission, row.Extension, activities), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the activity digest of link {LinkId}")]
    private partial void LogFailed(string linkId, Exception error);
}
