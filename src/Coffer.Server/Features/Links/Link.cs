using Coffer.Contracts.Links;
using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Links;

/// <summary>A shared link to one file: the file key wrapped under the link wrap key, the SHA-256 of the link auth token, and its options.</summary>
public sealed class Link
{
    public const int IdLength = 22;

    public required string Id { get; set; }
    public Guid FileId { get; set; }
    public Guid CreatorId { get; set; }

    /// <summary><see cref="LinkPermissions.Access"/> or <see cref="LinkPermissions.Modify"/>; never changes.</summary>
    public required string Permission { get; set; }

    public required byte[] WrappedFileKey { get; set; }
    public required byte[] AuthTokenHash { get; set; }
    public bool AccessLog { get; set; }
    public bool RequireEmail { get; set; }
    public bool DisableDownload { get; set; }
    public bool Watermark { get; set; }
    public bool NotifyOwner { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int? OpenLimit { get; set; }
    public int OpenCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Bumped by every change of options; the ETag, and the optimistic-concurrency token.</summary>
    public int Revision { get; set; }

    public bool Cooperative => Permission == LinkPermissions.Modify;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;

    public bool IsExhausted => OpenLimit is { } limit && OpenCount >= limit;

    /// <summary>The status an owner sees; <paramref name="downloadsDisabledByPolicy"/> suspends cooperative links.</summary>
    public string Status(DateTimeOffset now, bool downloadsDisabledByPolicy) =>
        RevokedAt is not null ? LinkStatuses.Revoked
        : IsExpired(now) ? LinkStatuses.Expired
        : Cooperative && downloadsDisabledByPolicy ? LinkStatuses.Suspended
        : IsExhausted ? LinkStatuses.Exhausted
        : LinkStatuses.Active;
}

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> builder)
    {
        builder.ToTable("Links");
        builder.Property(l => l.Id).HasMaxLength(Link.IdLength).ValueGeneratedNever();
        builder.Property(l => l.Permission).HasMaxLength(16);
        builder.Property(l => l.Revision).IsConcurrencyToken();
        builder.HasIndex(l => new { l.CreatorId, l.CreatedAt });
        builder.HasIndex(l => l.FileId);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(l => l.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.CreatorId).OnDelete(DeleteBehavior.Restrict);
    }
}
