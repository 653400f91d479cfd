using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// The whole country on one silo of each topology, in one run: the embedded default (SQLite), the production store
/// (PostgreSQL) and the Azure topology (grain state and membership in Azurite, the outbox and jobs in PostgreSQL).
/// Every commune of the 34 provinces is given a year of sessions through the API (two periodic, two thematic), then
/// the silo is killed and started again over the same data, every commune activated from storage by reading its
/// calendar, and the largest province's overview read.
/// </summary>
public static class NationalScenario
{
    private const int Concurrency = 16;
    private const string LargestProvince = "79"; // Thành phố Hồ Chí Minh, 168 communes
    private const int OverviewReads = 500;

    private static readonly string[] Compared =
    [
        "activation of every commune from storage (calendar read)", "calendar read while activating, p99",
        "resident memory, 3,321 communes active", "overview, p50", "overview, p99", "scheduling rate while seeding",
    ];

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        var rows = new List<Measurement>();
        var byTopology = new Dictionary<string, List<Measurement>>();
        foreach (var topology in new[] { NationalPlatform.Embedded, NationalPlatform.Postgres, NationalPlatform.Azure })
        {
            Console.WriteLine($"— {topology} —");
            await using var platform = new NationalPlatform(topology);
            var measured = await RunOnAsync(platform);
            byTopology[topology] = measured;
            // The embedded rows keep their names: the history plot follows them from earlier runs.
            rows.AddRange(measured.Select(m => topology == NationalPlatform.Embedded ? m : m with { What = $"{topology}: {m.What}" }));
        }

        foreach (var what in Compared)
        {
            double Of(string topology) => byTopology[topology].Single(m => m.What == what).Value;
            rows.Add(new($"{what}: Azure Storage / embedded", Of(NationalPlatform.Azure) / Of(NationalPlatform.Embedded), ""));
            rows.Add(new($"{what}: Azure Storage / PostgreSQL", Of(NationalPlatform.Azure) / Of(NationalPlatform.Postgres), ""));
        }

        return new BenchmarkReport("national",
            "One silo of each topology, Release, on this machine: embedded (SQLite in --data-dir); PostgreSQL (grain state, membership, " +
            "outbox, jobs); Azure Storage (Azurite 3.37: grain state in blobs, membership in a table; outbox and jobs in PostgreSQL). " +
            "16 requests at a time from the harness on the same machine.",
            rows,
            ["Target (issue 7): 3,321 communes active in ≤ 512 MiB (resident memory)."]);
    }

    private static async Task<List<Measurement>> RunOnAsync(NationalPlatform platform)
    {
        await platform.StartAsync();
        var silo = platform.Silo;
        using var client = Load.Client(silo);
        var communes = await Sessions.CommunesAsync(client);
        Require.That(communes.Count == 3321 && communes.Select(c => c.Province).Distinct().Count() == 34,
            $"The platform lists {communes.Count} communes, not the country's 3,321.");

        Console.WriteLine($"seeding a year of sessions in each of {communes.Count} communes…");
        // A periodic dialogue in a fortnight (this year's, but in the last fortnight of December), two thematic ones,
        // and next year's periodic dialogue.
        var fortnight = Sessions.WeekdayAhead(14, 8, 0);
        var year = new Func<string>[]
        {
            () => Sessions.Periodic(fortnight),
            () => Sessions.Thematic(Sessions.WeekdayAhead(90, 8, 0)),
            () => Sessions.Thematic(Sessions.WeekdayAhead(210, 14, 0)),
            () => Sessions.Periodic(Sessions.WeekdayAhead(330, 8, 0)),
        };
        var (seeding, _) = await Load.ClosedLoopAsync(communes.Count * year.Length, Concurrency,
            i => Sessions.ScheduleAsync(client, communes[i / year.Length].Commune, year[i % year.Length]()));
        var seeded = await SiloFigures.ClusterAsync(client);
        var seededResident = SiloFigures.ResidentBytes(silo);

        Console.WriteLine("killing the silo and starting it again over the same data…");
        await platform.KillAsync();
        var restart = Stopwatch.StartNew();
        await platform.RestartAsync();
        var startup = restart.Elapsed;
        var idle = SiloFigures.ResidentBytes(silo);

        Console.WriteLine($"activating all {communes.Count} communes from storage…");
        var (activation, reads) = await Load.ClosedLoopAsync(communes.Count, Concurrency, async i =>
        {
            var sessions = await client.GetFromJsonAsync<JsonElement>($"/api/communes/{communes[i].Commune}/sessions");
            Require.That(sessions.GetArrayLength() == year.Length, $"{communes[i].Commune} lists {sessions.GetArrayLength()} sessions after the restart.");
        });
        var active = await SiloFigures.ClusterAsync(client);
        Require.That(active.Communes == communes.Count, $"{active.Communes} commune grains active, not {communes.Count}.");
        var activeResident = SiloFigures.ResidentBytes(silo);

        Console.WriteLine($"reading the overview of province {LargestProvince} {OverviewReads} times…");
        var first = Stopwatch.StartNew();
        var overview = await client.GetFromJsonAsync<JsonElement>($"/api/provinces/{LargestProvince}/overview");
        var firstOverview = first.Elapsed;
        Require.That(overview.GetProperty("communes").GetArrayLength() == 168, "The overview of Ho Chi Minh City does not list its 168 communes.");
        var scheduled = overview.GetProperty("periodicCounts").GetProperty("scheduled").GetInt32() + overview.GetProperty("periodicCounts").GetProperty("scheduledLate").GetInt32();
        var expected = fortnight.Year == DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year ? 168 : 0;
        Require.That(scheduled == expected, $"The overview counts {scheduled} communes with this year's periodic dialogue scheduled, not {expected}.");
        var (_, overviews) = await Load.ClosedLoopAsync(OverviewReads, 1,
            _ => client.GetFromJsonAsync<JsonElement>($"/api/provinces/{LargestProvince}/overview"));

        // The timed jobs the year of sessions left in Quartz's tables (deadline checks, milestone checks…), as readiness counts them.
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");
        var jobs = System.Text.RegularExpressions.Regex.Match(ready.GetProperty("checks").GetProperty("jobs").GetProperty("description").GetString() ?? "", @"(\d+) việc");
        Require.That(jobs.Success, "Readiness does not count the job scheduler's waiting jobs.");

        return
        [
            new("communes", communes.Count, ""),
            new("sessions scheduled through the API", communes.Count * year.Length, ""),
            new("scheduling rate while seeding", communes.Count * year.Length / seeding.TotalSeconds, "sessions/s"),
            new("resident memory after seeding (communes and sessions active)", seededResident / SiloFigures.MiB, "MiB"),
            new("managed heap after seeding", seeded.ManagedBytes / SiloFigures.MiB, "MiB"),
            new("restart: start → /health answers", startup.TotalSeconds, "s"),
            new("resident memory after restart, nothing active", idle / SiloFigures.MiB, "MiB"),
            new("activation of every commune from storage (calendar read)", activation.TotalSeconds, "s"),
            new("calendar read while activating, p99", reads.Percentile(99), "ms"),
            new("activations after reading every commune", active.Activations, ""),
            new("resident memory, 3,321 communes active", activeResident / SiloFigures.MiB, "MiB"),
            new("managed heap, 3,321 communes active", active.ManagedBytes / SiloFigures.MiB, "MiB"),
            new("overview of the largest province (168 communes), first read", firstOverview.TotalMilliseconds, "ms"),
            new("overview, p50", overviews.Percentile(50), "ms"),
            new("overview, p99", overviews.Percentile(99), "ms"),
            new("periodic dialogues the overview counts as scheduled", scheduled, "communes"),
            new("timed jobs waiting in Quartz's tables", int.Parse(jobs.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), ""),
        ];
    }
}

/// <summary>One silo of a topology, killed and started again over the same data.</summary>
internal sealed class NationalPlatform : IAsyncDisposable
{
    public const string Embedded = "embedded";
    public const string Postgres = "PostgreSQL";
    public const string Azure = "Azure Storage";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "doithoai-national-" + Guid.NewGuid().ToString("N"));
    private readonly SiloProcess? _embedded;
    private readonly SiloCluster? _cluster;

    public NationalPlatform(string topology)
    {
        if (topology == Embedded)
        {
            _embedded = new SiloProcess(_dataDir);
            _embedded.Settings["Logging:LogLevel:Default"] = "Warning";
        }
        else
        {
            _cluster = new SiloCluster(1, azure: topology == Azure);
            _cluster.Settings["Logging:LogLevel:Default"] = "Warning";
        }
    }

    public SiloProcess Silo => _embedded ?? _cluster!.Silos[0];

    public Task StartAsync() => _embedded?.StartAsync() ?? _cluster!.StartAsync();

    public Task KillAsync() => Silo.KillAsync();

    public Task RestartAsync() => _embedded?.StartAsync() ?? _cluster!.StartSiloAsync(0);

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
