using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Recipients;

/// <summary>Persistent fixed-window counters in the database, driven by <see cref="TimeProvider"/>.</summary>
public sealed class Throttle(IDbContextFactory<CofferDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Takes one unit from every counter, or none when any is spent (so a refused attempt costs nothing).</summary>
    public async Task<bool> TryTakeAsync(IReadOnlyList<(string Key, int Limit)> counters, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counters);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var keys = counters.Select(c => c.Key).ToList();
        var rows = await db.Set<ThrottleCounter>().Where(c => keys.Contains(c.Key)).ToDictionaryAsync(c => c.Key, cancellationToken);
        foreach (var (key, limit) in counters)
        {
            if (!rows.TryGetValue(key, out var row))
            {
                row = new ThrottleCounter { Key = key, WindowStart = now };
                db.Set<ThrottleCounter>().Add(row);
                rows[key] = row;
            }
            else if (row.WindowStart + window <= now)
            {
                row.WindowStart = now;
                row.Count = 0;
            }

            if (row.Count >= limit)
            {
                return false;
            }

            row.Count++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrent first attempt created the same counter: refuse this one rather than double-count.
            return false;
        }
    }
}
