using System.Data.Common;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Audit;
using DoiThoai.Silo.Tests.Storage;

namespace DoiThoai.Silo.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreConformance, IAsyncDisposable
{
    private readonly TemporarySqliteDatabase _file = new();

    public SqliteAuditStoreTests() => Store = new SqliteAuditStore(_file.Database);

    protected override IAuditStore Store { get; }

    protected override async Task<DbConnection> OpenAsync() => await _file.Database.OpenAsync();

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
