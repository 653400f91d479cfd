using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Grain storage in one SQLite file: the embedded default, durable with nothing to install.
/// Each state is a JSON document with an etag; a write with a stale etag is refused
/// (<see cref="InconsistentStateException"/>), as the production store does.
/// </summary>
/// <remarks>
/// See <see cref="SqliteDatabase"/> for durability: a committed write survives kill -9; only a power failure may lose
/// the last transactions, which the production cluster (PostgreSQL) covers.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(SqliteDatabase database, ILogger<SqliteGrainStorage> logger)
    {
        _database = database;
        _logger = logger;
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

    /// <summary>How states are written: readable JSON, enums by name so reordering an enum never corrupts data.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload, etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(0), SerializerOptions)
                ?? throw new InvalidOperationException($"Stored state {stateName} of {grainId} is null.");
            grainState.ETag = reader.GetString(1);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, SerializerOptions);
        var newEtag = NextEtag(grainState.ETag);
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = grainState.ETag is null
            ? """
              INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at)
              VALUES ($state, $grain, $payload, $etag, $now)
              ON CONFLICT (state_name, grain_id) DO NOTHING
              """
            : """
              UPDATE grain_state SET payload = $payload, etag = $etag, updated_at = $now
              WHERE state_name = $state AND grain_id = $grain AND etag = $expected
              """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$etag", newEtag);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O"));
        command.Parameters.AddWithValue("$expected", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw await ConflictAsync(connection, stateName, grainId, grainState.ETag, "write");
        }

        grainState.ETag = newEtag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        if (grainState.ETag is not null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $expected";
            command.Parameters.AddWithValue("$state", stateName);
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$expected", grainState.ETag);
            if (await command.ExecuteNonQueryAsync() != 1)
            {
                throw await ConflictAsync(connection, stateName, grainId, grainState.ETag, "clear");
            }
        }
        else if (await StoredEtagAsync(connection, stateName, grainId) is not null)
        {
            throw await ConflictAsync(connection, stateName, grainId, null, "clear");
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string NextEtag(string? current) =>
        long.TryParse(current, out var version) ? (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "1";

    private async Task<InconsistentStateException> ConflictAsync(SqliteConnection connection, string stateName, GrainId grainId, string? expected, string operation)
    {
        var stored = await StoredEtagAsync(connection, stateName, grainId);
        LogConflict(_logger, operation, stateName, grainId.ToString(), expected, stored);
        return new InconsistentStateException(
            $"The {operation} of state '{stateName}' of {grainId} was refused: it expected etag '{expected}', storage holds '{stored}'.",
            stored ?? "",
            expected ?? "");
    }

    private static async Task<string?> StoredEtagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return await command.ExecuteScalarAsync() as string;
    }

    private Task<SqliteConnection> OpenAsync() => _database.OpenAsync();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage refused the {Operation} of {StateName} for {GrainId}: expected etag {Expected}, stored {Stored}")]
    private static partial void LogConflict(ILogger logger, string operation, string stateName, string grainId, string? expected, string? stored);
}
