using System.Collections.Specialized;
using System.Globalization;
using DoiThoai.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// Quartz one-shot triggers: one job and one trigger per message (<see cref="PeerSms.SendAsync"/> or
/// <see cref="PeerEmail.SendAsync"/>), starting now for a fan-out or at its due time for a reminder, on Quartz's
/// PostgreSQL job store (ADO.NET, JobStoreTX) in a database of its own, with the tables Quartz's own create script
/// makes (applied by the silo's <c>migrate</c>, which carries it). Durable as the platform's outbox: each job asks
/// for recovery, so one that a killed process was running fires again when the scheduler starts. The scheduler runs
/// in the harness's process, configured as Quartz's documentation advises for many short jobs (see BENCHMARKS.md,
/// "Peers").
/// </summary>
public static class QuartzPeer
{
    /// <summary>Quartz's scheduler on its PostgreSQL job store, in a database of its own on the given server.</summary>
    public static async Task<T> OnPostgresAsync<T>(PostgresServer postgres, Func<string, IScheduler, Task<T>> run)
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_" + Guid.NewGuid().ToString("N")[..8]);
        await SiloProcess.MigrateAsync(connectionString);

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddQuartz(new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "peer",
            ["quartz.scheduler.instanceId"] = "peer",
            ["quartz.jobStore.useProperties"] = "true",
            // Due triggers acquired a thread pool's worth per transaction, under the lock, as the tuning guide advises.
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = PeerRun.Workers.ToString(CultureInfo.InvariantCulture),
            ["quartz.jobStore.acquireTriggersWithinLock"] = "true",
            // A trigger that waits behind thousands of others is late, not misfired: no misfire handling in the run.
            ["quartz.jobStore.misfireThreshold"] = ((int)TimeSpan.FromHours(1).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        }, quartz =>
        {
            quartz.UseDefaultThreadPool(PeerRun.Workers);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.ConnectionString = connectionString);
                store.UseSystemTextJsonSerializer();
            });
        });
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        try
        {
            return await run("Quartz on PostgreSQL", scheduler);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
    }

    /// <summary>A fan-out: N one-shot triggers starting now.</summary>
    public static Task<TimeSpan> FanoutAsync(string peer, IScheduler scheduler, PeerChannel channel, int n, Func<int> atServer) =>
        PeerRun.RunAsync(peer, n, number => ScheduleAsync(scheduler, channel, number, startAt: null), atServer);

    /// <summary>Reminders: a one-shot trigger for each, starting at its due time.</summary>
    public static Task<PeerReminders.Result> RemindersAsync(string peer, IScheduler scheduler, KannelGateway kannel, PeerReminders.Plan plan) =>
        PeerReminders.RunAsync(peer, kannel, plan, (number, due) => ScheduleAsync(scheduler, PeerChannel.Sms, number, due));

    private static async Task ScheduleAsync(IScheduler scheduler, PeerChannel channel, int number, DateTimeOffset? startAt)
    {
        var key = $"{channel}-{number.ToString(CultureInfo.InvariantCulture)}";
        var job = JobBuilder.Create<SendJob>()
            .WithIdentity(key, "peer")
            .UsingJobData("number", number.ToString(CultureInfo.InvariantCulture))
            .UsingJobData("channel", channel.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key, "peer");
        trigger = startAt is { } at ? trigger.StartAt(at) : trigger.StartNow();
        await scheduler.ScheduleJob(job, trigger.WithSimpleSchedule(once => once.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build());
    }

    /// <summary>One message on its channel; a failure fires the job again at once (Quartz's own retry).</summary>
    public sealed class SendJob : IJob
    {
        public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            var number = int.Parse(context.MergedJobDataMap.GetString("number")!, CultureInfo.InvariantCulture);
            var channel = Enum.Parse<PeerChannel>(context.MergedJobDataMap.GetString("channel")!);
            try
            {
                await (channel == PeerChannel.Sms ? PeerSms.SendAsync(number) : PeerEmail.SendAsync(number));
            }
            catch (Exception error) when (error is HttpRequestException or IOException or MailKit.CommandException or MailKit.ProtocolException)
            {
                throw new JobExecutionException(error) { RefireImmediately = true };
            }
        }
    }
}
