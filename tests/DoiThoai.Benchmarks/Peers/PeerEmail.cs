using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// The e-mail job every peer runs: one invitation of the platform's shape (the raw loop's message) through MailKit
/// to the same SMTP server, over a pool of kept-open connections as many as the platform keeps
/// (SmtpOptions.MaxConnections), shared by the peer's workers. Static for the reason <see cref="PeerSms"/> gives.
/// </summary>
public static class PeerEmail
{
    private static Channel<SmtpClient>? _pool;
    private static int _port;

    /// <summary>Opens the pool of connections to the SMTP server on this port; disposing closes them.</summary>
    public static async Task<IAsyncDisposable> UseAsync(int port, int connections)
    {
        _port = port;
        var pool = Channel.CreateUnbounded<SmtpClient>();
        for (var i = 0; i < connections; i++)
        {
            pool.Writer.TryWrite(await ConnectAsync());
        }

        _pool = pool;
        return new Closing(pool, connections);
    }

    /// <summary>One invitation; a failure throws (the connection is replaced), so the library retries it.</summary>
    public static async Task SendAsync(int number)
    {
        var pool = _pool ?? throw new InvalidOperationException("The peers have no SMTP server.");
        var smtp = await pool.Reader.ReadAsync();
        try
        {
            await smtp.SendAsync(FanoutScenario.Invitation($"peer{number}@example.vn", $"peer-{number}@doithoai.vn"));
        }
        catch
        {
            smtp.Dispose();
            smtp = await ConnectAsync();
            throw;
        }
        finally
        {
            pool.Writer.TryWrite(smtp);
        }

        PeerRun.Done();
    }

    private static async Task<SmtpClient> ConnectAsync()
    {
        var smtp = new SmtpClient();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }; // as the platform connects
        await socket.ConnectAsync(IPAddress.Loopback, _port);
        await smtp.ConnectAsync(socket, "127.0.0.1", _port, SecureSocketOptions.None);
        return smtp;
    }

    private sealed class Closing(Channel<SmtpClient> pool, int connections) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            for (var i = 0; i < connections; i++)
            {
                using var smtp = await pool.Reader.ReadAsync();
                await smtp.DisconnectAsync(quit: true);
            }
        }
    }
}
