using Coffer.Server.Features.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Recipients;

/// <summary>A recipient's session on one link; only the SHA-256 of its token is stored.</summary>
public sealed class LinkSession
{
    public Guid Id { get; set; }
    public required string LinkId { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>The verified, normalised email; null when the link does not require email.</summary>
    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>The pending verification code of one email on one link: hashed, expiring, with an attempt count; a new code replaces it.</summary>
public sealed class LinkVerification
{
    public Guid Id { get; set; }
    public required string LinkId { get; set; }
    public required string Email { get; set; }
    public required byte[] CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
}

/// <summary>A persistent fixed-window counter (codes sent per link, per email), so limits survive restarts.</summary>
public sealed class ThrottleCounter
{
    public required string Key { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}

internal sealed class RecipientConfiguration :
    IEntityTypeConfiguration<LinkSession>,
    IEntityTypeConfiguration<LinkVerification>,
    IEntityTypeConfiguration<ThrottleCounter>
{
    public void Configure(EntityTypeBuilder<LinkSession> builder)
    {
        builder.ToTable("LinkSessions");
        builder.Property(s => s.LinkId).HasMaxLength(Link.IdLength);
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.LinkId);
        builder.HasOne<Link>().WithMany().HasForeignKey(s => s.LinkId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LinkVerification> builder)
    {
        builder.ToTable("LinkVerifications");
        builder.Property(v => v.LinkId).HasMaxLength(Link.IdLength);
        builder.Property(v => v.Email).HasMaxLength(320);
        builder.HasIndex(v => new { v.LinkId, v.Email }).IsUnique();
        builder.HasOne<Link>().WithMany().HasForeignKey(v => v.LinkId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ThrottleCounter> builder)
    {
        builder.ToTable("ThrottleCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(400);
    }
}
