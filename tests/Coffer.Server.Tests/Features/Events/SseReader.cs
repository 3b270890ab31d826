using System.Globalization;
using System.Text;

namespace Coffer.Server.Tests.Features.Events;

/// <summary>One block of a text/event-stream: its id, event name, data and comment lines.</summary>
public sealed record SseBlock(long? Id, string? Event, string? Data, IReadOnlyList<string> Comments, int? Retry);

/// <summary>Reads a server-sent event stream block by block (blocks end with a blank line).</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>The next block, or null at the end of the stream.</summary>
    public async Task<SseBlock?> ReadAsync(CancellationToken cancellationToken)
    {
        long? id = null;
        string? name = null;
        int? retry = null;
        var data = new List<string>();
        var comments = new List<string>();
        var any = false;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return any ? new SseBlock(id, name, data.Count > 0 ? string.Join('\n', data) : null, comments, retry) : null;
            }

            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseBlock(id, name, data.Count > 0 ? string.Join('\n', data) : null, comments, retry);
                }

                continue;
            }

            any = true;
            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line[6..]);
            }
            else if (line.StartsWith("retry: ", StringComparison.Ordinal))
            {
                retry = int.Parse(line[7..], CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Skips heartbeats and the retry block until an event arrives.</summary>
    public async Task<SseBlock> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var block = await ReadAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (block.Event is not null)
            {
                return block;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
