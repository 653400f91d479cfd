using DoiThoai.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The production store against the same conformance suite as the embedded one, on a real PostgreSQL.</summary>
public sealed class PostgresGrainStorageTests(PostgresDatabase database) : GrainStorageConformance, IClassFixture<PostgresDatabase>
{
    protected override IGrainStorage CreateStorage(bool reopen = false) =>
        new PostgresGrainStorage(database.DataSource, NullLogger<PostgresGrainStorage>.Instance);
}
