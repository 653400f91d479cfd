using DoiThoai.Grains.Abstractions.Audit;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DoiThoai.Silo.Audit;

/// <summary>
/// The audit log of the production cluster (table audit_log, infra/postgres/migrations/0004): the table's triggers
/// refuse any update or delete, so not even a silo's own code can rewrite history.
/// </summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    public Task AppendAsync(string scope, AuditRecord record, DateTimeOffset at) => PostgresFailure.GuardAsync(async () =>
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO audit_log (scope, at, actor, action, province_code, commune_code, target, detail)
            VALUES (@scope, @at, @actor, @action, @province, @commune, @target, @detail)
            """);
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.AddWithValue("at", at.UtcDateTime);
        command.Parameters.AddWithValue("actor", record.Actor);
        command.Parameters.AddWithValue("action", record.Action);
        command.Parameters.AddWithValue("province", record.ProvinceCode);
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlDbType.Text) { Value = (object?)record.CommuneCode ?? DBNull.Value });
        command.Parameters.AddWithValue("target", record.Target);
        command.Parameters.Add(new NpgsqlParameter("detail", NpgsqlDbType.Text) { Value = (object?)record.Detail ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync();
    });

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string scope, string? communeCode, long? beforeId, int limit) => PostgresFailure.GuardAsync(async () =>
    {
        await using var command = dataSource.CreateCommand($"SELECT {AuditRows.Columns} FROM audit_log WHERE {AuditRows.Where} ORDER BY id DESC LIMIT @limit");
        command.Parameters.AddWithValue("scope", scope);
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlDbType.Text) { Value = (object?)communeCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = (object?)beforeId ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, AuditRows.MaxLimit));
        await using var reader = await command.ExecuteReaderAsync();
        return await AuditRows.ReadAsync(reader, r => new DateTimeOffset(r.GetFieldValue<DateTime>(1), TimeSpan.Zero));
    });
}
