using Coffer.Server.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Accounts;

/// <summary>An owner account: its normalised email, its client KDF record, the server's hash of its auth key, and its wrapped account key.</summary>
public sealed class Account
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public required string KdfAlgorithm { get; set; }
    public int KdfIterations { get; set; }
    public required byte[] KdfSalt { get; set; }
    public required byte[] AuthKeyHash { get; set; }
    public required byte[] AuthKeySalt { get; set; }
    public int AuthKeyIterations { get; set; }
    public required byte[] WrappedAccountKey { get; set; }
    public Plan Plan { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
}

/// <summary>A logged-in session; only the SHA-256 of its token is stored.</summary>
public sealed class Session
{
    public const string BearerKind = "bearer";
    public const string CookieKind = "cookie";

    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public required byte[] TokenHash { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>The pending email confirmation of an account: one code at a time, hashed, with an expiry and an attempt count.</summary>
public sealed class EmailConfirmation
{
    public Guid AccountId { get; set; }
    public required byte[] CodeHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Attempts { get; set; }
}

internal sealed class AccountConfiguration :
    IEntityTypeConfiguration<Account>,
    IEntityTypeConfiguration<Session>,
    IEntityTypeConfiguration<EmailConfirmation>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("Accounts");
        builder.Property(a => a.Email).HasMaxLength(320);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.Property(a => a.KdfAlgorithm).HasMaxLength(32);
        builder.Property(a => a.Plan).HasConversion<string>().HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.AccountId);
        builder.Property(s => s.Kind).HasMaxLength(16);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EmailConfirmation> builder)
    {
        builder.ToTable("EmailConfirmations");
        builder.HasKey(c => c.AccountId);
        builder.HasOne<Account>().WithOne().HasForeignKey<EmailConfirmation>(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
