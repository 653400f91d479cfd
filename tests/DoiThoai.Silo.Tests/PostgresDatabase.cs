using DoiThoai.Silo.Storage;
using DoiThoai.TestServers;
using Npgsql;

namespace DoiThoai.Silo.Tests;

/// <summary>A real PostgreSQL server with one database of the class's own, its schema applied by the silo's migrations, reached as the silo reaches it.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresServer Server => _server;

    public async ValueTask InitializeAsync()
    {
        await _server.StartAsync();
        DataSource = PostgresDataSource.Create(await _server.CreateDatabaseAsync());
        await new PostgresSchema(DataSource).ApplyAsync();
    }

    /// <summary>Another empty database on the same server, schema not applied.</summary>
    public async Task<NpgsqlDataSource> EmptyDatabaseAsync() => PostgresDataSource.Create(await _server.CreateDatabaseAsync());

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _server.DisposeAsync();
    }
}
