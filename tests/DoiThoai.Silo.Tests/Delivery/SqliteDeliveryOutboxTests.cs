using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Delivery;

public sealed class SqliteDeliveryOutboxTests : DeliveryOutboxConformance, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-outbox-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteDeliveryOutbox _outbox;

    public SqliteDeliveryOutboxTests() => _outbox = new SqliteDeliveryOutbox(new SqliteDatabase(Path.Combine(_directory, "doithoai.db")));

    protected override IDeliveryOutbox Outbox => _outbox;

    public async ValueTask DisposeAsync()
    {
        await _outbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
