using Coffer.Server.Features.Links;
using Coffer.Server.Infrastructure;
using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Notifications;

/// <summary>Something that happened on a link that its owner asked to hear about.</summary>
public sealed record LinkActivity(string LinkId, string Kind, string? Actor, int? Version, DateTimeOffset At)
{
    public const string Opened = "opened";
    public const string Updated = "updated";
}

/// <summary>A <see cref="LinkActivity"/> stored until its link's digest is mailed, so a restart loses no digest.</summary>
public sealed class PendingLinkActivity
{
    public long Id { get; set; }
    public required string LinkId { get; set; }
    public required string Kind { get; set; }
    public string? Actor { get; set; }
    public int? Version { get; set; }
    public DateTimeOffset At { get; set; }

    public LinkActivity ToActivity() => new(LinkId, Kind, Actor, Version, At);
}

internal sealed class PendingLinkActivityConfiguration : IEntityTypeConfiguration<PendingLinkActivity>
{
    public void Configure(EntityTypeBuilder<PendingLinkActivity> builder)
    {
        builder.ToTable("PendingLinkActivities");
        // No foreign key: the digest service drops the rows of a link that is gone.
        builder.Property(a => a.LinkId).HasMaxLength(Link.IdLength);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Actor).HasMaxLength(320);
        builder.HasIndex(a => new { a.LinkId, a.At });
    }
}

/// <summary>What request handlers call: stores the activity (one insert) and wakes the digest service, which mails it later.</summary>
public sealed partial class LinkNotifier(IDbContextFactory<CofferDbContext> dbFactory, ILogger<LinkNotifier> logger)
{
    internal WakeSignal Signal { get; } = new();

    /// <summary>Never fails the request: the activity it reports has already happened and been committed.</summary>
    public async Task RecordAsync(LinkActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        try
        {
            // Not cancellable by the request: a client that hangs up after its upload still counts as activity.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.Set<PendingLinkActivity>().Add(new PendingLinkActivity
            {
                LinkId = activity.LinkId,
                Kind = activity.Kind,
                Actor = activity.Actor,
                Version = activity.Version,
                At = activity.At,
            });
            await db.SaveChangesAsync(CancellationToken.None);
            Signal.Wake();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogNotRecorded(activity.LinkId, activity.Kind, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store the {Kind} activity of link {LinkId} for its owner's digest")]
    private partial void LogNotRecorded(string linkId, string kind, Exception error);
}
