using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Channels.Email;

/// <summary>Says whether invitations can leave: not configured (degraded), server unreachable (unhealthy), or reachable.</summary>
public sealed class SmtpHealthCheck(IOptions<SmtpOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return HealthCheckResult.Degraded("Kênh email chưa được cấu hình (Email:Smtp:Host): giấy mời chờ trong hàng đợi.");
        }

        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(settings.Host!, settings.Port, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy($"Máy chủ SMTP {settings.Host}:{settings.Port} sẵn sàng.");
        }
        catch (Exception error) when (error is SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Không kết nối được máy chủ SMTP {settings.Host}:{settings.Port}: giấy mời sẽ gửi lại khi máy chủ hoạt động.", error);
        }
    }
}
