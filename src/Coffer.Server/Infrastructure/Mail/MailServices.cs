using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>Registers mail: the development outbox, the durable SMTP queue and its background sender.</summary>
public static partial class MailServices
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>()
            .Bind(builder.Configuration.GetSection(MailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Mail:Smtp:Port must be between 1 and 65535.")
            .Validate(o => o.Smtp.Security is "StartTls" or "SslOnConnect" or "StartTlsWhenAvailable" or "None",
                "Mail:Smtp:Security must be StartTls, SslOnConnect, StartTlsWhenAvailable or None.")
            .Validate(o => o.MaxRetryDelay >= o.RetryDelay, "Mail:MaxRetryDelay must not be shorter than Mail:RetryDelay.")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Mail:From must be a mail address such as \"Coffer <coffer@example.com>\".")
            .ValidateOnStart();
        builder.Services.AddSingleton<DevelopmentOutboxSender>();
        builder.Services.AddSingleton<SmtpMailSender>();
        builder.Services.AddSingleton<MailQueueSignal>();
        builder.Services.AddSingleton<IInterceptor, QueuedMailInterceptor>();
        builder.Services.AddSingleton<IMailer, Mailer>();
        builder.Services.AddHostedService<MailQueueSender>();
        return builder;
    }

    /// <summary>Warns at start when the outbox is on outside Development (codes are readable by anyone who can reach the page).</summary>
    public static void WarnAboutOutbox(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MailOptions>>().Value;
        if (options.OutboxEnabled && !app.Environment.IsDevelopment())
        {
            LogOutboxOutsideDevelopment(app.Logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The development mail outbox is on (no Mail:Smtp:Host configured): mails, including confirmation codes, are readable at /dev/outbox. Configure SMTP or set Mail:DevelopmentOutbox=false for production.")]
    private static partial void LogOutboxOutsideDevelopment(ILogger logger);
}
