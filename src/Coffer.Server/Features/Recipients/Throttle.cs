using Coffer.Server.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Coffer.Server.Features.Recipients;

/// <summary>
/// Persistent fixed-window counters in the database, driven by <see cref="TimeProvider"/>. Every step is one set-based
/// statement (reset an expired window, take a unit while under the limit, create a missing counter), so concurrent
/// requests — in this process or another — neither lose counts nor refuse each other by racing on a new counter.
/// </summary>
public sealed class Throttle(IDbContextFactory<CofferDbContext> dbFactory, TimeProvider time)
{
    private const int MaxInsertRaces = 5;

    /// <summary>Takes one unit from every counter, or none when any is spent (units already taken are given back).</summary>
    public async Task<bool> TryTakeAsync(IReadOnlyList<(string Key, int Limit)> counters, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counters);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = new List<string>();
        foreach (var (key, limit) in counters)
        {
            if (await TakeOneAsync(db, key, limit, window, cancellationToken))
            {
                taken.Add(key);
                continue;
            }

            foreach (var given in taken)
            {
                await db.Set<ThrottleCounter>().Where(c => c.Key == given && c.Count > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count - 1), CancellationToken.None);
            }

            return false;
        }

        return true;
    }

    private async Task<bool> TakeOneAsync(CofferDbContext db, string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        for (var race = 0; ; race++)
        {
            var now = time.GetUtcNow();
            var expiredBefore = now - window;
            await db.Set<ThrottleCounter>().Where(c => c.Key == key && c.WindowStart <= expiredBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WindowStart, now).SetProperty(c => c.Count, 0), cancellationToken);
            var took = await db.Set<ThrottleCounter>().Where(c => c.Key == key && c.Count < limit)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, c => c.Count + 1), cancellationToken);
            if (took == 1)
            {
                return true;
            }

            if (await db.Set<ThrottleCounter>().AnyAsync(c => c.Key == key, cancellationToken))
            {
                return false;
            }

            db.Set<ThrottleCounter>().Add(new ThrottleCounter { Key = key, WindowStart = now, Count = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException) when (race < MaxInsertRaces)
            {
                // Another request created the counter first: take from it like everyone else.
                db.ChangeTracker.Clear();
            }
        }
    }
}
