using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;

namespace DoiThoai.Silo.Tests.Delivery;

public sealed class PostgresDeliveryOutboxTests(PostgresDatabase database) : DeliveryOutboxConformance, IClassFixture<PostgresDatabase>
{
    protected override IDeliveryOutbox Outbox { get; } = new PostgresDeliveryOutbox(database.DataSource);
}
