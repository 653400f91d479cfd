using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Storage;
using DoiThoai.Silo.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Delivery;

public sealed class SqliteDeliveryOutboxTests : DeliveryOutboxConformance, IAsyncDisposable
{
    private readonly TemporarySqliteDatabase _file = new();
    private readonly SqliteDeliveryOutbox _outbox;

    public SqliteDeliveryOutboxTests() => _outbox = new SqliteDeliveryOutbox(Database);

    private SqliteDatabase Database => _file.Database;

    protected override IDeliveryOutbox Outbox => _outbox;

    [Fact]
    public async Task A_file_with_the_earlier_index_over_every_message_gets_the_pending_one_at_start_and_its_messages_are_still_sent()
    {
        var due = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
        await _outbox.EnqueueAsync([new OutboxMessage("48201/2026-0001", "invitation", "c1", DeliveryChannel.Sms, due, "+84901234567", "Moi du hoi nghi")]);
        Schema("DROP INDEX delivery_outbox_due; CREATE INDEX delivery_outbox_due ON delivery_outbox (channel, status, next_attempt_at)");

        var reopened = new SqliteDeliveryOutbox(Database);

        Assert.Equal("CREATE INDEX delivery_outbox_due ON delivery_outbox (channel, next_attempt_at) WHERE status = 'Pending'", Schema(
            "SELECT sql FROM sqlite_schema WHERE name = 'delivery_outbox_due'"));
        var claimed = Assert.Single(await reopened.ClaimDueAsync(DeliveryChannel.Sms, due, 10, TimeSpan.FromMinutes(1), "silo-a"));
        Assert.Equal("c1", claimed.Message.RecipientId);
    }

    [Fact]
    public void An_index_already_as_defined_is_kept_not_rebuilt()
    {
        // SQLite counts every change of the schema; a start-up over a file already up to date makes none.
        var before = Schema("PRAGMA schema_version");

        _ = new SqliteDeliveryOutbox(Database);

        Assert.Equal(before, Schema("PRAGMA schema_version"));
    }

    private object? Schema(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
