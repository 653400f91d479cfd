using System.Collections.Specialized;
using System.Globalization;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.Calendar;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// The silo's Quartz scheduler, which owns when timed work runs (<see cref="ITimedWork"/>). It lives in a service
/// container of its own: Quartz reads its clock from the container's TimeProvider, and the platform's clock (a fake
/// one under test) must not become Orleans' clock too. Created with the silo, started once the silo is active (its jobs
/// call grains), stopped first when the silo stops, letting running jobs finish.
/// </summary>
public sealed partial class JobScheduler(
    JobStore store,
    IOptions<JobOptions> options,
    IGrainFactory grains,
    IDeliveryOutbox outbox,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider clock,
    ILoggerFactory loggers) : ITimedWork, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly TaskCompletionSource<IScheduler> _scheduler = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task _catchUp = Task.CompletedTask;
    private ServiceProvider? _services;
    private readonly ILogger _logger = loggers.CreateLogger<JobScheduler>();

    /// <summary>The scheduler, once created (the silo's application services stage).</summary>
    public Task<IScheduler> Scheduler => _scheduler.Task;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(JobScheduler), ServiceLifecycleStage.ApplicationServices, CreateAsync, _ => Task.CompletedTask);
        lifecycle.Subscribe(nameof(JobScheduler), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clustered = store is JobStore.Postgres;
        if (store is JobStore.Sqlite sqlite)
        {
            QuartzSchema.CreateSqlite(sqlite.Path);
        }

        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(grains);
        services.AddQuartz(new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = settings.SchedulerName,
            ["quartz.scheduler.instanceId"] = clustered ? "AUTO" : "embedded",
            ["quartz.scheduler.idleWaitTime"] = ((int)settings.IdleWait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["quartz.jobStore.misfireThreshold"] = "60000",
            ["quartz.jobStore.useProperties"] = "true",

            // Up to a thread pool's worth of due triggers acquired in one transaction, not one each.
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = settings.MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["quartz.jobStore.acquireTriggersWithinLock"] = "true",
        }, quartz =>
        {
            quartz.UseTimeProvider(clock);
            quartz.UseDefaultThreadPool(settings.MaxConcurrency);
            quartz.UsePersistentStore(persistent =>
            {
                switch (store)
                {
                    case JobStore.Sqlite file:
                        persistent.UseSqlite(source => source.DataSourceFactory = _ => file.DataSource);
                        break;
                    case JobStore.Postgres postgres:
                        persistent.UsePostgres(source => source.DataSourceFactory = _ => postgres.DataSource); // the platform's: its password stays in it
                        persistent.UseClustering();
                        break;
                }

                persistent.UseSystemTextJsonSerializer();
            });
        });
        _services = services.BuildServiceProvider();
        var scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        if (!await scheduler.Exists(DaysOffCalendar, cancellationToken))
        {
            try
            {
                await scheduler.AddCalendar(DaysOffCalendar, new HolidayCalendar(), new AddCalendarOptions(), cancellationToken); // filled once grains answer
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another silo of a cluster starting at the same moment added it between the look and the add: it is
                // there, and it is not replaced (a silo already up may have filled it).
            }
        }

        _scheduler.TrySetResult(scheduler);
        LogCreated(_logger, settings.SchedulerName, store is JobStore.Postgres ? "PostgreSQL (clustered)" : "SQLite");
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await (await Scheduler).Start(cancellationToken);
        _catchUp = Task.Run(() => CatchUpAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Beside the silo's start, tried again until done: the days off of this year and the next into the calendar
    /// recurring work skips, then an earlier version's timed rows into the scheduler.
    /// </summary>
    private async Task CatchUpAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var year = VietnamTime.LocalDate(clock.GetUtcNow()).Year;
                foreach (var y in new[] { year, year + 1 })
                {
                    var days = await grains.GetGrain<IHolidayCalendarGrain>(y).GetAsync();
                    await SetDaysOffAsync(y, [.. days.Days.Select(d => d.Date)]);
                }

                var (rows, jobs) = await LegacyPlanRows.MigrateAsync(outbox, this, grains);
                if (rows > 0)
                {
                    LogMigrated(_logger, rows, jobs);
                }

                return;
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                LogMigrationFailed(_logger, error);
                await Task.Delay(TimeSpan.FromSeconds(30), stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _catchUp.ContinueWith(_ => { }, TaskScheduler.Default);
        if (_scheduler.Task.IsCompletedSuccessfully)
        {
            await _scheduler.Task.Result.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    public async Task PlanAsync(IReadOnlyCollection<TimedJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        var scheduler = await Scheduler;
        var described = jobs
            .GroupBy(j => j.Key)
            .Select(g => Describe(g.Last()))
            .ToDictionary(d => d.Job, d => (IReadOnlyCollection<ITrigger>)[d.Trigger]);
        await scheduler.ScheduleJobs(described, ScheduleJobOptions.Replacing);
    }

    public async Task PlanAsync(RecurringJob job)
    {
        var (type, data) = job switch
        {
            WeeklyDigestJob digest => (typeof(SendWeeklyDigestJob), SendWeeklyDigestJob.Data(digest)),
            PeriodicDialogueRemindersJob reminders => (typeof(RemindPeriodicDialogueJob), RemindPeriodicDialogueJob.Data(reminders)),
            _ => throw new ArgumentException($"No Quartz job runs {job.GetType().Name}.", nameof(job)),
        };
        var (detail, trigger) = Build(job.Key, type, data, null, DaysOffCalendar, CronScheduleBuilder.Create(job.Cron)
            .InTimeZone(VietnamZone)
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)); // missed while down: once, when back
        await (await Scheduler).ScheduleJob(detail, [trigger], ScheduleJobOptions.Replacing);
    }

    public async Task<bool> DropAsync(TimedJobKey key) => await (await Scheduler).DeleteJob(JobKeyOf(key));

    public async Task SetDaysOffAsync(int year, IReadOnlyCollection<DateOnly> daysOff)
    {
        var scheduler = await Scheduler;
        var calendar = await scheduler.GetCalendar(DaysOffCalendar) as HolidayCalendar ?? new HolidayCalendar();
        var updated = new HolidayCalendar();
        foreach (var day in calendar.DaysExcluded.Where(d => d.Year != year).Concat(daysOff.Where(d => d.Year == year)))
        {
            updated.AddExcludedDay(day);
        }

        if (!updated.DaysExcluded.SetEquals(calendar.DaysExcluded) || !await scheduler.Exists(DaysOffCalendar))
        {
            await scheduler.AddCalendar(DaysOffCalendar, updated, AddCalendarOptions.ReplacingAndUpdatingTriggers);
        }
    }

    /// <summary>The Quartz calendar of the platform's days off (public holidays and their days in lieu), which recurring work skips.</summary>
    public const string DaysOffCalendar = "days-off";

    private static readonly TimeZoneInfo VietnamZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    /// <summary>How many jobs wait in the store (for the operator and the benchmarks), of this scheduler's name.</summary>
    /// <remarks>One count in Quartz's table (readiness asks often): not every job's key read back.</remarks>
    public async Task<int> CountAsync()
    {
        await using var command = store.DataSource.CreateCommand($"SELECT COUNT(*) FROM {QuartzSchema.TablePrefix}JOB_DETAILS WHERE SCHED_NAME = @name");
        var name = command.CreateParameter();
        name.ParameterName = "@name";
        name.Value = options.Value.SchedulerName;
        command.Parameters.Add(name);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JobKey JobKeyOf(TimedJobKey key) => new(key.Name, key.Subject);

    /// <summary>The Quartz job and trigger of a timed job: the job's type by its kind, its key from what it is about.</summary>
    public (IJobDetail Job, ITrigger Trigger) Describe(TimedJob job)
    {
        var (type, data) = job switch
        {
            NoticesJob notices => (typeof(ExpandNoticesJob), ExpandNoticesJob.Data(notices)),
            DeadlineCheckJob check => (typeof(CheckNoticeDeadlineJob), CheckNoticeDeadlineJob.Data(check)),
            PreparationChecksJob preparation => (typeof(RunPreparationChecksJob), RunPreparationChecksJob.Data(preparation)),
            InviteesCheckJob invitees => (typeof(InviteesCheckRunJob), InviteesCheckRunJob.Data(invitees)),
            FollowUpCheckJob followUp => (typeof(FollowUpCheckRunJob), FollowUpCheckRunJob.Data(followUp)),
            SpeakerPhonesErasureJob speakers => (typeof(EraseSpeakerPhonesJob), EraseSpeakerPhonesJob.Data(speakers)),
            PetitionContactErasureJob petition => (typeof(ErasePetitionContactsJob), ErasePetitionContactsJob.Data(petition)),
            _ => throw new ArgumentException($"No Quartz job runs {job.GetType().Name}.", nameof(job)),
        };
        return Build(job.Key, type, data, job.At, null,
            SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)); // due while the cluster was down: run when it is back
    }

    /// <summary>A job that asks to run again after a crash, and its one trigger of the same key.</summary>
    private (IJobDetail Job, ITrigger Trigger) Build(TimedJobKey timedKey, Type type, JobDataMap data, DateTimeOffset? startAt, string? calendar, IScheduleBuilder schedule)
    {
        var key = JobKeyOf(timedKey);
        var detail = JobBuilder.Create().OfType(type).WithIdentity(key).UsingJobData(data).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create(clock).ForJob(key).WithIdentity(key.Name, key.Group).WithSchedule(schedule);
        if (startAt is { } at)
        {
            trigger = trigger.StartAt(at);
        }

        if (calendar is not null)
        {
            trigger = trigger.WithCalendarName(calendar);
        }

        return (detail, trigger.Build());
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Rows} timed rows of an earlier version into the job scheduler ({Jobs} still to run)")]
    private static partial void LogMigrated(ILogger logger, int rows, int jobs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not yet give the job scheduler the days off or an earlier version's timed rows; trying again in 30 s")]
    private static partial void LogMigrationFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job scheduler {Name} created on {Store}")]
    private static partial void LogCreated(ILogger logger, string name, string store);
}
