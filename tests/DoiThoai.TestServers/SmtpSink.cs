using System.Diagnostics;
using MimeKit;

namespace DoiThoai.TestServers;

/// <summary>
/// A real SMTP server on 127.0.0.1: aiosmtpd (Debian package python3-aiosmtpd) storing every message it accepts in
/// a Maildir. Mailboxes at <see cref="RefusedDomain"/> do not exist: refused with 550, as a real server refuses them.
/// It can be stopped and started again on the same port, as an outage would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "doithoai-smtp-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    /// <summary>Every address at this domain is refused (550 5.1.1), a failure that no retry mends.</summary>
    public const string RefusedDomain = "khong-ton-tai.example.vn";

    private readonly string _handlerDir = Path.Combine(Path.GetTempPath(), "doithoai-smtp-handler-" + Guid.NewGuid().ToString("N"));

    public int Port { get; } = Ports.Free();

    public async Task StartAsync()
    {
        Require.That(File.Exists(Python), "The SMTP sink needs /usr/bin/python3 with python3-aiosmtpd (installed by .ci/run).");
        Directory.CreateDirectory(_handlerDir);
        await using (var handler = typeof(SmtpSink).Assembly.GetManifestResourceStream("smtp_sink.py")!)
        await using (var file = File.Create(Path.Combine(_handlerDir, "smtp_sink.py")))
        {
            await handler.CopyToAsync(file);
        }

        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_sink.RefusingMailbox", _maildir },
            Environment = { ["PYTHONPATH"] = _handlerDir },
        };
        _process = ProgramRun.StartServer(start);

        var process = _process;
        await Ports.WaitForListenerAsync(Port, () => process.HasExited);
    }

    public async Task StopAsync()
    {
        await ProgramRun.KillAsync(_process);
        _process = null;
    }

    /// <summary>How many messages the server accepted so far.</summary>
    public int Count()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count() : 0;
    }

    /// <summary>Every message the server accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var directory in new[] { _maildir, _handlerDir }.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
