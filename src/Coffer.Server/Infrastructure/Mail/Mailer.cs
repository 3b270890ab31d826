using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>Stores mail in the development outbox at once (a local insert) and queues it for SMTP, sent in the background.</summary>
internal sealed class Mailer(
    IOptions<MailOptions> options,
    DevelopmentOutboxSender outbox,
    MailQueue queue) : IMailer
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        if (options.Value.OutboxEnabled)
        {
            await outbox.SendAsync(mail, cancellationToken);
        }

        if (options.Value.SmtpEnabled)
        {
            queue.Enqueue(mail);
        }
    }
}

/// <summary>The in-memory queue between requests and the SMTP dispatcher.</summary>
internal sealed class MailQueue
{
    private readonly Channel<OutgoingMail> _channel = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Enqueue(OutgoingMail mail) => _channel.Writer.TryWrite(mail);

    public ChannelReader<OutgoingMail> Reader => _channel.Reader;
}

/// <summary>Sends queued mail over SMTP, retrying a few times with growing pauses.</summary>
internal sealed partial class MailDispatcher(
    MailQueue queue,
    SmtpMailSender smtp,
    TimeProvider time,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await smtp.SendAsync(mail, stoppingToken);
                    break;
                }
                catch (Exception error) when (error is not OperationCanceledException && attempt < RetryDelays.Length)
                {
                    LogRetry(attempt + 1, error.GetType().Name);
                    await Task.Delay(RetryDelays[attempt], time, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The recipient is named so an operator can follow up; the body (which may hold a code) is not logged.
                    LogGiveUp(mail.To, error);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP send failed (attempt {Attempt}, {Error}); retrying")]
    private partial void LogRetry(int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Giving up sending a mail to {To}")]
    private partial void LogGiveUp(string to, Exception error);
}
