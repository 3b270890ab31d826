using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coffer.Contracts.Accounts;
using Coffer.Server.Infrastructure.Data;
using Coffer.Server.Infrastructure.Mail;
using Coffer.Server.Tests.Features.Notifications;
using Coffer.Server.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>
/// The durable mail queue against a real SMTP server on loopback that the tests stop, start late or make refuse, and across a
/// restart (a second host on the same data directory). One host per test: each test plays its own outage.
/// </summary>
public sealed partial class MailQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Mail_QueuedWhileSmtpIsDown_IsDeliveredOnceSmtpComesUp()
    {
        using var smtp = new LoopbackSmtpServer(start: false);
        using var factory = new SmtpMailFactory(smtp, CofferAppFactory.NewRoot());
        var client = factory.CreateClient();
        var (email, _) = await RegisterAsync(client, "outage");
        await WaitForQueueAsync(factory, rows => rows.Any(m => m.To == email && m.Attempts == 1), "the first SMTP attempt to fail");

        smtp.Start();
        factory.Time.Advance(TimeSpan.FromSeconds(30));

        using var timeout = new CancellationTokenSource(Timeout);
        var mail = await smtp.NextMailToAsync(email, timeout.Token);
        var code = SixDigits().Match(mail.Subject ?? "").Value;
        Assert.Equal(await TestAccounts.LatestCodeAsync(client, email), code);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/accounts/confirm", new ConfirmRequest(email, code))).StatusCode);
        await WaitForQueueAsync(factory, rows => rows.Count == 0, "the sent mail to leave the queue");
    }

    [Fact]
    public async Task PendingMail_IsDeliveredAtOnce_WhenTheServerRestarts()
    {
        using var smtp = new LoopbackSmtpServer(start: false);
        var root = CofferAppFactory.NewRoot();
        string email;
        using (var before = new SmtpMailFactory(smtp, root) { KeepDataOnDispose = true })
        {
            (email, _) = await RegisterAsync(before.CreateClient(), "restart");
            await WaitForQueueAsync(before, rows => rows.Any(m => m.To == email && m.Attempts == 1), "the first SMTP attempt to fail");
        }

        smtp.Start();
        using var after = new SmtpMailFactory(smtp, root);
        var client = after.CreateClient();

        // No clock advance: what waited through the restart is tried as soon as the server is up.
        using var timeout = new CancellationTokenSource(Timeout);
        var mail = await smtp.NextMailToAsync(email, timeout.Token);
        var code = SixDigits().Match(mail.Subject ?? "").Value;
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/accounts/confirm", new ConfirmRequest(email, code))).StatusCode);
        Assert.Contains(after.Logs, line => line.Contains("1 mail(s) pending from before the start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CodeMail_IsNotSent_OnceItsCodeHasExpired()
    {
        using var smtp = new LoopbackSmtpServer(start: false);
        using var factory = new SmtpMailFactory(smtp, CofferAppFactory.NewRoot()) { HostEnvironment = "Production" };
        var client = factory.CreateClient();
        var (expired, _) = await RegisterAsync(client, "expired");
        var code = await TestAccounts.LatestCodeAsync(client, expired);
        await WaitForQueueAsync(factory, rows => rows.Any(m => m.To == expired && m.Attempts == 1), "the first SMTP attempt to fail");

        // SMTP is back, but only when the code's lifetime (10 minutes) is over.
        smtp.Start();
        factory.Time.Advance(TimeSpan.FromMinutes(10));
        await WaitForQueueAsync(factory, rows => rows.Count == 0, "the expired mail to leave the queue");

        // A later mail goes through, and it is the first the relay ever got: the expired one was never sent.
        var (later, _) = await RegisterAsync(client, "later");
        using var timeout = new CancellationTokenSource(Timeout);
        var first = await smtp.Received.Reader.ReadAsync(timeout.Token);
        Assert.Equal(later, first.To.Mailboxes.Single().Address);
        Assert.Equal(0, smtp.TriesFor(expired));
        Assert.Contains(factory.Logs, line => line.Contains("dropped unsent", StringComparison.Ordinal) && line.Contains(expired, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, line => line.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailingMail_IsTriedMaxAttemptsTimes_ThenDroppedWithAnError()
    {
        using var smtp = new LoopbackSmtpServer();
        using var factory = new SmtpMailFactory(smtp, CofferAppFactory.NewRoot()) { HostEnvironment = "Production" };
        factory.ExtraSettings["Mail:MaxAttempts"] = "3";
        var client = factory.CreateClient();
        var failing = TestAccounts.NewEmail("deferred");
        smtp.DeferredRecipients[failing] = true;
        await RegisterAsync(client, email: failing);
        var code = await TestAccounts.LatestCodeAsync(client, failing);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var expected = attempt;
            await WaitForQueueAsync(
                factory,
                rows => expected < 3 ? rows.Any(m => m.To == failing && m.Attempts == expected) : rows.Count == 0,
                $"SMTP attempt {expected} to fail");
            Assert.Equal(expected, smtp.TriesFor(failing));
            factory.Time.Advance(TimeSpan.FromMinutes(2));
        }

        // Much later, another mail goes through while the given-up one is never tried again.
        factory.Time.Advance(TimeSpan.FromHours(2));
        var (other, _) = await RegisterAsync(client, "other");
        using var timeout = new CancellationTokenSource(Timeout);
        await smtp.NextMailToAsync(other, timeout.Token);
        Assert.Equal(3, smtp.TriesFor(failing));
        Assert.Contains(factory.Logs, line => line.StartsWith("Error", StringComparison.Ordinal)
            && line.Contains($"to {failing} dropped: SMTP failed 3 time(s), the last with SMTP 451", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, line => line.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MailToARecipientTheRelayRefuses_IsDroppedAfterOneAttempt()
    {
        using var smtp = new LoopbackSmtpServer();
        using var factory = new SmtpMailFactory(smtp, CofferAppFactory.NewRoot()) { HostEnvironment = "Production" };
        var client = factory.CreateClient();
        var refused = TestAccounts.NewEmail("refused");
        smtp.RejectedRecipients[refused] = true;
        await RegisterAsync(client, email: refused);

        await WaitForQueueAsync(factory, rows => rows.Count == 0, "the refused mail to leave the queue");
        factory.Time.Advance(TimeSpan.FromHours(2));
        var (other, _) = await RegisterAsync(client, "other");
        using var timeout = new CancellationTokenSource(Timeout);
        await smtp.NextMailToAsync(other, timeout.Token);
        Assert.Equal(1, smtp.TriesFor(refused));
        Assert.Contains(factory.Logs, line => line.Contains($"to {refused} dropped: the SMTP relay refused the recipient permanently (SMTP 550", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutSmtp_MailGoesToTheDevelopmentOutboxOnly()
    {
        using var factory = new CofferAppFactory();
        var client = factory.CreateClient();
        var (email, _) = await RegisterAsync(client, "outbox");
        Assert.Matches(SixDigits(), await TestAccounts.LatestCodeAsync(client, email));
        Assert.Empty(await QueueAsync(factory));
    }

    private static async Task<(string Email, byte[] AuthKey)> RegisterAsync(HttpClient client, string prefix = "user", string? email = null)
    {
        email ??= TestAccounts.NewEmail(prefix);
        var authKey = RandomNumberGenerator.GetBytes(32);
        var response = await client.PostAsJsonAsync("/api/accounts/register", TestAccounts.NewRegistration(email, authKey));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (email, authKey);
    }

    internal static async Task<List<QueuedMail>> QueueAsync(CofferAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CofferDbContext>();
        return await db.Set<QueuedMail>().AsNoTracking().ToListAsync();
    }

    /// <summary>Polls the queue table (the sender works in the background, on real threads) until the condition holds.</summary>
    internal static async Task WaitForQueueAsync(CofferAppFactory factory, Func<List<QueuedMail>, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(await QueueAsync(factory)))
        {
            Assert.True(clock.Elapsed < Timeout, $"Timed out waiting for {what}.");
            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
