using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Silo.Storage;

/// <summary>Grain storage in one SQLite file: the embedded default, durable with nothing to install.</summary>
/// <remarks>
/// See <see cref="SqliteDatabase"/> for durability: a committed write survives kill -9; only a power failure may lose
/// the last transactions, which the production cluster (PostgreSQL) covers.
/// </remarks>
public sealed class SqliteGrainStorage : JsonGrainStorage
{
    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(SqliteDatabase database, ILogger<SqliteGrainStorage> logger)
        : base(logger)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                payload    TEXT NOT NULL,
                etag       TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
    }

    protected override async Task<(string Payload, long Version)?> ReadAsync(string stateName, string grainId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = Command(connection, "SELECT payload, etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    protected override Task<bool> InsertAsync(string stateName, string grainId, string payload, long version) => ChangeAsync("""
        INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at) VALUES ($state, $grain, $payload, $etag, $now)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        """, stateName, grainId, ("$payload", payload), ("$etag", Text(version)), ("$now", DateTimeOffset.UtcNow.ToString("O")));

    protected override Task<bool> UpdateAsync(string stateName, string grainId, string payload, long version, long expected) => ChangeAsync("""
        UPDATE grain_state SET payload = $payload, etag = $etag, updated_at = $now
        WHERE state_name = $state AND grain_id = $grain AND etag = $expected
        """, stateName, grainId, ("$payload", payload), ("$etag", Text(version)), ("$now", DateTimeOffset.UtcNow.ToString("O")), ("$expected", Text(expected)));

    protected override Task<bool> DeleteAsync(string stateName, string grainId, long expected) => ChangeAsync(
        "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $expected", stateName, grainId, ("$expected", Text(expected)));

    protected override async Task<long?> StoredVersionAsync(string stateName, string grainId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = Command(connection, "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        return await command.ExecuteScalarAsync() is string etag ? long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<bool> ChangeAsync(string sql, string stateName, string grainId, params (string Name, object? Value)[] parameters) =>
        await _database.Writes.ExecuteAsync(sql, [("$state", stateName), ("$grain", grainId), .. parameters]) == 1;

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, string grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        return command;
    }

    private static string Text(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
