using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;

namespace DoiThoai.TestServers;

/// <summary>An SMS as the simulated SMSC printed it, and when the gateway's reader saw it (UTC, to the millisecond).</summary>
public sealed record ReceivedSms(string From, string To, string Text, DateTimeOffset At);

/// <summary>
/// The real SMS gateway on 127.0.0.1 (Debian packages kannel, kannel-extras): bearerbox with a "fake" SMSC link,
/// smsbox with the HTTP sendsms interface, and fakesmsc as the simulated operator, whose standard output lists every
/// message it received. fakesmsc exits at the end of its input, so its standard input is kept open.
/// Given a <see cref="NetworkHost"/>, all three run in that host's namespace and sendsms listens at its address.
/// </summary>
public sealed partial class KannelGateway(NetworkHost? host = null) : IAsyncDisposable
{
    public const string Username = "doithoai";
    public const string Password = "sms-test-password";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-kannel-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _processes = [];
    private readonly ConcurrentQueue<ReceivedSms> _received = new();
    private readonly Dictionary<(string To, int Reference), SortedDictionary<int, byte[]>> _parts = [];
    private readonly int _adminPort = Ports.Free();
    private readonly int _boxPort = Ports.Free();
    private readonly int _smscPort = Ports.Free();

    public int SendSmsPort { get; } = Ports.Free();

    /// <summary>Where sendsms listens: 127.0.0.1, or the address of the lab host it runs in.</summary>
    public string Address => host?.Address ?? "127.0.0.1";

    public string SendUrl => $"http://{Address}:{SendSmsPort}/cgi-bin/sendsms";

    public IReadOnlyList<ReceivedSms> Received => [.. _received];

    private Process? _smsbox;

    private string ConfigPath => Path.Combine(_directory, "kannel.conf");

    /// <summary>The gateway's HTTP side goes down (smsbox killed): sendsms refuses connections, as in an outage.</summary>
    public async Task StopSendSmsAsync()
    {
        if (_smsbox is { HasExited: false } smsbox)
        {
            smsbox.Kill(entireProcessTree: true);
            await smsbox.WaitForExitAsync();
        }
    }

    /// <summary>The gateway's HTTP side comes back on the same port.</summary>
    public async Task StartSendSmsAsync()
    {
        _smsbox = Start("/usr/sbin/smsbox", ["-v", "2", ConfigPath], noDelay: true);
        await WaitForListenerAsync(Address, SendSmsPort, () => _smsbox.HasExited);
    }

    public async Task StartAsync()
    {
        foreach (var binary in new[] { "/usr/sbin/bearerbox", "/usr/sbin/smsbox", "/usr/lib/kannel/test/fakesmsc" })
        {
            Require.That(File.Exists(binary), $"{binary} is missing: .ci/run installs the Debian packages kannel and kannel-extras.");
        }

        Directory.CreateDirectory(_directory);
        await BuildNoDelayAsync();
        var config = Path.Combine(_directory, "kannel.conf");
        await File.WriteAllTextAsync(config, $"""
            group = core
            admin-port = {_adminPort}
            admin-password = admin-test-password
            admin-interface = 127.0.0.1
            smsbox-port = {_boxPort}
            box-allow-ip = 127.0.0.1
            log-level = 2
            log-file = "{_directory}/bearerbox.log"
            dlr-storage = internal

            group = smsc
            smsc = fake
            smsc-id = fake
            port = {_smscPort}
            connect-allow-ip = 127.0.0.1

            group = smsbox
            bearerbox-host = 127.0.0.1
            bearerbox-port = {_boxPort}
            sendsms-port = {SendSmsPort}
            sendsms-interface = {Address}
            log-level = 2
            log-file = "{_directory}/smsbox.log"
            http-request-retry = 30
            http-queue-delay = 2

            group = sendsms-user
            username = {Username}
            password = {Password}
            concatenation = true
            max-messages = 10
            """, CancellationToken.None);

        // Kannel prints every debug line to its console unless told otherwise (-v 2: warnings and worse); at 900
        // SMS/s smsbox wrote 4.5 MB/s of them, which it and the reader of its output paid for.
        Start("/usr/sbin/bearerbox", ["-v", "2", config], noDelay: true);
        await WaitForListenerAsync("127.0.0.1", _smscPort);
        var smsc = Start("/usr/lib/kannel/test/fakesmsc", ["-H", "127.0.0.1", "-r", _smscPort.ToString(CultureInfo.InvariantCulture), "-i", "0.01", "-m", "0"], keepInputOpen: true);
        smsc.ErrorDataReceived += (_, line) => Collect(line.Data);
        smsc.OutputDataReceived += (_, line) => Collect(line.Data);
        _smsbox = Start("/usr/sbin/smsbox", ["-v", "2", config], noDelay: true);
        await WaitForListenerAsync(Address, SendSmsPort);
        foreach (var box in _processes.Where(p => p.StartInfo.Environment.ContainsKey("LD_PRELOAD")))
        {
            Require.That(File.ReadAllText($"/proc/{box.Id}/maps").Contains(NoDelayLibrary, StringComparison.Ordinal),
                $"{box.StartInfo.FileName} runs without {NoDelayLibrary}: its sockets would stall.");
        }
    }

    private string NoDelayLibrary => Path.Combine(_directory, "tcp-nodelay.so");

    /// <summary>infra/kannel/tcp-nodelay.c, built for this machine: bearerbox and smsbox run with it, as in development.</summary>
    private async Task BuildNoDelayAsync()
    {
        Require.That(File.Exists("/usr/bin/cc"), "/usr/bin/cc is missing: .ci/run installs gcc (Kannel's sockets are tuned by a small C library).");
        var source = Path.Combine(_directory, "tcp-nodelay.c");
        await using (var embedded = typeof(KannelGateway).Assembly.GetManifestResourceStream("tcp-nodelay.c")!)
        await using (var file = File.Create(source))
        {
            await embedded.CopyToAsync(file);
        }

        await ProgramRun.RunAsync("/usr/bin/cc", "-shared", "-fPIC", "-O2", "-o", NoDelayLibrary, source, "-ldl");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Process Start(string binary, string[] arguments, bool keepInputOpen = false, bool noDelay = false)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = keepInputOpen,
            WorkingDirectory = _directory,
        };
        if (noDelay)
        {
            start.Environment["LD_PRELOAD"] = NoDelayLibrary;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = ProgramRun.StartServer(host?.Wrap(start) ?? start);
        _processes.Add(process);
        return process;
    }

    private Task WaitForListenerAsync(string address, int port, Func<bool>? hasExited = null) =>
        host is null ? Ports.WaitForListenerAsync(port, hasExited) : host.WaitForListenerAsync(address, port, hasExited);

    /// <summary>
    /// fakesmsc logs "Got message N: &lt;from to type text&gt;". UCS-2 text comes URL-encoded, big-endian. A long message
    /// comes in parts, each "udh &lt;header&gt; data &lt;payload&gt;" with the concatenation header (reference, total, number);
    /// the parts are put back together as the phone would.
    /// </summary>
    private void Collect(string? line)
    {
        if (line is null || GotMessage().Match(line) is not { Success: true } match)
        {
            return;
        }

        var (from, to, type, text) = (match.Groups["from"].Value, match.Groups["to"].Value, match.Groups["type"].Value, match.Groups["text"].Value);
        if (type == "udh")
        {
            var split = text.Split(" data ", 2);
            var header = HttpUtility.UrlDecodeToBytes(split[0]);
            var (reference, total, number) = (header[3], header[4], header[5]);
            lock (_parts)
            {
                if (!_parts.TryGetValue((to, reference), out var parts))
                {
                    _parts[(to, reference)] = parts = [];
                }

                parts[number] = HttpUtility.UrlDecodeToBytes(split[1]);
                if (parts.Count < total)
                {
                    return;
                }

                _parts.Remove((to, reference));
                var payload = parts.Values.SelectMany(p => p).ToArray();
                // fakesmsc does not print a part's coding: UCS-2 text has zero high bytes (Latin letters, digits),
                // GSM-7 text, printed as characters, never contains a zero byte.
                var decoded = payload.Contains((byte)0) ? Encoding.BigEndianUnicode.GetString(payload) : Encoding.Latin1.GetString(payload);
                _received.Enqueue(new ReceivedSms(from, to, decoded, DateTimeOffset.UtcNow));
            }

            return;
        }

        _received.Enqueue(new ReceivedSms(from, to, type == "ucs-2" ? Encoding.BigEndianUnicode.GetString(HttpUtility.UrlDecodeToBytes(text)) : text, DateTimeOffset.UtcNow));
    }

    [GeneratedRegex(@"Got message \d+: <(?<from>\S+) (?<to>\S+) (?<type>\S+) (?<text>.*)>$")]
    private static partial Regex GotMessage();
}
