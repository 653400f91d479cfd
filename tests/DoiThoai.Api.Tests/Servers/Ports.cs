using System.Net.Sockets;

namespace DoiThoai.Api.Tests.Servers;

internal static class Ports
{
    /// <summary>Waits until a server started by a test accepts connections on 127.0.0.1.</summary>
    public static async Task WaitForListenerAsync(int port, Func<bool>? hasExited = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Assert.False(hasExited?.Invoke() ?? false, $"The server for port {port} exited at start.");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}
