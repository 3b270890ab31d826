using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Coffer.Contracts.Links;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;
using MimeKit;

namespace Coffer.Server.Tests.Features.Notifications;

public sealed partial class SmtpNotificationTests(SmtpLinkFactory factory) : IClassFixture<SmtpLinkFactory>
{
    [Fact]
    public async Task RecipientCode_AndOwnerDigest_ArriveAtARealSmtpServer_WithoutAnyLinkSecret()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var link = await LinkKit.CreateAsync(factory, change: r => r with { NotifyOwner = true });
        var email = TestAccounts.NewEmail("smtp-recipient");
        var recipient = LinkKit.Recipient(factory, link);

        var asked = await recipient.PostAsJsonAsync($"/api/l/{link.Id}/verification", new LinkVerificationRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var codeMail = await NextMailToAsync(email, advanceClock: false, timeout.Token);
        var code = SixDigits().Match(codeMail.Subject ?? "").Value;
        Assert.Contains(code, codeMail.TextBody, StringComparison.Ordinal);
        Assert.Contains(code, codeMail.HtmlBody, StringComparison.Ordinal);
        var session = await LinkKit.OpenSessionAsync(recipient, link.Id, email, code);
        recipient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(recipient, link.Id, 1)).StatusCode);

        var digest = await NextMailToAsync(link.Owner.Email, advanceClock: true, timeout.Token);

        // Coalesced: the open and the new version arrive in one digest.

        Assert.Contains($"Opened once by {email}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"1 new version added by {email} (version 2)", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains(link.Id, digest.HtmlBody, StringComparison.Ordinal);
        foreach (var mail in new[] { codeMail, digest })
        {
            Assert.DoesNotContain(link.Token, mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("/l/" + link.Id + "#", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        }
    }

    /// <summary>Waits for the next mail to <paramref name="to"/>; when asked, lets the fake clock run a digest window at a time meanwhile.</summary>
    private async Task<MimeMessage> NextMailToAsync(string to, bool advanceClock, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = factory.Received.Reader.ReadAsync(cancellationToken).AsTask();
            while (advanceClock && !next.IsCompleted)
            {
                factory.Time.Advance(TimeSpan.FromSeconds(10));
                await Task.WhenAny(next, Task.Delay(50, CancellationToken.None));
            }

            var mail = await next;
            if (mail.To.Mailboxes.Any(m => m.Address == to))
            {
                return mail;
            }
        }
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
