using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The embedded store's file in a folder of its own, deleted with it: one per test class instance.</summary>
public sealed class TemporarySqliteDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-test-" + Guid.NewGuid().ToString("N"));

    public TemporarySqliteDatabase() => Database = new SqliteDatabase(Path.Combine(_directory, "doithoai.db"));

    public SqliteDatabase Database { get; }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
