using DoiThoai.TestServers;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// What a .NET team without this platform would build: one Hangfire background job per message (the job:
/// <see cref="PeerSms.SendAsync"/> or <see cref="PeerEmail.SendAsync"/>), enqueued for a fan-out, scheduled for a
/// reminder, on a durable Hangfire store (a job is in the store before Enqueue or Schedule returns, and one a killed
/// worker held runs again after the invisibility timeout: nothing is lost on kill -9, as with the platform's outbox).
/// The server runs in the harness's process, configured as Hangfire's documentation advises for short I/O-bound jobs
/// (see BENCHMARKS.md, "Peers").
/// </summary>
public static class HangfirePeer
{
    /// <summary>Hangfire on PostgreSQL (Hangfire.PostgreSql), in a database of its own on the given server.</summary>
    public static async Task<T> OnPostgresAsync<T>(PostgresServer postgres, Func<string, JobStorage, Task<T>> run)
    {
        var connectionString = await postgres.CreateDatabaseAsync("hangfire_" + Guid.NewGuid().ToString("N")[..8]);
        var storage = GlobalConfiguration.Configuration.UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY wakes a worker when a job is enqueued; the poll is the fallback.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
        }).Entry;
        return await run("Hangfire on PostgreSQL", storage);
    }

    /// <summary>Hangfire on SQLite (Hangfire.Storage.SQLite), a file as the platform's embedded default keeps one.</summary>
    public static async Task<T> OnSqliteAsync<T>(Func<string, JobStorage, Task<T>> run)
    {
        var folder = Directory.CreateTempSubdirectory("doithoai-hangfire-");
        try
        {
            using var storage = new SQLiteStorage(Path.Combine(folder.FullName, "hangfire.db"), new SQLiteStorageOptions
            {
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            });
            return await run("Hangfire on SQLite", storage);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A fan-out: N jobs enqueued.</summary>
    public static async Task<TimeSpan> FanoutAsync(string peer, JobStorage storage, PeerChannel channel, int n, Func<int> atServer)
    {
        using var server = Server(storage);
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

    /// <summary>Reminders: one job scheduled for each, at its due time.</summary>
    public static async Task<PeerReminders.Result> RemindersAsync(string peer, JobStorage storage, KannelGateway kannel, PeerReminders.Plan plan)
    {
        using var server = Server(storage);
        var client = new BackgroundJobClient(storage);
        var result = await PeerReminders.RunAsync(peer, kannel, plan, (number, due) =>
        {
            client.Schedule(() => PeerSms.SendAsync(number), due);
            return Task.CompletedTask;
        });
        server.SendStop();
        return result;
    }

    private static BackgroundJobServer Server(JobStorage storage)
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        return new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = PeerRun.Workers,
            // Scheduled jobs are moved to the queue by a poll, every 15 s by default: 1 s, the shortest Hangfire
            // suggests, for reminders that should not be late.
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        }, storage);
    }
}

/// <summary>Which message a peer's jobs send.</summary>
public enum PeerChannel
{
    Sms,
    Email,
}
