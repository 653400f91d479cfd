using DoiThoai.Domain.Calendar;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Silo.Hosting;
using DoiThoai.Silo.Jobs;
using DoiThoai.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace DoiThoai.Grains.Tests;

/// <summary>
/// A three-silo in-process cluster over one SQLite store, wired as the platform wires its silos, with the rules'
/// clock under test control. Each test class has its own cluster; each test works in communes of its own.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Monday 2 November 2026, 09:00 in Vietnam.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, VietnamTime.Offset);

    private static readonly Dictionary<string, FakeTimeProvider> Clocks = [];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-cluster-" + Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(Start);

    public IGrainFactory Grains => Cluster.GrainFactory;

    public string DatabasePath => Path.Combine(_directory, "doithoai.db");

    public async ValueTask InitializeAsync()
    {
        lock (Clocks)
        {
            Clocks[DatabasePath] = Clock;
        }

        Cluster = Build(DatabasePath);
        await Cluster.DeployAsync();
    }

    /// <summary>Stops every silo and starts a new cluster over the same store, as after a full outage.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = Build(DatabasePath);
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        lock (Clocks)
        {
            Clocks.Remove(DatabasePath);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static TestCluster Build(string databasePath)
    {
        var builder = new TestClusterBuilder(3);
        builder.Properties["DatabasePath"] = databasePath;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        return builder.Build();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var databasePath = siloBuilder.Configuration["DatabasePath"]!;
            FakeTimeProvider clock;
            lock (Clocks)
            {
                clock = Clocks[databasePath];
            }

            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(PlatformClock.Key, clock);
            siloBuilder.AddEmbeddedStore(databasePath).AddDoiThoaiGrains();

            // Quartz does not cluster on SQLite: the three silos share the file, each with jobs of its own name.
            siloBuilder.Services.Configure<JobOptions>(options => options.SchedulerName = "silo-" + Guid.NewGuid().ToString("N"));
        }
    }
}
