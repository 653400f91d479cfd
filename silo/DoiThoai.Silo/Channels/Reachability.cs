using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DoiThoai.Silo.Channels;

/// <summary>
/// The readiness of a channel's server, the same for every channel: can a TCP connection be opened to it? A server
/// that cannot be reached makes the platform Degraded, not Unhealthy: its messages wait in the outbox and go out when
/// it returns, and the API still serves, so an orchestrator must not take the silos out of service for it.
/// </summary>
public static class Reachability
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<HealthCheckResult> CheckAsync(string host, int port, string reachable, string unreachable, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken).AsTask().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy(reachable);
        }
        catch (Exception error) when (error is SocketException or TimeoutException)
        {
            return HealthCheckResult.Degraded(unreachable, error);
        }
    }
}
