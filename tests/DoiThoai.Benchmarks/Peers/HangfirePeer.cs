using DoiThoai.TestServers;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// What a .NET team without this platform would build for a fan-out: one Hangfire background job per message (the
/// job: <see cref="PeerSms.SendAsync"/> or <see cref="PeerEmail.SendAsync"/>), on a durable Hangfire store (a job is
/// in the store before Enqueue returns, and one a killed worker held runs again after the invisibility timeout:
/// nothing is lost on kill -9, as with the platform's outbox). The server runs in the harness's process, configured
/// as Hangfire's documentation advises for short I/O-bound jobs (see BENCHMARKS.md, "Peers").
/// </summary>
public static class HangfirePeer
{
    /// <summary>Hangfire on PostgreSQL (Hangfire.PostgreSql), in a database of its own on the given server.</summary>
    public static async Task<TimeSpan> OnPostgresAsync(PostgresServer postgres, PeerChannel channel, int n, Func<int> atServer)
    {
        var connectionString = await postgres.CreateDatabaseAsync("hangfire_" + Guid.NewGuid().ToString("N")[..8]);
        var storage = GlobalConfiguration.Configuration.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY wakes a worker when a job is enqueued; the poll is the fallback.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
        }).Entry;
        return await RunAsync("Hangfire on PostgreSQL", storage, channel, n, atServer);
    }

    /// <summary>Hangfire on SQLite (Hangfire.Storage.SQLite), a file as the platform's embedded default keeps one.</summary>
    public static async Task<TimeSpan> OnSqliteAsync(PeerChannel channel, int n, Func<int> atServer)
    {
        var folder = Directory.CreateTempSubdirectory("doithoai-hangfire-");
        try
        {
            using var storage = new SQLiteStorage(Path.Combine(folder.FullName, "hangfire.db"), new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            });
            return await RunAsync("Hangfire on SQLite", storage, channel, n, atServer);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<TimeSpan> RunAsync(string peer, JobStorage storage, PeerChannel channel, int n, Func<int> atServer)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = PeerRun.Workers }, storage);
        var client = new BackgroundJobClient(storage);
        var elapsed = await PeerRun.RunAsync(peer, n, number =>
        {
            _ = channel switch
            {
                PeerChannel.Sms => client.Enqueue(() => PeerSms.SendAsync(number)),
                _ => client.Enqueue(() => PeerEmail.SendAsync(number)),
            };
            return Task.CompletedTask;
        }, atServer);
        server.SendStop();
        return elapsed;
    }
}

/// <summary>Which message a peer's jobs send.</summary>
public enum PeerChannel
{
    Sms,
    Email,
}
