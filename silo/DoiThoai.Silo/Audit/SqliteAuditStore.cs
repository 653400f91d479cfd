using DoiThoai.Grains.Abstractions.Audit;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Storage;

namespace DoiThoai.Silo.Audit;

/// <summary>The audit log in the embedded platform's SQLite file; triggers refuse any update or delete of an entry.</summary>
public sealed class SqliteAuditStore : IAuditStore
{
    private readonly SqliteDatabase _database;

    public SqliteAuditStore(SqliteDatabase database)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS audit_log (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                scope         TEXT    NOT NULL,
                at            INTEGER NOT NULL,
                actor         TEXT    NOT NULL,
                action        TEXT    NOT NULL,
                province_code TEXT    NOT NULL,
                commune_code  TEXT,
                target        TEXT    NOT NULL,
                detail        TEXT
            );
            CREATE INDEX IF NOT EXISTS audit_log_scope ON audit_log (scope, id);
            CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            """);
    }

    public Task AppendAsync(string scope, AuditRecord record, DateTimeOffset at) => _database.Writes.ExecuteAsync("""
        INSERT INTO audit_log (scope, at, actor, action, province_code, commune_code, target, detail)
        VALUES ($scope, $at, $actor, $action, $province, $commune, $target, $detail)
        """,
        ("$scope", scope), ("$at", at.ToUnixTimeMilliseconds()), ("$actor", record.Actor), ("$action", record.Action),
        ("$province", record.ProvinceCode), ("$commune", record.CommuneCode), ("$target", record.Target), ("$detail", record.Detail));

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string scope, string? communeCode, long? beforeId, int limit)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditRows.Columns} FROM audit_log WHERE {AuditRows.Where.Replace('@', '$')} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$commune", (object?)communeCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$before", (object?)beforeId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, AuditRows.MaxLimit));
        await using var reader = await command.ExecuteReaderAsync();
        return await AuditRows.ReadAsync(reader, r => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)));
    }
}
