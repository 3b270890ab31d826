using System.ComponentModel.DataAnnotations;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>Mail settings: SMTP when <c>Mail:Smtp:Host</c> is set, and/or the development outbox.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Mail:From must be an address such as \"Coffer <coffer@example.com>\".")]
    public string From { get; set; } = "Coffer <coffer@localhost>";

    /// <summary>Stores every mail in the database, readable at <c>/dev/outbox</c>; default: on when no SMTP host is set.</summary>
    public bool? DevelopmentOutbox { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public bool SmtpEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);

    public bool OutboxEnabled => DevelopmentOutbox ?? !SmtpEnabled;
}

/// <summary>The SMTP relay (MailKit).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535, ErrorMessage = "Mail:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c>.</summary>
    [RegularExpression("^(StartTls|SslOnConnect|StartTlsWhenAvailable|None)$",
        ErrorMessage = "Mail:Smtp:Security must be StartTls, SslOnConnect, StartTlsWhenAvailable or None.")]
    public string Security { get; set; } = "StartTls";

    public string? User { get; set; }

    public string? Password { get; set; }
}
