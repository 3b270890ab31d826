namespace Coffer.Server.Infrastructure.Mail;

/// <summary>One mail to send, in plain text and HTML.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text, string Html);
