using System.Globalization;

namespace DoiThoai.TestServers;

/// <summary>
/// The production topology on 127.0.0.1, as infra/local-cluster.sh runs it: a real PostgreSQL with the schema applied
/// by the silo's migrate command, and N silo processes joined through it (Orleans ADO.NET clustering), each serving
/// the HTTP API. With <paramref name="azure"/>, the Azure topology (`local-cluster.sh up 3 --azure`): membership and
/// grain state in a real Azurite, the outbox, audit log and jobs in PostgreSQL. Any silo can be killed with SIGKILL
/// and started again on its ports; so can the whole cluster. Given a <see cref="NetworkLab"/>, PostgreSQL runs in its
/// host "postgres" and silo k in its host "silo-k", so that the drills can cut the links between them.
/// </summary>
public sealed class SiloCluster(int size, bool azure = false, NetworkLab? lab = null) : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [.. Enumerable.Range(1, size).Select(k => new SiloProcess(host: lab?.Hosts[SiloHost(k)]))];

    /// <summary>The lab host silo k (from 1) runs in.</summary>
    public static string SiloHost(int k) => "silo-" + k.ToString(CultureInfo.InvariantCulture);

    public PostgresServer Postgres { get; } = new(lab?.Hosts["postgres"]);

    /// <summary>The Azure Storage emulator of the Azure topology (null in the PostgreSQL one).</summary>
    public AzuriteServer? Azurite { get; } = azure ? new AzuriteServer() : null;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Configuration given to every silo (command-line keys, "Section:Key").</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public async Task StartAsync()
    {
        await Postgres.StartAsync();
        if (Azurite is not null)
        {
            await Azurite.StartAsync();
        }

        ConnectionString = await Postgres.CreateDatabaseAsync();
        await SiloProcess.MigrateAsync(ConnectionString, lab?.Hosts["postgres"]);
        await Task.WhenAll(_silos.Select((_, k) => StartSiloAsync(k)));
    }

    public Task StartSiloAsync(int index)
    {
        var silo = _silos[index];
        silo.Settings["ConnectionStrings:Postgres"] = ConnectionString;
        if (Azurite is not null)
        {
            silo.Settings["ConnectionStrings:AzureStorage"] = Azurite.ConnectionString;
            silo.Settings["Orleans:Clustering:ProviderType"] = "AzureStorage";
            silo.Settings["Orleans:Storage:Provider"] = "AzureStorage";
        }
        else
        {
            silo.Settings["Orleans:Clustering:ProviderType"] = "AdoNet";
            silo.Settings["Orleans:Clustering:Invariant"] = "Npgsql";
            silo.Settings["Orleans:Clustering:ConnectionName"] = "Postgres";
            silo.Settings["Orleans:Storage:Provider"] = "Postgres";
        }

        silo.Settings["Orleans:ClusterId"] = "drill";
        silo.Settings["Orleans:Name"] = "silo-" + (index + 1).ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in Settings)
        {
            silo.Settings[key] = value;
        }

        return silo.StartAsync(TimeSpan.FromSeconds(180)); // a cold restart waits for the old generations to be declared dead
    }

    public Task KillSiloAsync(int index) => _silos[index].KillAsync();

    /// <summary>Every silo killed at once, as a power cut would.</summary>
    public Task KillAllAsync() => Task.WhenAll(_silos.Select(s => s.KillAsync()));

    /// <summary>
    /// Every silo started again over the same database and ports, all at once as an orchestrator would: each new silo
    /// takes the place of its dead predecessor at its address (started one by one, each would first wait for the
    /// others' predecessors to be voted dead).
    /// </summary>
    public Task StartAllAsync() => Task.WhenAll(_silos.Select((_, k) => StartSiloAsync(k)));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
