using System.Globalization;
using System.Threading.Channels;
using Coffer.Server.Tests.Features.Links;
using Coffer.Server.Tests.TestHost;
using MimeKit;

namespace Coffer.Server.Tests.Features.Notifications;

/// <summary>The real server sending mail over SMTP to its own real SMTP server on 127.0.0.1, with a one-minute digest window.</summary>
public sealed class SmtpLinkFactory : SmtpMailFactory
{
    public SmtpLinkFactory()
        : base(new LoopbackSmtpServer(), NewRoot())
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Smtp.Dispose();
        }
    }
}

/// <summary>
/// The real server sending mail over SMTP to <see cref="Smtp"/> (which a test may start late or stop), over the data directory
/// <see cref="CofferAppFactory.Root"/> (which a second factory may reuse: a restart). The development outbox stays on so the test
/// helpers can read account codes.
/// </summary>
public class SmtpMailFactory(LoopbackSmtpServer smtp, string root) : LinkAppFactory(root)
{
    public static readonly TimeSpan DigestWindow = TimeSpan.FromMinutes(1);

    public LoopbackSmtpServer Smtp { get; } = smtp;

    public int Port => Smtp.Port;

    /// <summary>Every message the SMTP server accepted, in order.</summary>
    public Channel<MimeMessage> Received => Smtp.Received;

    /// <summary>Settings over the defaults below; set before the first client is created.</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    /// <summary>"Production" keeps the outbox from printing codes to the log, so a test can check that no line holds one.</summary>
    public string HostEnvironment { get; set; } = "Development";

    protected override string Environment => HostEnvironment;

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Mail:Smtp:Host"] = "127.0.0.1";
        settings["Mail:Smtp:Port"] = Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail:Smtp:Security"] = "None";
        // The outbox stays on so account confirmation in the test helpers still works; links' mail is read from SMTP.
        settings["Mail:DevelopmentOutbox"] = "true";
        settings["Notifications:DigestWindow"] = DigestWindow.ToString();
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }
}
