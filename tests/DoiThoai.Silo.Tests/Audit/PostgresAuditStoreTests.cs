using System.Data.Common;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Audit;

namespace DoiThoai.Silo.Tests.Audit;

public sealed class PostgresAuditStoreTests(PostgresDatabase database) : AuditStoreConformance, IClassFixture<PostgresDatabase>
{
    protected override IAuditStore Store { get; } = new PostgresAuditStore(database.DataSource);

    protected override async Task<DbConnection> OpenAsync() => await database.DataSource.OpenConnectionAsync();
}
