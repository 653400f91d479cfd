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

        return await Reachability.CheckAsync(settings.Host!, settings.Port,
            $"Máy chủ SMTP {settings.Host}:{settings.Port} sẵn sàng.",
            $"Không kết nối được máy chủ SMTP {settings.Host}:{settings.Port}: giấy mời sẽ gửi lại khi máy chủ hoạt động.",
            cancellationToken);
    }
}
