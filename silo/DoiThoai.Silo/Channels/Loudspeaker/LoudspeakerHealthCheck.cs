using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Channels.Loudspeaker;

/// <summary>Says whether announcements can reach the loudspeakers: not configured, head-end unreachable, or ready.</summary>
public sealed class LoudspeakerHealthCheck(IOptions<LoudspeakerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return HealthCheckResult.Degraded("Kênh loa truyền thanh chưa được cấu hình (Loudspeaker:Icecast): bản tin chờ trong hàng đợi.");
        }

        if (!File.Exists(settings.EspeakPath) || !File.Exists(settings.FfmpegPath))
        {
            return HealthCheckResult.Unhealthy($"Thiếu {settings.EspeakPath} hoặc {settings.FfmpegPath} để đọc và phát bản tin.");
        }

        var server = new Uri(settings.Url!);
        return await Reachability.CheckAsync(server.Host, server.Port,
            $"Máy chủ phát thanh {server.Host}:{server.Port} sẵn sàng.",
            $"Không kết nối được máy chủ phát thanh {server.Host}:{server.Port}: bản tin sẽ phát lại khi máy chủ hoạt động.",
            cancellationToken);
    }
}
