using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// Reads the outbox's backlog (what is due and not yet out, by channel) every <see cref="DeliveryOptions.BacklogInterval"/>
/// and hands it to the delivery's gauges: the operator sees a fan-out drain, or a channel that has stopped draining.
/// </summary>
public sealed partial class BacklogMonitor(
    IDeliveryOutbox outbox, DeliveryMetrics metrics, IOptions<DeliveryOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider clock, ILogger<BacklogMonitor> logger) : BackgroundService
{
    public async Task RefreshAsync()
    {
        var now = clock.GetUtcNow();
        metrics.Backlog(await outbox.BacklogAsync(now), now);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BacklogInterval);
        do
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogUnreadable(logger, error); // the storage check reports an outbox that does not answer
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox's backlog could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception error);
}
