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

    /// <summary>SMTP attempts per mail before it is dropped (with an error in the log).</summary>
    [Range(1, 100, ErrorMessage = "Mail:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The pause after the first failed attempt; it doubles after each further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Mail:RetryDelay must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Mail:MaxRetryDelay must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

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
