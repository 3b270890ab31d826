using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>Keeps mail in the database so a local user can read codes at <c>/dev/outbox</c>; in Development also prints it to the log.</summary>
internal sealed partial class DevelopmentOutboxSender(
    IDbContextFactory<CofferDbContext> dbFactory,
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<DevelopmentOutboxSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Set<OutboxMail>().Add(new OutboxMail
        {
            To = mail.To,
            Subject = mail.Subject,
            Text = mail.Text,
            Html = mail.Html,
            CreatedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);

        // Only in Development: the mail holds one-time codes, which must never reach a production log.
        if (environment.IsDevelopment())
        {
            LogMail(mail.To, mail.Subject, mail.Text);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development outbox: mail to {To}, subject {Subject}:\n{Text}")]
    private partial void LogMail(string to, string subject, string text);
}
