using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Delivery;

public sealed class SqliteDeliveryOutboxTests : DeliveryOutboxConformance, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteDatabase _database;
    private readonly SqliteDeliveryOutbox _outbox;

    public SqliteDeliveryOutboxTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory, "doithoai.db"));
        _outbox = new SqliteDeliveryOutbox(_database);
    }

    protected override IDeliveryOutbox Outbox => _outbox;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
