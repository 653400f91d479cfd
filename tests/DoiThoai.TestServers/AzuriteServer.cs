using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.TestServers;

/// <summary>
/// Azurite, Microsoft's Azure Storage emulator (npm package azurite, installed by tests/run beside this file), started
/// as a plain node process on 127.0.0.1 with its blob, queue and table services on ports of their own and its data in
/// a folder of its own. It can be stopped and started again on the same ports and data, as an outage would.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account (documented by Microsoft; it works only against the emulator).
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-azurite-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public int BlobPort { get; } = Ports.Free();

    public int QueuePort { get; } = Ports.Free();

    public int TablePort { get; } = Ports.Free();

    /// <summary>The account's connection string (ConnectionStrings:AzureStorage).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};QueueEndpoint=http://127.0.0.1:{QueuePort}/{Account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>Where the emulator is installed (tests/run: npm ci --prefix tests/DoiThoai.TestServers/azurite).</summary>
    public static string Program => Path.Combine(Artifacts.RepositoryRoot, "tests", "DoiThoai.TestServers", "azurite", "node_modules", ".bin", "azurite");

    public async Task StartAsync()
    {
        Require.That(File.Exists(Program), $"Azurite is missing at {Program}: tests/run installs it (npm ci --prefix tests/DoiThoai.TestServers/azurite).");
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo(Program) { WorkingDirectory = _directory };
        foreach (var argument in new[]
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", _directory,
            "--blobHost", "127.0.0.1", "--blobPort", Text(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Text(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Text(TablePort),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = ProgramRun.StartServer(start);
        _process = process;
        try
        {
            // Azurite (node) can take tens of seconds to listen on a machine busy with the cluster drills.
            await Ports.WaitForListenerAsync(BlobPort, () => process.HasExited, TimeSpan.FromSeconds(90));
            await Ports.WaitForListenerAsync(TablePort, () => process.HasExited, TimeSpan.FromSeconds(90));
        }
        catch
        {
            await ProgramRun.KillAsync(process); // no emulator is left running when it did not come up
            _process = null;
            throw;
        }
    }

    /// <summary>
    /// The emulator stopped (SIGTERM, so that it saves its metadata as the real service keeps its data): every request
    /// is refused until it is started again.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await ProgramRun.RunAsync("kill", "-TERM", Text(process.Id));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                await ProgramRun.KillAsync(process);
            }
        }

        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ProgramRun.KillAsync(_process);
        _process = null;
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
