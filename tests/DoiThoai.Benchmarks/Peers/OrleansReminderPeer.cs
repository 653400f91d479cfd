using DoiThoai.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// The design the platform chose not to use for reminders: an Orleans reminder per delegate
/// (Microsoft.Orleans.Reminders.AdoNet on PostgreSQL), registered for its due time; when it ticks, its grain sends
/// the SMS (<see cref="PeerSms.SendAsync"/>, at most <see cref="PeerRun.Workers"/> at a time, as the other peers)
/// and unregisters it. Durable as the platform's outbox: the reminder is a row until its grain unregisters it after
/// the send, and a silo that starts again ticks it. A silo of its own in the harness's process, localhost
/// clustering; the reminder table and the statements the provider reads are <see cref="Schema"/>.
/// </summary>
public static class OrleansReminderPeer
{
    public static async Task<PeerReminders.Result> RemindersAsync(PostgresServer postgres, KannelGateway kannel, PeerReminders.Plan plan)
    {
        var connectionString = await postgres.CreateDatabaseAsync("orleans_" + Guid.NewGuid().ToString("N")[..8]);
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await using var create = source.CreateCommand(Schema);
            await create.ExecuteNonQueryAsync();
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error); // its start-up advice (server GC) would fill the run's output
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: Ports.Free(), gatewayPort: Ports.Free(), serviceId: "peer", clusterId: "peer")
            .UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            return await PeerReminders.RunAsync("Orleans reminders on PostgreSQL", kannel, plan,
                (number, due) => grains.GetGrain<IDelegateReminderGrain>(number).RemindAsync(due));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// The provider's table and the statements it reads from <c>OrleansQuery</c> at start, with the parameters and
    /// result columns its contract names (IReminderTable; Orleans' ADO.NET reminders provider); written here because
    /// the package carries no script. A range read is "hash in (begin, end]", wrapping round when begin ≥ end.
    /// </summary>
    private const string Schema = """
        CREATE TABLE orleansquery (querykey varchar(64) PRIMARY KEY, querytext varchar(8000) NOT NULL);
        CREATE TABLE orleans_reminders (
            service_id    varchar(150) NOT NULL,
            grain_id      varchar(150) NOT NULL,
            reminder_name varchar(150) NOT NULL,
            start_time    timestamptz  NOT NULL,
            period        bigint       NOT NULL,
            grain_hash    integer      NOT NULL,
            version       integer      NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));
        CREATE INDEX orleans_reminders_by_hash ON orleans_reminders (service_id, grain_hash);
        INSERT INTO orleansquery (querykey, querytext) VALUES
        ('UpsertReminderRowKey', $q$
            INSERT INTO orleans_reminders AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
            SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash, version = r.version + 1
            RETURNING version AS Version $q$),
        ('ReadReminderRowsKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId $q$),
        ('ReadReminderRowKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName $q$),
        ('ReadRangeRows1Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash $q$),
        ('ReadRangeRows2Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash) $q$),
        ('DeleteReminderRowKey', $q$
            WITH deleted AS (DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM deleted) $q$),
        ('DeleteReminderRowsKey', $q$ DELETE FROM orleans_reminders WHERE service_id = @ServiceId $q$);
        """;
}

/// <summary>A delegate's reminder: one Orleans reminder, due when the delegate is to be reminded.</summary>
public interface IDelegateReminderGrain : IGrainWithIntegerKey
{
    Task RemindAsync(DateTimeOffset due);
}

public sealed class DelegateReminderGrain : Grain, IDelegateReminderGrain, IRemindable
{
    private const string Name = "remind";

    /// <summary>Sends at a time across all the grains, as the other peers' workers.</summary>
    private static readonly SemaphoreSlim Sending = new(PeerRun.Workers);

    public Task RemindAsync(DateTimeOffset due)
    {
        var wait = due - DateTimeOffset.UtcNow;
        // Orleans' reminders repeat, at least a minute apart: the grain unregisters it after its first tick.
        return this.RegisterOrUpdateReminder(Name, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Sending.WaitAsync();
        try
        {
            await PeerSms.SendAsync((int)this.GetPrimaryKeyLong());
        }
        finally
        {
            Sending.Release();
        }

        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
