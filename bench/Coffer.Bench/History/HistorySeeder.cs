using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coffer.Bench.History;

/// <summary>
/// Bulk inserts into the server's own (migrated) SQLite database while the server is stopped: versions 2…N of a file as
/// "make it current" versions of version 1 (the very rows the server writes for that), and access-log rows continuing the
/// link's chain with valid hashes.
/// </summary>
internal static class HistorySeeder
{
    private static readonly DateTimeOffsetToBinaryConverter Times = new();
    private static readonly string[] Actions = ["opened", "previewed", "downloaded", "version-uploaded", "verified"];

    public static async Task<int> SeedVersionsAsync(string databasePath, Guid fileId, int totalVersions)
    {
        await using var connection = Open(databasePath);
        await using var transaction = connection.BeginTransaction();
        var fileText = await ScalarAsync<string>(connection, transaction, "SELECT FileId FROM FileVersions WHERE Number = 1 AND lower(FileId) = lower($f)", ("$f", fileId.ToString("D")));
        var createdAt = Times.ConvertFromProvider(await ScalarAsync<long>(connection, transaction, "SELECT CreatedAt FROM FileVersions WHERE FileId = $f AND Number = 1", ("$f", fileText))) as DateTimeOffset?
            ?? throw new InvalidOperationException("version 1 has no time");
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO FileVersions (FileId, Number, ContentId, BlobId, CiphertextLength, CiphertextSha256, WrappedContentKey, SealedMetadata, CreatedAt, UploaderEmail, UploaderAccountId, BasedOn, RestoredFrom)
            SELECT FileId, $n, ContentId, BlobId, CiphertextLength, CiphertextSha256, WrappedContentKey, SealedMetadata, $at, UploaderEmail, UploaderAccountId, $n - 1, 1
            FROM FileVersions WHERE FileId = $f AND Number = 1
            """;
        var number = insert.Parameters.Add("$n", SqliteType.Integer);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$f", fileText);
        for (var n = 2; n <= totalVersions; n++)
        {
            number.Value = n;
            at.Value = (long)Times.ConvertToProvider(createdAt.AddSeconds(n))!;
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return totalVersions - 1;
    }

    /// <summary>Extends the link's chain to <paramref name="totalEvents"/> rows; returns how many were added.</summary>
    public static async Task<long> SeedAccessLogAsync(string databasePath, string linkId, long totalEvents)
    {
        await using var connection = Open(databasePath);
        await using var transaction = connection.BeginTransaction();
        long sequence;
        byte[] previous;
        string fileText;
        DateTimeOffset at;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT Sequence, Hash, FileId, At FROM AccessLog WHERE LinkId = $l ORDER BY Sequence DESC LIMIT 1";
            last.Parameters.AddWithValue("$l", linkId);
            await using var reader = await last.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                throw new InvalidOperationException("the link has no access-log row to continue from");
            sequence = reader.GetInt64(0);
            previous = (byte[])reader.GetValue(1);
            fileText = reader.GetString(2);
            at = (DateTimeOffset)Times.ConvertFromProvider(reader.GetInt64(3))!;
        }

        var fileId = Guid.Parse(fileText).ToString("D");
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO AccessLog (LinkId, Sequence, At, FileId, Action, Actor, Version, Ip, UserAgent, Detail, PreviousHash, Hash)
            VALUES ($l, $s, $at, $f, $a, $actor, $v, $ip, $ua, NULL, $prev, $hash)
            """;
        insert.Parameters.AddWithValue("$l", linkId);
        insert.Parameters.AddWithValue("$f", fileText);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var time = insert.Parameters.Add("$at", SqliteType.Integer);
        var action = insert.Parameters.Add("$a", SqliteType.Text);
        var actor = insert.Parameters.Add("$actor", SqliteType.Text);
        var version = insert.Parameters.Add("$v", SqliteType.Integer);
        var ip = insert.Parameters.Add("$ip", SqliteType.Text);
        var agent = insert.Parameters.Add("$ua", SqliteType.Text);
        var prev = insert.Parameters.Add("$prev", SqliteType.Blob);
        var hash = insert.Parameters.Add("$hash", SqliteType.Blob);
        insert.Prepare();
        var added = 0L;
        while (sequence < totalEvents)
        {
            sequence++;
            at = at.AddSeconds(1);
            var a = Actions[sequence % Actions.Length];
            var who = $"recipient-{sequence % 500:D3}@example.com";
            int? v = a is "opened" or "verified" ? null : (int)(1 + (sequence % 10));
            var address = $"192.0.2.{sequence % 250}";
            const string userAgent = "coffer-cli/1.0.0";
            var h = AccessLogChainHash.Compute(linkId, sequence, at, fileId, a, who, v, address, userAgent, null, previous);
            s.Value = sequence;
            time.Value = (long)Times.ConvertToProvider(at)!;
            action.Value = a;
            actor.Value = who;
            version.Value = v is null ? DBNull.Value : v.Value;
            ip.Value = address;
            agent.Value = userAgent;
            prev.Value = previous;
            hash.Value = h;
            await insert.ExecuteNonQueryAsync();
            previous = h;
            added++;
        }

        await transaction.CommitAsync();
        return added;
    }

    public static async Task ExecuteAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("no row for: " + sql);
        return (T)Convert.ChangeType(result, typeof(T), CultureInfo.InvariantCulture);
    }
}
