using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Coffer.Server.Tests.TestHost;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that can be started late and stopped, to play an SMTP outage; it
/// can answer "try later" (451) to the message or "no such mailbox" (550) to chosen recipients, and counts every try.
/// </summary>
public sealed class LoopbackSmtpServer : IDisposable
{
    private CancellationTokenSource? _stop;
    private Task? _running;

    public LoopbackSmtpServer(bool start = true)
    {
        Port = FreePort();
        if (start)
        {
            Start();
        }
    }

    public int Port { get; }

    /// <summary>Every message the server accepted, in order.</summary>
    public Channel<MimeMessage> Received { get; } = Channel.CreateUnbounded<MimeMessage>();

    /// <summary>Recipients whose messages are answered 451 (a transient failure) at the end of DATA.</summary>
    public ConcurrentDictionary<string, bool> DeferredRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Recipients refused with 550 at RCPT TO (a permanent failure).</summary>
    public ConcurrentDictionary<string, bool> RejectedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many times a message to each recipient was tried (accepted or not).</summary>
    public ConcurrentDictionary<string, int> Tries { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int TriesFor(string address) => Tries.TryGetValue(address, out var count) ? count : 0;

    public void Start()
    {
        if (_running is not null)
        {
            return;
        }

        _stop = new CancellationTokenSource();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        WaitUntilListening(Port);
    }

    public void Stop()
    {
        if (_running is null)
        {
            return;
        }

        _stop!.Cancel();
        try
        {
            _running.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancelled on purpose.
        }

        _stop.Dispose();
        _running = null;
    }

    public void Dispose() => Stop();

    /// <summary>The next accepted message to <paramref name="to"/>, skipping others.</summary>
    public async Task<MimeMessage> NextMailToAsync(string to, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mail = await Received.Reader.ReadAsync(cancellationToken);
            if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, to, StringComparison.OrdinalIgnoreCase)))
            {
                return mail;
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void WaitUntilListening(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start listening on port {port}.");
    }

    private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    private sealed class Filter(LoopbackSmtpServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = Address(to);
            if (server.RejectedRecipients.ContainsKey(address))
            {
                server.Tries.AddOrUpdate(address, 1, (_, count) => count + 1);
                return Task.FromResult(false);
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(LoopbackSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var deferred = false;
            foreach (var to in transaction.To.Select(Address))
            {
                server.Tries.AddOrUpdate(to, 1, (_, count) => count + 1);
                deferred |= server.DeferredRecipients.ContainsKey(to);
            }

            if (deferred)
            {
                return new SmtpResponse((SmtpReplyCode)451, "Try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            server.Received.Writer.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
