namespace Coffer.Server.Infrastructure.Mail;

/// <summary>One mail to send, in plain text and HTML; <see cref="NotAfter"/> stops delivery once what it carries has expired.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html)
{
    public DateTimeOffset? NotAfter { get; init; }
}
