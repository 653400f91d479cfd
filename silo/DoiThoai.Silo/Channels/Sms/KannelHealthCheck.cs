using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Channels.Sms;

/// <summary>Says whether SMS can leave: not configured (degraded), gateway unreachable (unhealthy), or reachable.</summary>
public sealed class KannelHealthCheck(IOptions<KannelOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return HealthCheckResult.Degraded("Kênh SMS chưa được cấu hình (Sms:Kannel): tin nhắn chờ trong hàng đợi.");
        }

        if (string.IsNullOrWhiteSpace(settings.DlrSecret) || string.IsNullOrWhiteSpace(settings.DlrUrl))
        {
            return HealthCheckResult.Degraded("Chưa cấu hình báo cáo gửi tin (Sms:Kannel:DlrUrl, DlrSecret): không biết tin đã tới máy người nhận hay chưa.");
        }

        var gateway = new Uri(settings.SendUrl!);
        return await Reachability.CheckAsync(gateway.Host, gateway.Port,
            $"Cổng SMS {gateway.Host}:{gateway.Port} sẵn sàng.",
            $"Không kết nối được cổng SMS {gateway.Host}:{gateway.Port}: tin nhắn sẽ gửi lại khi cổng hoạt động.",
            cancellationToken);
    }
}
