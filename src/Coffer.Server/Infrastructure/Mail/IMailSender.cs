namespace Coffer.Server.Infrastructure.Mail;

/// <summary>A mail transport (SMTP or the development outbox).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>What features call to send a mail: never blocks a request on a slow SMTP server.</summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
