using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Infrastructure.Mail;

/// <summary>
/// A mail waiting for SMTP: inserted with the work that caused it, deleted once sent, expired or given up. The body may hold a
/// one-time code, so nothing is kept after that.
/// </summary>
public sealed class QueuedMail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Text { get; set; }
    public required string Html { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not sent after this time (a code mail is worthless once its code expired); null: no limit.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>Failed SMTP attempts so far.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }
}

internal sealed class QueuedMailConfiguration : IEntityTypeConfiguration<QueuedMail>
{
    public void Configure(EntityTypeBuilder<QueuedMail> builder)
    {
        builder.ToTable("MailQueue");
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(500);
        builder.HasIndex(m => m.NextAttemptAt);
    }
}
