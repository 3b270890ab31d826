using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.AccessLog;

/// <summary>An event to append to a link's access log.</summary>
public sealed record AccessLogEvent(
    string LinkId,
    Guid FileId,
    string Action,
    string? Actor,
    int? Version = null,
    string? Ip = null,
    string? UserAgent = null,
    string? Detail = null);

/// <summary>
/// Appends to the access log. Appends are serialized by one writer lock (and the unique (link, sequence) index backs it up across
/// processes), each in its own short-lived context, so the chain never forks and a request's unsaved changes never ride along.
/// </summary>
public sealed class AccessLogWriter(IDbContextFactory<CofferDbContext> dbFactory, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<AccessLogEntry> AppendAsync(AccessLogEvent logEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logEvent);

        // The append must happen even when the client goes away mid-request: the event did happen.
        _ = cancellationToken;
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var last = await db.Set<AccessLogEntry>().AsNoTracking()
                .Where(e => e.LinkId == logEvent.LinkId)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(CancellationToken.None);
            var entry = new AccessLogEntry
            {
                LinkId = logEvent.LinkId,
                Sequence = (last?.Sequence ?? 0) + 1,
                At = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()),
                FileId = logEvent.FileId,
                Action = logEvent.Action,
                Actor = logEvent.Actor,
                Version = logEvent.Version,
                Ip = Truncate(logEvent.Ip, 64),
                UserAgent = Truncate(logEvent.UserAgent, AccessLogEntry.MaxUserAgentLength),
                Detail = Truncate(logEvent.Detail, AccessLogEntry.MaxDetailLength),
                PreviousHash = last?.Hash ?? AccessLogHash.Genesis(),
                Hash = [],
            };
            entry.Hash = AccessLogHash.Compute(entry);
            db.Set<AccessLogEntry>().Add(entry);
            await db.SaveChangesAsync(CancellationToken.None);
            return entry;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}

/// <summary>The client's address and user agent, as recorded in the access log.</summary>
public static class RequestOrigin
{
    public static (string? Ip, string? UserAgent) Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var agent = http.Request.Headers.UserAgent.ToString();
        return (http.Connection.RemoteIpAddress?.ToString(), agent.Length == 0 ? null : agent);
    }
}
