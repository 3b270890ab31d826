using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Coffer.Server.Tests.Features.Links;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Coffer.Server.Tests.Features.Notifications;

/// <summary>The real server sending mail over SMTP to a real SMTP server on 127.0.0.1 (port chosen at start), with a one-minute digest window.</summary>
public sealed class SmtpLinkFactory : LinkAppFactory
{
    public static readonly TimeSpan DigestWindow = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private bool _stopped;

    public SmtpLinkFactory()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CapturingStore(Received.Writer));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        WaitUntilListening(Port);
    }

    public int Port { get; }

    /// <summary>Every message the SMTP server accepted, in order.</summary>
    public Channel<MimeMessage> Received { get; } = Channel.CreateUnbounded<MimeMessage>();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Smtp:Security"] = "None";
        // The outbox stays on so account confirmation in the test helpers still works; links' mail is read from SMTP.
        settings["Mail:DevelopmentOutbox"] = "true";
        settings["Notifications:DigestWindow"] = DigestWindow.ToString();
        return settings;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory can dispose twice (DisposeAsync, then Dispose); stop the SMTP server once.
        if (disposing && !_stopped)
        {
            _stopped = true;
            _stop.Cancel();
            try
            {
                _running.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Cancelled on purpose.
            }

            _stop.Dispose();
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

    private sealed class CapturingStore(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.TryWrite(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
