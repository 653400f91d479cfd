using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.TestServers;

/// <summary>
/// A real PostgreSQL server (Debian package postgresql) on 127.0.0.1, in a folder of its own, started as a plain
/// process: initdb, then postgres. PostgreSQL refuses to run as root, so as root both run as the user postgres.
/// It can be stopped (fast shutdown) and started again on the same port and data, as an operator restarting it would.
/// Given a <see cref="NetworkHost"/>, it runs in that host's namespace and listens at its address only.
/// </summary>
public sealed class PostgresServer(NetworkHost? host = null) : IAsyncDisposable
{
    public const string User = "doithoai";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _binaries = FindBinaries();
    private Process? _process;

    public int Port { get; } = Ports.Free();

    private string DataDir => Path.Combine(_directory, "data");

    /// <summary>Where it listens: 127.0.0.1, or the address of the lab host it runs in.</summary>
    public string Address => host?.Address ?? "127.0.0.1";

    /// <summary>A connection string for a database on this server (the pool kept small: several silos share it).</summary>
    public string ConnectionString(string database) =>
        $"Host={Address};Port={Port};Username={User};Database={database};Maximum Pool Size=40;Timeout=5;Command Timeout=30";

    public async Task StartAsync()
    {
        if (!Directory.Exists(DataDir))
        {
            Directory.CreateDirectory(_directory);
            GiveToServerUser(_directory);
            await RunAsync("initdb", "-D", DataDir, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
            if (host is not null)
            {
                // initdb trusts loopback only; in a lab the silos come from the other hosts' addresses.
                await File.AppendAllTextAsync(Path.Combine(DataDir, "pg_hba.conf"), "host all all 198.18.0.0/15 trust\n", CancellationToken.None);
            }
        }

        _process = Launch("postgres", "-D", DataDir, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
            "-c", $"listen_addresses={Address}", "-c", "max_connections=300", "-c", "shared_buffers=128MB");
        await WaitAcceptingAsync();
    }

    /// <summary>A new empty database owned by <see cref="User"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "doithoai_" + Guid.NewGuid().ToString("N")[..12];
        await RunAsync("psql", "-h", Address, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Fast shutdown: open sessions are cut, as when an operator restarts the server.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await RunAsync("pg_ctl", "stop", "-D", DataDir, "-m", "fast", "-w");
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ProgramRun.KillAsync(_process);

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task WaitAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ready = Process.Start(Info("pg_isready", "-h", Address, "-p", Port.ToString(CultureInfo.InvariantCulture)))!;
            await ready.WaitForExitAsync();
            if (ready.ExitCode == 0)
            {
                return;
            }

            Require.That(DateTime.UtcNow < deadline && _process is { HasExited: false }, "PostgreSQL did not start accepting connections.");
            await Task.Delay(100);
        }
    }

    private Process Launch(string program, params string[] arguments) => ProgramRun.StartServer(Info(program, arguments));

    private Task RunAsync(string program, params string[] arguments) => ProgramRun.RunAsync(Info(program, arguments));

    private ProcessStartInfo Info(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        var start = new ProcessStartInfo(IsRoot ? "runuser" : path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (IsRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", path })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return host?.Wrap(start) ?? start;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void GiveToServerUser(string directory)
    {
        if (IsRoot)
        {
            var chown = Process.Start("chown", ["postgres:postgres", directory])!;
            chown.WaitForExit();
            Require.That(chown.ExitCode == 0, $"Could not give {directory} to the user postgres.");
        }
    }

    // Debian installs the server under /usr/lib/postgresql/<major>/bin, outside PATH.
    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0).FirstOrDefault()
            : null;
        Require.That(bin is not null, "PostgreSQL is missing: .ci/run installs the Debian package postgresql.");
        return bin!;
    }
}
