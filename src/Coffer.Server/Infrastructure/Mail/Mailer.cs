using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>
/// Adds mail to the development outbox (read at once by local users and tests) and, with SMTP, to the durable mail queue that
/// <see cref="MailQueueSender"/> drains; both rows go into the caller's unit of work.
/// </summary>
internal sealed class Mailer(
    IOptions<MailOptions> options,
    DevelopmentOutboxSender outbox,
    IDbContextFactory<CofferDbContext> dbFactory,
    TimeProvider time) : IMailer
{
    public void Enqueue(CofferDbContext db, OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mail);
        if (options.Value.OutboxEnabled)
        {
            outbox.Add(db, mail);
        }

        if (options.Value.SmtpEnabled)
        {
            var now = time.GetUtcNow();
            db.Set<QueuedMail>().Add(new QueuedMail
            {
                To = mail.To,
                Subject = mail.Subject,
                Text = mail.Text,
                Html = mail.Html,
                CreatedAt = now,
                NotAfter = mail.NotAfter,
                NextAttemptAt = now,
            });
        }
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Enqueue(db, mail);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Wakes the sender once a save that queued mail has committed, so a code goes out at once instead of at the next poll.</summary>
internal sealed class QueuedMailInterceptor(MailQueueSignal signal) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfQueued(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfQueued(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Only enqueuers track QueuedMail rows: the sender itself works with set-based statements, which skip this interceptor.
    private void WakeIfQueued(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<QueuedMail>().Any())
        {
            signal.Signal.Wake();
        }
    }
}

/// <summary>The wake-up of <see cref="MailQueueSender"/>.</summary>
internal sealed class MailQueueSignal
{
    public WakeSignal Signal { get; } = new();
}
