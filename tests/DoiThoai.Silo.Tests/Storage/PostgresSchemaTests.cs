using DoiThoai.Silo.Storage;
using Npgsql;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The production schema is applied by a command, once, whoever runs it and however often.</summary>
public sealed class PostgresSchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applying_on_an_empty_database_creates_every_table_and_records_each_version_once()
    {
        await using var dataSource = await database.EmptyDatabaseAsync();
        var schema = new PostgresSchema(dataSource);
        Assert.Equal(PostgresSchema.Migrations, await schema.MissingAsync(Ct));

        var applied = await schema.ApplyAsync(Ct);

        Assert.Equal(PostgresSchema.Migrations.Select(m => m.Version), applied.Select(m => m.Version));
        Assert.Empty(await schema.MissingAsync(Ct));
        foreach (var table in new[] { "orleansquery", "orleans_membership", "orleans_membership_version", "grain_state", "delivery_outbox" })
        {
            Assert.True(await ScalarAsync<bool>(dataSource, $"SELECT to_regclass('{table}') IS NOT NULL"), table);
        }

        Assert.Equal(PostgresSchema.Migrations.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Applying_again_and_from_several_processes_at_once_changes_nothing()
    {
        await using var dataSource = await database.EmptyDatabaseAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => new PostgresSchema(dataSource).ApplyAsync(Ct)));
        var again = await new PostgresSchema(dataSource).ApplyAsync(Ct);

        Assert.Equal(PostgresSchema.Migrations.Count, runs.Sum(r => r.Count)); // each migration applied by exactly one run
        Assert.Empty(again);
        Assert.Equal(PostgresSchema.Migrations.Count, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_migration_edited_after_it_was_applied_is_refused_instead_of_skipped()
    {
        await using var dataSource = await database.EmptyDatabaseAsync();
        await new PostgresSchema(dataSource).ApplyAsync(Ct);
        await using (var edit = dataSource.CreateCommand("UPDATE schema_version SET checksum = 'edited' WHERE version = 2"))
        {
            await edit.ExecuteNonQueryAsync(Ct);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgresSchema(dataSource).ApplyAsync(Ct));

        Assert.Contains("0002_grain_state", refused.Message);
    }

    [Fact]
    public async Task Every_statement_the_clustering_provider_needs_is_stored()
    {
        var keys = new List<string>();
        await using var command = database.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        Assert.Equal(
            ["CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
             "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey"],
            keys);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }
}
