using System.Globalization;
using Quartz;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// A Quartz job that hands timed work to the grain that owns it. Its data are strings (the store keeps them as
/// properties, readable in the tables). A run that fails (a database or a silo unavailable) is tried again later, with
/// growing delays up to <see cref="MaxRetryDelay"/>, never dropped: the work is someone's message (when not even the
/// retry can be stored, the run is repeated in place).
/// </summary>
public abstract partial class GrainJob(TimeProvider clock, ILogger logger) : IJob
{
    private const string AttemptKey = "attempt";

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(15);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(context.MergedJobDataMap);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            var attempt = context.Trigger.JobDataMap.TryGetString(AttemptKey, out var previous) && int.TryParse(previous, CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
            attempt += context.RefireCount; // runs repeated in place count too
            var delay = TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, 5 * Math.Pow(2, Math.Min(attempt - 1, 20))));
            LogRetry(logger, error, context.JobDetail.Key.Group, context.JobDetail.Key.Name, attempt, delay);
            var retry = TriggerBuilder.Create(clock)
                .ForJob(context.JobDetail)
                .WithIdentity($"{context.JobDetail.Key.Name}#retry", context.JobDetail.Key.Group)
                .UsingJobData(AttemptKey, attempt.ToString(CultureInfo.InvariantCulture))
                .StartAt(clock.GetUtcNow() + delay)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            try
            {
                await context.Scheduler.ScheduleTrigger(retry, TriggerConflict.Replace, cancellationToken);
            }
            catch (SchedulerException unstored) when (!cancellationToken.IsCancellationRequested)
            {
                // The job store is out of reach too (this silo cut from the database): a retry trigger cannot be
                // stored, and the one-shot trigger that fired would be completed and deleted with its work undone.
                // Run it again here instead, after the delay, until it succeeds; if this silo dies meanwhile, the
                // job asks for recovery and another silo runs it.
                LogRetryHere(logger, unstored, context.JobDetail.Key.Group, context.JobDetail.Key.Name, Min(delay, MaxInPlaceDelay));
                await Task.Delay(Min(delay, MaxInPlaceDelay), clock, cancellationToken);
                throw new JobExecutionException(error) { RefireImmediately = true };
            }
        }
    }

    /// <summary>The longest a run waits before trying again in place, while the job store is unreachable.</summary>
    private static readonly TimeSpan MaxInPlaceDelay = TimeSpan.FromSeconds(30);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Does the work; throws when it could not (it is then tried again).</summary>
    protected abstract Task RunAsync(JobDataMap data);

    protected static string Text(JobDataMap data, string key) =>
        data.TryGetString(key, out var value) && value is not null ? value : throw new InvalidOperationException($"The job has no '{key}'.");

    protected static DateOnly Day(JobDataMap data, string key) => DateOnly.ParseExact(Text(data, key), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static bool Flag(JobDataMap data, string key) => Text(data, key) == "true";

    protected static string Of(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static string Of(bool flag) => flag ? "true" : "false";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timed job {Subject} {Job}: its retry could not be stored; run again on this silo in {Delay}")]
    private static partial void LogRetryHere(ILogger logger, Exception error, string subject, string job, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timed job {Subject} {Job} failed (attempt {Attempt}); tried again in {Delay}")]
    private static partial void LogRetry(ILogger logger, Exception error, string subject, string job, int attempt, TimeSpan delay);
}
