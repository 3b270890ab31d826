using Coffer.Server.Infrastructure.Data;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>Keeps mail in the database so a local user can read codes at <c>/dev/outbox</c>; in Development also prints it to the log.</summary>
internal sealed partial class DevelopmentOutboxSender(
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<DevelopmentOutboxSender> logger)
{
    /// <summary>Adds the mail to <paramref name="db"/>, saved by the caller.</summary>
    public void Add(CofferDbContext db, OutgoingMail mail)
    {
        db.Set<OutboxMail>().Add(new OutboxMail
        {
            To = mail.To,
            Subject = mail.Subject,
            Text = mail.Text,
            Html = mail.Html,
            CreatedAt = time.GetUtcNow(),
        });

        // Only in Development: the mail holds one-time codes, which must never reach a production log.
        if (environment.IsDevelopment())
        {
            LogMail(mail.To, mail.Subject, mail.Text);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development outbox: mail to {To}, subject {Subject}:\n{Text}")]
    private partial void LogMail(string to, string subject, string text);
}
