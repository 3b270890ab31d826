using System.Threading.Channels;

namespace Coffer.Server.Features.Events;

/// <summary>The single-instance event bus: a bounded ring of recent events per topic and a bounded channel per subscriber.</summary>
public sealed class InMemoryEventBus : IEventBus
{
    public const int RingSize = 256;

    /// <summary>Topics kept; beyond it the quietest topic without subscribers is forgotten (its late reconnects replay nothing).</summary>
    public const int MaxTopics = 10_000;
    private const int SubscriberBuffer = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private long _lastId;

    public ServerEvent Publish(string topic, string name, string data)
    {
        lock (_gate)
        {
            var published = new ServerEvent(++_lastId, name, data);
            var state = TopicOf(topic);
            state.LastId = published.Id;
            state.Ring.Enqueue(published);
            if (state.Ring.Count > RingSize)
            {
                state.Ring.Dequeue();
            }

            foreach (var subscriber in state.Subscribers)
            {
                subscriber.Writer.TryWrite(published);
            }

            return published;
        }
    }

    public void Signal(string topic, string name)
    {
        lock (_gate)
        {
            if (!_topics.TryGetValue(topic, out var state) || state.Subscribers.Count == 0)
            {
                return;
            }

            var signal = new ServerEvent(++_lastId, name, string.Empty);
            foreach (var subscriber in state.Subscribers)
            {
                subscriber.Writer.TryWrite(signal);
            }
        }
    }

    public EventSubscription Subscribe(string topic, long? lastEventId)
    {
        var channel = Channel.CreateBounded<ServerEvent>(new BoundedChannelOptions(SubscriberBuffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            var state = TopicOf(topic);
            IReadOnlyList<ServerEvent> missed = lastEventId is { } after ? state.Ring.Where(e => e.Id > after).ToList() : [];
            state.Subscribers.Add(channel);
            return new EventSubscription(missed, channel.Reader, () => Unsubscribe(topic, channel));
        }
    }

    private void Unsubscribe(string topic, Channel<ServerEvent> channel)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(topic, out var state))
            {
                state.Subscribers.Remove(channel);
            }
        }

        channel.Writer.TryComplete();
    }

    private Topic TopicOf(string topic)
    {
        if (!_topics.TryGetValue(topic, out var state))
        {
            if (_topics.Count >= MaxTopics)
            {
                ForgetQuietestTopic();
            }

            state = new Topic();
            _topics[topic] = state;
        }

        return state;
    }

    private void ForgetQuietestTopic()
    {
        string? quietest = null;
        var quietestId = long.MaxValue;
        foreach (var (name, state) in _topics)
        {
            if (state.Subscribers.Count == 0 && state.LastId < quietestId)
            {
                quietest = name;
                quietestId = state.LastId;
            }
        }

        if (quietest is not null)
        {
            _topics.Remove(quietest);
        }
    }

    private sealed class Topic
    {
        public Queue<ServerEvent> Ring { get; } = new();

        public List<Channel<ServerEvent>> Subscribers { get; } = [];

        public long LastId { get; set; }
    }
}
