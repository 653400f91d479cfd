using DoiThoai.Grains.Abstractions.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Grain storage of the production cluster in PostgreSQL (table grain_state, infra/postgres/migrations/0002):
/// the same documents and etags as the embedded store, shared by every silo. While the database is away it throws
/// <see cref="StorageUnavailableException"/>. A write, connection included, is known within
/// <see cref="WriteTimeout"/> (under <see cref="CallDeadline.WriteAllowance"/>), also when the database does not answer at all;
/// one whose statement was sent and not answered is <see cref="StorageOutcomeUnknownException"/>, for the grain to settle.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, ILogger<PostgresGrainStorage> logger) : JsonGrainStorage(logger)
{
    public static readonly TimeSpan WriteTimeout = CallDeadline.WriteAllowance - TimeSpan.FromSeconds(3);

    protected override Task<(string Payload, long Version)?> ReadAsync(string stateName, string grainId) =>
        PostgresFailure.GuardAsync<(string Payload, long Version)?>(async () =>
    {
        await using var command = Command("SELECT payload::text, etag FROM grain_state WHERE state_name = @state AND grain_id = @grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    });

    protected override Task<bool> InsertAsync(string stateName, string grainId, string payload, long version) => ChangeAsync("""
        INSERT INTO grain_state (state_name, grain_id, payload, etag) VALUES (@state, @grain, @payload, @etag)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        """, stateName, grainId, payload, version);

    protected override Task<bool> UpdateAsync(string stateName, string grainId, string payload, long version, long expected) => ChangeAsync("""
        UPDATE grain_state SET payload = @payload, etag = @etag, updated_at = now()
        WHERE state_name = @state AND grain_id = @grain AND etag = @expected
        """, stateName, grainId, payload, version, expected);

    protected override Task<bool> DeleteAsync(string stateName, string grainId, long expected) => ChangeAsync(
        "DELETE FROM grain_state WHERE state_name = @state AND grain_id = @grain AND etag = @expected", stateName, grainId, expected: expected);

    protected override Task<long?> StoredVersionAsync(string stateName, string grainId) => PostgresFailure.GuardAsync(async () =>
    {
        await using var command = Command("SELECT etag FROM grain_state WHERE state_name = @state AND grain_id = @grain", stateName, grainId);
        return await command.ExecuteScalarAsync() as long?;
    });

    private Task<bool> ChangeAsync(string sql, string stateName, string grainId, string? payload = null, long? version = null, long? expected = null) =>
        PostgresFailure.GuardWriteAsync(async cancellation =>
    {
        await using var command = Command(sql, stateName, grainId);
        if (payload is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Json) { Value = payload });
        }

        if (version is { } etag)
        {
            command.Parameters.AddWithValue("etag", etag);
        }

        if (expected is { } current)
        {
            command.Parameters.AddWithValue("expected", current);
        }

        return await command.ExecuteNonQueryAsync(cancellation) == 1;
    }, WriteTimeout);

    private NpgsqlCommand Command(string sql, string stateName, string grainId)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("grain", grainId);
        return command;
    }
}
