using System.Diagnostics;
using System.Net;

namespace DoiThoai.TestServers;

/// <summary>
/// The platform as a user runs it: the silo program (built beside the caller, in the same configuration) started with
/// --urls and --data-dir on 127.0.0.1, ready when /health answers. It can be killed with SIGKILL and started again
/// over the same folder. Settings are passed as command-line configuration (--Section:Key=value).
/// Given a <see cref="NetworkHost"/>, it runs in that host's namespace: other hosts reach its API and silo port at the
/// host's address, and the test reaches its API through a Unix socket in its folder.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly bool _ownsDataDir;
    private readonly int _siloPort = Ports.Free();

    /// <summary>Where Orleans listens for other silos (Platform:SiloPort).</summary>
    public int SiloPort => _siloPort;
    private readonly int _gatewayPort = Ports.Free();
    private Process? _process;

    private readonly NetworkHost? _host;

    public SiloProcess(string? dataDir = null, NetworkHost? host = null)
    {
        _ownsDataDir = dataDir is null;
        _dataDir = dataDir ?? Path.Combine(Path.GetTempPath(), "doithoai-silo-" + Guid.NewGuid().ToString("N"));
        _host = host;
    }

    public int HttpPort { get; } = Ports.Free();

    /// <summary>Where the API listens: on 127.0.0.1, or at the lab host's address.</summary>
    public Uri BaseAddress => new($"http://{_host?.Address ?? "127.0.0.1"}:{HttpPort}");

    /// <summary>The API's Unix socket, through which the test reaches a silo inside a lab.</summary>
    private string ApiSocket => Path.Combine(_dataDir, "api.sock");

    /// <summary>The bootstrap national administrator's token every test silo is given (Auth:AdminToken).</summary>
    public const string AdminToken = "test-national-admin-token";

    /// <summary>The key test silos sign their tokens with (Auth:SigningKey), base64.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("test-signing-key-of-32-bytes-or-more!"));

    /// <summary>
    /// Settings passed on the command line. The token secrets are given, the same for every silo of a test cluster;
    /// remove them to see the platform generate its own.
    /// </summary>
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Auth:AdminToken"] = AdminToken,
        ["Auth:SigningKey"] = SigningKey,
    };

    /// <summary>A client of this silo's API, signed in as the national administrator (or with the given token).</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null, string? token = AdminToken)
    {
        var client = _host is null
            ? new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) }
            : NetworkLab.UnixSocketClient(ApiSocket, timeout ?? TimeSpan.FromSeconds(100));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public int? ProcessId => _process?.Id;

    /// <summary>Not running: never started, killed, or stopped by itself (as a silo declared dead does).</summary>
    public bool Exited => _process is null || _process.HasExited;

    /// <summary>Serving: started and found healthy, and still running (what a load balancer's health check sees).</summary>
    public bool Ready => _ready && !Exited;

    private volatile bool _ready;

    /// <summary>The first lines the silo printed since it was started: what it says before it logs anything.</summary>
    public string StartupOutput => string.Join('\n', _startup);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _startup = new();

    /// <summary>What the silo logged at error level (each with a few lines of detail), then its last lines.</summary>
    public string RecentOutput => string.Join('\n', [.. _errors, "…", .. _output]);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private int _errorLinesToKeep;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_startup.Count < 200)
        {
            _startup.Enqueue(line);
        }

        _output.Enqueue(line);
        Trim(_output, 300);
        if (line.TrimStart().StartsWith("fail:", StringComparison.Ordinal) || line.TrimStart().StartsWith("crit:", StringComparison.Ordinal))
        {
            _errorLinesToKeep = 8;
        }

        if (_errorLinesToKeep > 0)
        {
            _errorLinesToKeep--;
            _errors.Enqueue(line);
            Trim(_errors, 400);
        }
    }

    private static void Trim(System.Collections.Concurrent.ConcurrentQueue<string> lines, int keep)
    {
        while (lines.Count > keep && lines.TryDequeue(out _))
        {
        }
    }

    public async Task StartAsync(TimeSpan? within = null)
    {
        var urls = BaseAddress.ToString().TrimEnd('/');
        if (_host is not null)
        {
            Directory.CreateDirectory(_dataDir);
            File.Delete(ApiSocket); // left by a killed predecessor, it would stop Kestrel binding
            urls += ";http://unix:" + ApiSocket;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                SiloAssembly(), "--urls", urls, "--data-dir", _dataDir,
                $"--Platform:SiloPort={_siloPort}", $"--Platform:GatewayPort={_gatewayPort}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in Settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        if (_host is not null)
        {
            start.ArgumentList.Add($"--Orleans:AdvertisedAddress={_host.Address}");
            start = _host.Wrap(start);
        }

        _ready = false;
        _startup.Clear();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Ready means /health answers 200; the deadline only bounds a silo that never comes up.
        using var client = CreateClient(token: null);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    _ready = true;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException(
            $"The platform did not become healthy (exited: {process.HasExited}). What it printed:\n{RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or the OOM killer would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (_ownsDataDir && Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>Runs the silo program's <c>migrate</c> command against a PostgreSQL database, as an operator would.</summary>
    public static async Task MigrateAsync(string connectionString, NetworkHost? host = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiloAssembly(), "migrate", $"--ConnectionStrings:Postgres={connectionString}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(host?.Wrap(start) ?? start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Require.That(process.ExitCode == 0, $"migrate failed: {await output}{await error}");
    }

    /// <summary>Runs <c>reset-admin-token</c> on a stopped embedded platform's data folder, as an operator who lost the token would; returns what it printed.</summary>
    public static Task<string> ResetAdminTokenAsync(string dataDir) =>
        ProgramRun.RunAsync("dotnet", SiloAssembly(), "reset-admin-token", "--data-dir", dataDir);

    /// <summary>The silo program built beside the caller (tests/X/bin/Configuration/net10.0/), in the same configuration.</summary>
    private static string SiloAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "silo", "DoiThoai.Silo", "bin", configuration, framework, "DoiThoai.Silo.dll");
        Require.That(File.Exists(path), $"The silo is built as a dependency of the caller: {path}");
        return path;
    }
}
