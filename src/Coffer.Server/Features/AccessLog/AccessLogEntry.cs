using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.AccessLog;

/// <summary>One event of a link's access log, chained to the link's previous event by hash; rows are only ever inserted.</summary>
public sealed class AccessLogEntry : IAppendOnly
{
    public const int MaxUserAgentLength = 512;
    public const int MaxDetailLength = 512;

    public long Id { get; set; }
    public required string LinkId { get; set; }

    /// <summary>1, 2, 3 … within the link; unique with the link id, so two writers can never fork the chain.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }
    public Guid FileId { get; set; }
    public required string Action { get; set; }
    public string? Actor { get; set; }
    public int? Version { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }
    public required byte[] PreviousHash { get; set; }
    public required byte[] Hash { get; set; }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");
        builder.Property(e => e.LinkId).HasMaxLength(Link.IdLength);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.Actor).HasMaxLength(320);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(AccessLogEntry.MaxUserAgentLength);
        builder.Property(e => e.Detail).HasMaxLength(AccessLogEntry.MaxDetailLength);
        builder.HasIndex(e => new { e.LinkId, e.Sequence }).IsUnique();
        builder.HasOne<Link>().WithMany().HasForeignKey(e => e.LinkId).OnDelete(DeleteBehavior.Restrict);
    }
}
