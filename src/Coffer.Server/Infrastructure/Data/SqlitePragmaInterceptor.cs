using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Coffer.Server.Infrastructure.Data;

/// <summary>
/// Gives every physical SQLite connection a busy timeout and foreign-key enforcement, so concurrent writers wait instead of
/// failing and relations hold. WAL is a property of the database file, set once by <see cref="EnableWalAsync"/> at start.
/// </summary>
/// <remarks>
/// Both settings live on the native connection, which Microsoft.Data.Sqlite's pool keeps open between uses (returning a
/// connection to the pool resets neither); so they are run when a native handle is first seen, not on every pooled open,
/// which would cost a statement per query.
/// </remarks>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 10000;

    private static readonly string Pragmas = FormattableString.Invariant($"PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=ON;");

    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsConfigured(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    /// <summary>Sets the database file to WAL; persistent in the file, so once per start is enough.</summary>
    public static async Task EnableWalAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The table holds its keys weakly: a native connection the pool closes drops out with its handle. Only a connection whose
    // settings were applied is remembered, so a failed attempt is repeated on the next open.
    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, this);
        }
    }
}
