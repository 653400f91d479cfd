using System.Net.Sockets;
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
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(gateway.Host, gateway.Port, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"Cổng SMS {gateway.Host}:{gateway.Port} sẵn sàng.");
        }
        catch (Exception error) when (error is SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Không kết nối được cổng SMS {gateway.Host}:{gateway.Port}: tin nhắn sẽ gửi lại khi cổng hoạt động.", error);
        }
    }
}
