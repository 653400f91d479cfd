using DoiThoai.Silo.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// The job scheduler is running and its store answers: the deadline checks, milestone and follow-up reminders and the
/// weekly digest depend on it (the messages they make then go through the outbox).
/// </summary>
public sealed class JobSchedulerHealthCheck(JobScheduler jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!jobs.Scheduler.IsCompletedSuccessfully || await jobs.Scheduler.Result.GetStatus(cancellationToken) != SchedulerStatus.Running)
        {
            return HealthCheckResult.Unhealthy("Bộ hẹn giờ (Quartz) chưa chạy: các việc hẹn giờ sẽ chưa được làm.");
        }

        try
        {
            var waiting = await jobs.CountAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"Bộ hẹn giờ đang chạy; {waiting} việc đang chờ.");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Kho việc hẹn giờ không trả lời: các việc hẹn giờ sẽ chưa được làm.", error);
        }
    }
}
