using Coffer.Server.Infrastructure.Data;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>A mail transport (SMTP).</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>What features call to send a mail: the mail is stored, never sent on a request, and survives a restart.</summary>
public interface IMailer
{
    /// <summary>Adds the mail to <paramref name="db"/>: it is committed by the caller's <c>SaveChanges</c>, with the work that caused it, and sent after.</summary>
    void Enqueue(CofferDbContext db, OutgoingMail mail);

    /// <summary>Stores the mail on its own (one insert) for sending.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
