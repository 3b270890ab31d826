using System.Runtime.CompilerServices;
using System.Text;

namespace Coffer.Client.Events;

/// <summary>One server-sent event: its id (for Last-Event-ID), name and data.</summary>
public sealed record ServerSentEvent(string? Id, string Name, string Data);

/// <summary>Parses a <c>text/event-stream</c> body (WHATWG rules: <c>id</c>, <c>event</c>, multi-line <c>data</c>, comments ignored).</summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null;
        string name = "message";
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                    yield return new ServerSentEvent(id, name, data.ToString());
                name = "message";
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
                value = value[1..];
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    if (hasData)
                        data.Append('\n');
                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }
}
