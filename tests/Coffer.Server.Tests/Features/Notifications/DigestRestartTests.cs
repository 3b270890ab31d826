using System.Net;
using System.Net.Http.Headers;
using Coffer.Server.Features.Notifications;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.Infrastructure;
using Coffer.Server.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Coffer.Server.Tests.Features.Notifications;

/// <summary>Owner digests are stored while their window is open, so a restart neither loses them nor breaks the coalescing.</summary>
public sealed class DigestRestartTests
{
    [Fact]
    public async Task ActivityBeforeARestart_AndAfterIt_ArriveInOneDigest()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var smtp = new LoopbackSmtpServer();
        var root = CofferAppFactory.NewRoot();
        TestLink link;
        string email;
        string sessionToken;
        using (var before = new SmtpMailFactory(smtp, root) { KeepDataOnDispose = true })
        {
            link = await LinkKit.CreateAsync(before, change: r => r with { NotifyOwner = true });
            email = TestAccounts.NewEmail("digest-recipient");
            var recipient = LinkKit.Recipient(before, link);
            var code = await LinkKit.RequestCodeAsync(recipient, link.Id, email);
            sessionToken = (await LinkKit.OpenSessionAsync(recipient, link.Id, email, code)).Token!;
            Assert.Single(await PendingAsync(before));
        }

        // The window never closed before the stop: no digest was sent.
        while (smtp.Received.Reader.TryRead(out var early))
        {
            Assert.False(IsDigest(early), "A digest was sent before its window closed.");
        }

        using var after = new SmtpMailFactory(smtp, root);
        var again = LinkKit.Recipient(after, link);
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        Assert.Equal(HttpStatusCode.Created, (await LinkKit.CommitThroughLinkAsync(again, link.Id, 1)).StatusCode);

        var digest = await NextDigestAsync(after, smtp, link.Owner.Email, timeout.Token);
        Assert.Contains($"Opened once by {email}", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"1 new version added by {email} (version 2)", digest.TextBody, StringComparison.Ordinal);

        // One digest, not two: nothing is left to coalesce, and once the queue has let go of the digest no other one arrived.
        Assert.Empty(await PendingAsync(after));
        await MailQueueTests.WaitForQueueAsync(after, rows => rows.Count == 0, "the sent digest to leave the queue");
        while (smtp.Received.Reader.TryRead(out var more))
        {
            Assert.False(IsDigest(more), "A second digest was sent.");
        }
    }

    private static bool IsDigest(MimeMessage mail) => (mail.Subject ?? "").StartsWith("Coffer: ", StringComparison.Ordinal);

    private static async Task<List<PendingLinkActivity>> PendingAsync(CofferAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        return await db.Set<PendingLinkActivity>().AsNoTracking().ToListAsync();
    }

    /// <summary>Lets the fake clock run ten seconds at a time until the owner's digest arrives.</summary>
    private static async Task<MimeMessage> NextDigestAsync(CofferAppFactory factory, LoopbackSmtpServer smtp, string owner, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = smtp.NextMailToAsync(owner, cancellationToken);
            while (!next.IsCompleted)
            {
                factory.Time.Advance(TimeSpan.FromSeconds(10));
                await Task.WhenAny(next, Task.Delay(50, CancellationToken.None));
            }

            var mail = await next;
            if (IsDigest(mail))
            {
                return mail;
            }
        }
    }
}
