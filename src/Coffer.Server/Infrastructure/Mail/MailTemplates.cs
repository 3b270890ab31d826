using System.Text.Encodings.Web;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>The mails the server sends, each in plain text and HTML.</summary>
public static class MailTemplates
{
    public static OutgoingMail ConfirmationCode(string to, string code, TimeSpan validFor) => Compose(
        to,
        $"Your Coffer confirmation code: {code}",
        $"Your Coffer confirmation code is {code}. It is valid for {validFor.TotalMinutes:0} minutes.",
        "If you did not ask for it, ignore this mail.");

    public static OutgoingMail AlreadyRegistered(string to) => Compose(
        to,
        "Someone tried to register your address at Coffer",
        "Someone tried to create a Coffer account with this address, which already has one. Nothing was changed.",
        "If it was you, log in instead; you can ignore this mail.");

    /// <summary>A mail of a few paragraphs; each paragraph is HTML-encoded in the HTML part.</summary>
    public static OutgoingMail Compose(string to, string subject, params string[] paragraphs)
    {
        var text = string.Join("\n\n", paragraphs) + "\n";
        var html = "<!doctype html><html><body>"
            + string.Concat(paragraphs.Select(p => $"<p>{HtmlEncoder.Default.Encode(p)}</p>"))
            + "</body></html>";
        return new OutgoingMail(to, subject, text, html);
    }
}
