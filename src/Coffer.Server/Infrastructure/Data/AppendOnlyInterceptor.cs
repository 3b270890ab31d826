using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>Refuses any save that modifies or deletes an <see cref="IAppendOnly"/> row: the data layer's half of "versions are immutable".</summary>
internal sealed class AppendOnlyInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<IAppendOnly>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AppendOnlyViolationException(entry.Metadata.ClrType.Name, entry.State.ToString());
            }
        }
    }
}

/// <summary>Thrown when code tries to change or delete an append-only row.</summary>
public sealed class AppendOnlyViolationException(string entity, string state)
    : InvalidOperationException($"{entity} rows are append-only; refusing a save with an entry in state {state}.");
