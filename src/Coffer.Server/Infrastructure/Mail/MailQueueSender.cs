using System.Net.Sockets;
using Coffer.Server.Infrastructure.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>
/// Delivers the durable mail queue over SMTP: oldest due first, one row at a time. A sent row is deleted; a failure is retried
/// with a doubling pause up to <see cref="MailOptions.MaxAttempts"/>; a row past its <see cref="QueuedMail.NotAfter"/> is
/// deleted unsent. At start every pending row is due at once, so a restart after an outage delivers without waiting.
/// Delivery is at least once: a crash between the relay's "OK" and the delete sends that mail again.
/// </summary>
internal sealed partial class MailQueueSender(
    IDbContextFactory<CofferDbContext> dbFactory,
    SmtpMailSender smtp,
    MailQueueSignal signal,
    TimeProvider time,
    IOptions<MailOptions> options,
    ILogger<MailQueueSender> logger) : BackgroundService
{
    /// <summary>How often the queue is read even without a wake-up (a save inside an explicit transaction wakes before it commits).</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);

    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.SmtpEnabled)
            {
                await WarnAboutStrandedMailAsync(stoppingToken);
                return;
            }

            await ResumeAsync(stoppingToken);
            await signal.Signal.RunAsync(SendDueAsync, LogQueueFailed, PollInterval, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Makes every pending row due now: whatever waited through a restart is tried at once.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<QueuedMail>()
            .Where(m => m.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        var pending = await db.Set<QueuedMail>().CountAsync(cancellationToken);
        if (pending > 0)
        {
            LogResuming(pending);
        }
    }

    /// <summary>Sends what is due; returns how long to sleep before the next row is due.</summary>
    private async Task<TimeSpan> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<QueuedMail>().AsNoTracking()
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var mail in due)
        {
            await DeliverAsync(db, mail, cancellationToken);
        }

        if (due.Count == BatchSize)
        {
            return TimeSpan.Zero;
        }

        var next = await db.Set<QueuedMail>().OrderBy(m => m.NextAttemptAt).Select(m => m.NextAttemptAt).Take(1).ToListAsync(cancellationToken);
        if (next.Count == 0)
        {
            return PollInterval;
        }

        var wait = next[0] - time.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > PollInterval ? PollInterval : wait;
    }

    private async Task DeliverAsync(CofferDbContext db, QueuedMail mail, CancellationToken cancellationToken)
    {
        if (mail.NotAfter is { } notAfter && notAfter <= time.GetUtcNow())
        {
            await DeleteAsync(db, mail.Id);
            LogExpired(mail.Id, mail.To, mail.Attempts);
            return;
        }

        try
        {
            await smtp.SendAsync(new OutgoingMail(mail.To, mail.Subject, mail.Text, mail.Html), cancellationToken);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(db, mail, error);
            return;
        }

        // Not cancellable: the relay has the mail, so the row must go even while the server stops.
        await DeleteAsync(db, mail.Id);
        LogSent(mail.Id, mail.Attempts + 1);
    }

    private async Task FailedAsync(CofferDbContext db, QueuedMail mail, Exception error)
    {
        var attempts = mail.Attempts + 1;
        var reason = Describe(error);
        if (IsPermanent(error))
        {
            await DeleteAsync(db, mail.Id);
            LogRejected(mail.Id, mail.To, attempts, reason);
            return;
        }

        var settings = options.Value;
        if (attempts >= settings.MaxAttempts)
        {
            await DeleteAsync(db, mail.Id);
            LogGaveUp(mail.Id, mail.To, attempts, reason);
            return;
        }

        var next = time.GetUtcNow() + Backoff(attempts, settings);
        await db.Set<QueuedMail>().Where(m => m.Id == mail.Id).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, next),
            CancellationToken.None);
        LogRetry(mail.Id, attempts, settings.MaxAttempts, reason, next);
    }

    private static Task<int> DeleteAsync(CofferDbContext db, long id) =>
        db.Set<QueuedMail>().Where(m => m.Id == id).ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>The pause after the given number of failed attempts: the first retry delay, doubled each time, capped.</summary>
    internal static TimeSpan Backoff(int attempts, MailOptions settings)
    {
        var delay = settings.RetryDelay;
        for (var i = 1; i < attempts && delay < settings.MaxRetryDelay; i++)
        {
            delay *= 2;
        }

        return delay < settings.MaxRetryDelay ? delay : settings.MaxRetryDelay;
    }

    /// <summary>The relay refused this recipient for good (5xx on RCPT TO): retrying cannot help. Anything else may pass later.</summary>
    private static bool IsPermanent(Exception error) =>
        error is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command && (int)command.StatusCode >= 500;

    /// <summary>What went wrong, without the server's reply text or anything of the mail.</summary>
    private static string Describe(Exception error) => error switch
    {
        SmtpCommandException command => $"SMTP {(int)command.StatusCode} ({command.ErrorCode})",
        SocketException socket => $"connection failed ({socket.SocketErrorCode})",
        _ => error.GetType().Name,
    };

    private async Task WarnAboutStrandedMailAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stranded = await db.Set<QueuedMail>().CountAsync(cancellationToken);
        if (stranded > 0)
        {
            LogStranded(stranded);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail queue: {Pending} mail(s) pending from before the start; sending now")]
    private partial void LogResuming(int pending);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Mail {MailId} sent (attempt {Attempt})")]
    private partial void LogSent(long mailId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId}: SMTP attempt {Attempt} of {MaxAttempts} failed: {Reason}; next attempt at {NextAttemptAt:u}")]
    private partial void LogRetry(long mailId, int attempt, int maxAttempts, string reason, DateTimeOffset nextAttemptAt);

    // The recipient is named so an operator can follow up; subject and body (which may hold a code) never are.
    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId} to {To} dropped: SMTP failed {Attempts} time(s), the last with {Reason}; giving up")]
    private partial void LogGaveUp(long mailId, string to, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId} to {To} dropped: the SMTP relay refused the recipient permanently ({Reason}, attempt {Attempts})")]
    private partial void LogRejected(long mailId, string to, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} to {To} dropped unsent: what it carries expired before it could be delivered ({Attempts} failed attempt(s))")]
    private partial void LogExpired(long mailId, string to, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail queue: could not read or update the queue; trying again in a minute")]
    private partial void LogQueueFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail queue: {Pending} mail(s) wait for SMTP, but Mail:Smtp:Host is not set; they are sent once it is")]
    private partial void LogStranded(int pending);
}
