using System.Globalization;
using System.Text;

namespace Coffer.Server.Features.Events;

/// <summary>Writes a subscription as <c>text/event-stream</c>: replayed events, live events, and a comment line as heartbeat.</summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";
    public const string Heartbeat = ": heartbeat\n\n";
    public const int RetryMilliseconds = 3000;

    /// <summary>One event in the wire format (a data line per line of data, a blank line to end it).</summary>
    public static string Format(ServerEvent serverEvent)
    {
        ArgumentNullException.ThrowIfNull(serverEvent);
        var text = new StringBuilder();
        text.Append("id: ").Append(serverEvent.Id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("event: ").Append(serverEvent.Name).Append('\n');
        foreach (var line in serverEvent.Data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The <c>Last-Event-ID</c> a reconnecting client sent, if it is a number.</summary>
    public static long? LastEventId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers["Last-Event-ID"].ToString();
        return long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// Streams until the client leaves or <paramref name="stillAllowed"/> says no; the stream then simply ends (no final event),
    /// and a client that reconnects is told why by the door. The check is asked once right after the stream opens, at once
    /// whenever an <see cref="AccessEvents.AccessChanged"/> signal arrives (which is never written), and at every heartbeat as
    /// the backstop for what no event announces (expiry by time). The check gets its own database context from the caller's
    /// factory: a stream outlives any request scope's sensible lifetime.
    /// </summary>
    public static async Task StreamAsync(
        HttpContext http,
        EventSubscription subscription,
        TimeProvider time,
        TimeSpan heartbeat,
        Func<CancellationToken, Task<bool>> stillAllowed)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(stillAllowed);
        var cancellationToken = http.RequestAborted;
        var response = http.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync($"retry: {RetryMilliseconds}\n\n", cancellationToken);
        foreach (var missed in subscription.Missed)
        {
            await response.WriteAsync(Format(missed), cancellationToken);
        }

        await response.Body.FlushAsync(cancellationToken);

        // The caller subscribed before this check, so a change committed after the door let the client in is either seen here
        // or signalled to the subscription: none waits for the heartbeat.
        try
        {
            if (!await stillAllowed(cancellationToken))
            {
                return;
            }

            await FollowAsync(http, subscription, time, heartbeat, stillAllowed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task FollowAsync(
        HttpContext http, EventSubscription subscription, TimeProvider time, TimeSpan heartbeat, Func<CancellationToken, Task<bool>> stillAllowed)
    {
        var cancellationToken = http.RequestAborted;
        var response = http.Response;
        using var timer = new PeriodicTimer(heartbeat, time);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var read = subscription.Live.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            var done = await Task.WhenAny(tick, read);
            if (done == read)
            {
                if (!await read)
                {
                    return;
                }

                var accessChanged = false;
                while (subscription.Live.TryRead(out var live))
                {
                    if (live.Name == AccessEvents.AccessChanged)
                    {
                        accessChanged = true;
                        continue;
                    }

                    await response.WriteAsync(Format(live), cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
                if (accessChanged && !await stillAllowed(cancellationToken))
                {
                    return;
                }

                read = subscription.Live.WaitToReadAsync(cancellationToken).AsTask();
                continue;
            }

            if (!await tick || !await stillAllowed(cancellationToken))
            {
                return;
            }

            await response.WriteAsync(Heartbeat, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        }
    }
}
