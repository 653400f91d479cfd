using System.Net;
using System.Net.Sockets;

namespace DoiThoai.TestServers;

public static class Ports
{
    // Below the kernel's ephemeral range (32768–60999 by default): a port taken from that range by bind(0) can be
    // handed to an outgoing connection (to PostgreSQL, SMTP, Kannel) before the server that was meant to have it
    // starts. Each test process starts at its own offset so that two test assemblies rarely meet.
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + (Environment.ProcessId * 97 % (Last - First));

    /// <summary>A port nothing listens on now, outside the range outgoing connections draw from, for a server about to start.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First));
            if (CanListen(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Waits until a server just started accepts connections on 127.0.0.1.</summary>
    public static async Task WaitForListenerAsync(int port, Func<bool>? hasExited = null, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
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
