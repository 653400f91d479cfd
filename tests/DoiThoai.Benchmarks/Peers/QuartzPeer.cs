using System.Collections.Specialized;
using System.Globalization;
using DoiThoai.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// The fan-out as Quartz one-shot triggers: one job and one trigger per message (<see cref="PeerSms.SendAsync"/> or
/// <see cref="PeerEmail.SendAsync"/>), starting now, on Quartz's
/// PostgreSQL job store (ADO.NET, JobStoreTX) in a database of its own, with the tables Quartz's own create script
/// makes (applied by the silo's <c>migrate</c>, which carries it). Durable as the platform's outbox: each job asks
/// for recovery, so one that a killed process was running fires again when the scheduler starts. The scheduler runs
/// in the harness's process, configured as Quartz's documentation advises for many short jobs (see BENCHMARKS.md,
/// "Peers").
/// </summary>
public static class QuartzPeer
{
    public static async Task<TimeSpan> OnPostgresAsync(PostgresServer postgres, PeerChannel channel, int n, Func<int> atServer)
    {
        var connectionString = await postgres.CreateDatabaseAsync("quartz_" + Guid.NewGuid().ToString("N")[..8]);
        await SiloProcess.MigrateAsync(connectionString);

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddQuartz(new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "peer-fanout",
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
            return await PeerRun.RunAsync("Quartz on PostgreSQL", n, async number =>
            {
                var key = "sms-" + number.ToString(CultureInfo.InvariantCulture);
                var job = JobBuilder.Create<SendJob>()
                    .WithIdentity(key, "fanout")
                    .UsingJobData("number", number.ToString(CultureInfo.InvariantCulture))
                    .UsingJobData("channel", channel.ToString())
                    .RequestRecovery()
                    .Build();
                var trigger = TriggerBuilder.Create()
                    .WithIdentity(key, "fanout")
                    .StartNow()
                    .WithSimpleSchedule(once => once.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build();
                await scheduler.ScheduleJob(job, trigger);
            }, atServer);
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }
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
