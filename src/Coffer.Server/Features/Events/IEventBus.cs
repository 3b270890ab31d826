using System.Threading.Channels;

namespace Coffer.Server.Features.Events;

/// <summary>One server-sent event: a monotonically increasing id, a name and its JSON data.</summary>
public sealed record ServerEvent(long Id, string Name, string Data);

/// <summary>
/// Publishes events to topics and lets streams subscribe with replay of what they missed. The in-memory bus serves one
/// instance; fan-out across instances replaces this seam later.
/// </summary>
public interface IEventBus
{
    ServerEvent Publish(string topic, string name, string data);

    /// <summary>
    /// Delivers an event to the topic's current subscribers only: it takes no place in the replay window and creates no topic,
    /// so a reconnect never replays it. For control events that streams act on and never write (see <see cref="AccessEvents"/>).
    /// </summary>
    void Signal(string topic, string name);

    /// <summary>Subscribes to <paramref name="topic"/>; events after <paramref name="lastEventId"/> still in the window are replayed first.</summary>
    EventSubscription Subscribe(string topic, long? lastEventId);
}

/// <summary>A live subscription: the replayed events, then the live channel; dispose to unsubscribe.</summary>
public sealed class EventSubscription(IReadOnlyList<ServerEvent> missed, ChannelReader<ServerEvent> live, Action unsubscribe) : IDisposable
{
    public IReadOnlyList<ServerEvent> Missed { get; } = missed;

    public ChannelReader<ServerEvent> Live { get; } = live;

    public void Dispose() => unsubscribe();
}

/// <summary>Topic names.</summary>
public static class EventTopics
{
    public static string File(Guid fileId) => $"file:{fileId:D}";

    public static string Owner(Guid accountId) => $"owner:{accountId:D}";
}
