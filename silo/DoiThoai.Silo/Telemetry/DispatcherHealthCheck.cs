using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// The reminder service is running: every channel's dispatcher has looked at the outbox lately (timed reminders are
/// rows it claims when due), and the outbox itself answers a count.
/// </summary>
public sealed class DispatcherHealthCheck(DeliveryMetrics metrics, IDeliveryOutbox outbox, IOptions<DeliveryOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await outbox.CountAsync("-health-").WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Hộp thư đi (outbox) không trả lời: không nhắc lịch, không tin nhắn nào gửi được.", error);
        }

        // A channel busy sending looks again after each message (a slow server may hold one for its whole timeout);
        // two minutes without a look is a stuck loop.
        var limit = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(2).Ticks, 10 * options.Value.PollInterval.Ticks));
        var idle = metrics.Idle();
        if (idle.Count == 0)
        {
            return HealthCheckResult.Unhealthy("Bộ gửi tin chưa chạy: các lời nhắc hẹn giờ sẽ không được gửi.");
        }

        var stuck = idle.Where(p => p.Value > limit).Select(p => $"{p.Key} ({p.Value.TotalSeconds:0} s)").ToList();
        return stuck.Count == 0
            ? HealthCheckResult.Healthy($"Bộ gửi tin đang chạy trên {idle.Count} kênh; hộp thư đi trả lời.")
            : HealthCheckResult.Unhealthy($"Bộ gửi tin không xem hộp thư đi đã lâu: {string.Join(", ", stuck)}.");
    }
}
