using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The embedded store against the conformance suite, each test on a database file of its own.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformance, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-storage-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "nested", "doithoai.db");

    protected override IGrainStorage CreateStorage(bool reopen = false) =>
        new SqliteGrainStorage(new SqliteDatabase(DatabasePath), NullLogger<SqliteGrainStorage>.Instance);

    [Fact]
    public void The_store_creates_its_folder_and_keeps_a_write_ahead_log()
    {
        CreateStorage();

        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
