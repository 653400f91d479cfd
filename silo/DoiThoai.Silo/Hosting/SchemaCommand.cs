using DoiThoai.Silo.Storage;
using Npgsql;

namespace DoiThoai.Silo.Hosting;

/// <summary>The production schema from the command line: <c>DoiThoai.Silo migrate --ConnectionStrings:Postgres=…</c>.</summary>
public static class SchemaCommand
{
    public static async Task<int> MigrateAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate: set ConnectionStrings:Postgres (--ConnectionStrings:Postgres=… or ConnectionStrings__Postgres).");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await new PostgresSchema(dataSource).ApplyAsync();
        foreach (var migration in applied)
        {
            Console.WriteLine($"applied {migration.Name}");
        }

        Console.WriteLine($"schema at version {PostgresSchema.LatestVersion} ({applied.Count} applied now)");
        return 0;
    }

    /// <summary>A silo refuses to start on a schema older than it needs, saying how to bring it up to date.</summary>
    public static async Task RequireCurrentAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var missing = await new PostgresSchema(dataSource).MissingAsync();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema lacks {string.Join(", ", missing.Select(m => m.Name))}: run `DoiThoai.Silo migrate` first.");
        }
    }
}
