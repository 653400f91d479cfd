using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DoiThoai.TestServers;

/// <summary>
/// The loudspeaker head-end on 127.0.0.1: an Icecast2 server (Debian package icecast2). A test listens at a
/// commune's mount as a loudspeaker cluster would, and measures what it heard with ffmpeg and sox.
/// </summary>
public sealed partial class IcecastServer : IAsyncDisposable
{
    public const string SourcePassword = "icecast-test-source";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-icecast-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int Port { get; } = Ports.Free();

    public string Url => $"http://127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        foreach (var binary in new[] { "/usr/bin/icecast2", "/usr/bin/espeak-ng", "/usr/bin/ffmpeg", "/usr/bin/sox" })
        {
            Require.That(File.Exists(binary), $"{binary} is missing: .ci/run installs icecast2, espeak-ng, ffmpeg and sox.");
        }

        // Icecast drops root privileges to nobody: its log folder must be writable by anyone.
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_111); // not through the umask
        var config = Path.Combine(_directory, "icecast.xml");
        await File.WriteAllTextAsync(config, $"""
            <icecast>
              <location>tests</location><admin>tests@localhost</admin>
              <limits><clients>50</clients><sources>20</sources><source-timeout>10</source-timeout><burst-size>65535</burst-size></limits>
              <authentication><source-password>{SourcePassword}</source-password><admin-user>admin</admin-user><admin-password>icecast-test-admin</admin-password></authentication>
              <hostname>127.0.0.1</hostname>
              <listen-socket><port>{Port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
              <paths><basedir>/usr/share/icecast2</basedir><logdir>{_directory}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
              <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
              <security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>
            </icecast>
            """, CancellationToken.None);
        _process = Process.Start(new ProcessStartInfo("/usr/bin/icecast2") { ArgumentList = { "-c", config }, RedirectStandardOutput = true, RedirectStandardError = true })!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var status = await http.GetAsync($"{Url}/status-json.xsl", CancellationToken.None);
                if (status.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Require.That(DateTime.UtcNow < deadline, "Icecast did not start.");
            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>Waits until something plays on the mount, records it to its end, and measures it.</summary>
    public async Task<(double Seconds, double Rms)> ListenAsync(string mount, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = within };
        var deadline = DateTime.UtcNow + within;
        HttpResponseMessage response;
        while (true)
        {
            response = await http.GetAsync(Url + mount, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            response.Dispose();
            Require.That(DateTime.UtcNow < deadline, $"Nothing played on {mount}.");
            await Task.Delay(50, CancellationToken.None);
        }

        var recording = Path.Combine(_directory, $"heard-{Guid.NewGuid():N}.mp3");
        using (response)
        await using (var file = File.Create(recording))
        {
            await (await response.Content.ReadAsStreamAsync(CancellationToken.None)).CopyToAsync(file, CancellationToken.None);
        }

        var wav = Path.ChangeExtension(recording, ".wav");
        await ProgramRun.RunAsync("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", recording, wav);
        var stat = await ProgramRun.RunAsync("/usr/bin/sox", wav, "-n", "stat"); // its statistics come on standard error
        return (Number(stat, "Length (seconds)"), Number(stat, "RMS     amplitude"));
    }

    /// <summary>What Icecast logged (sources connecting and refused, listeners), for a failure's message.</summary>
    public string Log() => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static double Number(string stat, string label) =>
        double.Parse(Regex.Match(stat, Regex.Escape(label) + @":\s+(?<value>[-\d.]+)").Groups["value"].Value, CultureInfo.InvariantCulture);
}
