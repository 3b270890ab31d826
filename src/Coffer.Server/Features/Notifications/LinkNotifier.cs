using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Coffer.Server.Features.Notifications;

/// <summary>Something that happened on a link that its owner asked to hear about.</summary>
public sealed record LinkActivity(string LinkId, string Kind, string? Actor, int? Version, DateTimeOffset At)
{
    public const string Opened = "opened";
    public const string Updated = "updated";
}

/// <summary>What request handlers call: records the activity in memory and returns at once; the digest service mails it later.</summary>
public sealed class LinkNotifier
{
    private readonly Channel<LinkActivity> _channel = Channel.CreateBounded<LinkActivity>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Record(LinkActivity activity) => _channel.Writer.TryWrite(activity);

    internal ChannelReader<LinkActivity> Reader => _channel.Reader;
}

/// <summary>The activities of one link waiting for their digest.</summary>
internal sealed class PendingDigests
{
    private readonly ConcurrentDictionary<string, List<LinkActivity>> _pending = new(StringComparer.Ordinal);

    /// <summary>Adds the activity; true when it is the first of a new digest (the caller then schedules the send).</summary>
    public bool Add(LinkActivity activity)
    {
        var isNew = false;
        var list = _pending.GetOrAdd(activity.LinkId, _ =>
        {
            isNew = true;
            return [];
        });
        lock (list)
        {
            list.Add(activity);
        }

        return isNew;
    }

    public IReadOnlyList<LinkActivity> Take(string linkId)
    {
        if (!_pending.TryRemove(linkId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return list.ToList();
        }
    }
}
