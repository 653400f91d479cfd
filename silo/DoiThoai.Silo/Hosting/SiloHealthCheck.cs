using DoiThoai.Domain.Calendar;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Holidays;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DoiThoai.Silo.Hosting;

/// <summary>Healthy when a grain can be reached and its state read from storage.</summary>
public sealed class SiloHealthCheck(IGrainFactory grains, [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var year = VietnamTime.LocalDate(time.GetUtcNow()).Year;
            var holidays = await grains.GetGrain<IHolidayCalendarGrain>(year).GetAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"Silo and storage answer ({holidays.Days.Count} days off in {year}).");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo or its storage does not answer.", error);
        }
    }
}
