using DoiThoai.Silo.Storage;
using Npgsql;

namespace DoiThoai.Silo.Tests.Storage;

public sealed class PostgresDataSourceTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_statement_the_silo_repeats_is_parsed_once_and_stays_prepared_when_its_connection_goes_back_to_the_pool()
    {
        const string Lookup = "SELECT count(*) FROM grain_state WHERE state_name = @state";
        for (var i = 0; i < 8; i++)
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(Lookup, connection);
            command.Parameters.AddWithValue("state", "calendar");
            await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        await using var reopened = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM grain_state WHERE state_name%'", reopened);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task With_Npgsql_s_defaults_nothing_stays_prepared_between_two_uses_of_a_connection()
    {
        // The contrast that shows what the settings change: Npgsql's defaults reset the connection (DISCARD ALL).
        var defaults = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString) { NoResetOnClose = false, MaxAutoPrepare = 0 };
        await using var plain = NpgsqlDataSource.Create(defaults.ConnectionString);
        for (var i = 0; i < 8; i++)
        {
            await using var connection = await plain.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM grain_state WHERE state_name = @state", connection);
            command.Parameters.AddWithValue("state", "calendar");
            await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        await using var reopened = await plain.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM grain_state WHERE state_name%'", reopened);
        Assert.Equal(0L, await prepared.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_operator_s_own_choice_in_the_connection_string_is_kept()
    {
        using var dataSource = PostgresDataSource.Create("Host=127.0.0.1;Username=doithoai;No Reset On Close=false;Max Auto Prepare=0");
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }

    [Fact]
    public void By_default_connections_go_back_as_they_are_and_repeated_statements_are_prepared()
    {
        using var dataSource = PostgresDataSource.Create("Host=127.0.0.1;Username=doithoai");
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(PostgresDataSource.AutoPreparedStatements, settings.MaxAutoPrepare);
    }
}
