using System.Data.Common;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Audit;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreConformance, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-audit-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteDatabase _database;

    public SqliteAuditStoreTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "doithoai.db"));
        Store = new SqliteAuditStore(_database);
    }

    protected override IAuditStore Store { get; }

    protected override async Task<DbConnection> OpenAsync() => await _database.OpenAsync();

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
