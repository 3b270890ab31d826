using Coffer.Server.Features.Events;

namespace Coffer.Server.Tests.Features.Events;

public sealed class InMemoryEventBusTests
{
    [Fact]
    public void Subscribe_WithLastEventId_ReplaysOnlyLaterEventsOfThatTopic()
    {
        var bus = new InMemoryEventBus();
        var first = bus.Publish("a", "e", "1");
        bus.Publish("b", "e", "other topic");
        var second = bus.Publish("a", "e", "2");

        using var subscription = bus.Subscribe("a", first.Id);

        Assert.Equal([second], subscription.Missed);
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public void Ring_KeepsTheNewestEventsOnly()
    {
        var bus = new InMemoryEventBus();
        for (var i = 0; i < InMemoryEventBus.RingSize + 10; i++)
        {
            bus.Publish("a", "e", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var subscription = bus.Subscribe("a", 0);

        Assert.Equal(InMemoryEventBus.RingSize, subscription.Missed.Count);
        Assert.Equal("10", subscription.Missed[0].Data);
    }

    [Fact]
    public async Task Subscribers_ReceiveLiveEvents_UntilDisposed()
    {
        var bus = new InMemoryEventBus();
        var subscription = bus.Subscribe("a", null);

        var published = bus.Publish("a", "e", "live");

        Assert.Equal(published, await subscription.Live.ReadAsync());
        subscription.Dispose();
        bus.Publish("a", "e", "after");
        Assert.False(await subscription.Live.WaitToReadAsync());
    }

    [Fact]
    public async Task Signal_ReachesLiveSubscribersOnly_AndIsNeverReplayed()
    {
        var bus = new InMemoryEventBus();
        var before = bus.Publish("a", "e", "before");
        bus.Signal("quiet", "s");
        using var live = bus.Subscribe("a", null);

        bus.Signal("a", "s");
        var after = bus.Publish("a", "e", "after");

        var signal = await live.Live.ReadAsync();
        Assert.Equal(("s", ""), (signal.Name, signal.Data));
        Assert.True(signal.Id > before.Id && signal.Id < after.Id);
        Assert.Equal(after, await live.Live.ReadAsync());
        using var reconnect = bus.Subscribe("a", before.Id);
        Assert.Equal([after], reconnect.Missed);
        using var late = bus.Subscribe("quiet", 0);
        Assert.Empty(late.Missed);
    }

    [Fact]
    public void Topics_AreBounded_ForgettingQuietTopicsWithoutSubscribers()
    {
        var bus = new InMemoryEventBus();
        using var watched = bus.Subscribe("watched", null);
        bus.Publish("watched", "e", "kept");
        for (var i = 0; i < InMemoryEventBus.MaxTopics + 5; i++)
        {
            bus.Publish($"topic-{i}", "e", "x");
        }

        using var again = bus.Subscribe("watched", 0);
        using var forgotten = bus.Subscribe("topic-0", 0);

        Assert.Single(again.Missed);
        Assert.Empty(forgotten.Missed);
    }
}
