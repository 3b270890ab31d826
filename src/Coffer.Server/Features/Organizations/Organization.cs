using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Organizations;

/// <summary>A group of accounts sharing a plan and a link policy, run by its admins.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public Plan Plan { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An account's membership of an organization (an account belongs to at most one).</summary>
public sealed class OrganizationMember
{
    public const string AdminRole = "admin";
    public const string MemberRole = "member";

    public Guid AccountId { get; set; }
    public Guid OrganizationId { get; set; }
    public required string Role { get; set; }

    public bool IsAdmin => Role == AdminRole;
}

/// <summary>An organization's rules for links (the links feature enforces them).</summary>
public sealed class OrganizationPolicy
{
    public Guid OrganizationId { get; set; }
    public bool AllowCooperativeLinks { get; set; } = true;

    /// <summary>When on, downloads through links are off and cooperative links cannot be created (existing ones are suspended).</summary>
    public bool DisableDownloads { get; set; }

    public int? DefaultLinkExpiryDays { get; set; }
    public int? MaxLinkExpiryDays { get; set; }
}

internal sealed class OrganizationConfiguration :
    IEntityTypeConfiguration<Organization>,
    IEntityTypeConfiguration<OrganizationMember>,
    IEntityTypeConfiguration<OrganizationPolicy>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.HasIndex(o => o.Name).IsUnique();
        builder.Property(o => o.Plan).HasConversion<string>().HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<OrganizationMember> builder)
    {
        builder.ToTable("OrganizationMembers");
        builder.HasKey(m => m.AccountId);
        builder.HasIndex(m => m.OrganizationId);
        builder.Property(m => m.Role).HasMaxLength(16);
        builder.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Accounts.Account>().WithOne().HasForeignKey<OrganizationMember>(m => m.AccountId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<OrganizationPolicy> builder)
    {
        builder.ToTable("OrganizationPolicies");
        builder.HasKey(p => p.OrganizationId);
        builder.HasOne<Organization>().WithOne().HasForeignKey<OrganizationPolicy>(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
