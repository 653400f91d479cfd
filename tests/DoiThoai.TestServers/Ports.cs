using System.Net;
using System.Net.Sockets;

namespace DoiThoai.TestServers;

public static class Ports
{
    /// <summary>A port nothing listens on now, for a server about to start.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until a server just started accepts connections on 127.0.0.1.</summary>
    public static async Task WaitForListenerAsync(int port, Func<bool>? hasExited = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Require.That(!(hasExited?.Invoke() ?? false), $"The server for port {port} exited at start.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, CancellationToken.None);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
