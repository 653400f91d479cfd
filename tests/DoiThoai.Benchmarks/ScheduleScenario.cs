using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// The commune offices' work through the HTTP API at increasing rates: one request in five schedules a session, one
/// in five reschedules one, three read one. An open loop (each request starts at its time whether or not the earlier
/// ones have answered), so latencies include any queue the silo lets build.
/// </summary>
public static class ScheduleScenario
{
    private const int CommuneCount = 1000;
    private static readonly double[] Rates = [100, 250, 500, 750, 1000];
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);
    private static readonly double[] WarmUpRates = [100, 250, 500];
    private static readonly TimeSpan WarmUpStep = TimeSpan.FromSeconds(10);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        await using var silo = new SiloProcess();
        silo.Settings["Logging:LogLevel:Default"] = "Warning";
        await silo.StartAsync();
        using var client = Load.Client(silo);
        var load = await ScheduleLoad.PrepareAsync([client], CommuneCount);

        // Until the JIT has compiled the hot paths again with what it saw (tiered compilation), it takes a quarter of
        // a core: at 100 requests/s for 10 s it still did, and the first rate measured the compiler.
        foreach (var rate in WarmUpRates)
        {
            Console.WriteLine($"warming up at {rate} requests/s for {WarmUpStep.TotalSeconds} s (not counted)…");
            await Load.OpenLoopAsync(rate, WarmUpStep, i => load.RequestAsync(1_000_000_000 + (int)rate * 100_000 + i));
        }

        var rows = new List<Measurement>();
        foreach (var rate in arguments.Rates ?? Rates)
        {
            Console.WriteLine($"{rate} requests/s for {Step.TotalSeconds} s…");
            var offset = (int)(rate * 1000); // request indexes of each step apart, so each step mixes the same way
            var cpu = CpuShare.Start();
            var (elapsed, latencies, byKind) = await Load.OpenLoopAsync(rate, Step, i => load.RequestAsync(offset * 100 + i), i => ScheduleLoad.Kind(offset * 100 + i));
            var cpuRows = cpu.StopRows($"{rate} req/s").ToList();
            rows.Add(new($"{rate} req/s: completed", latencies.Count / elapsed.TotalSeconds, "req/s"));
            rows.Add(new($"{rate} req/s: p50", latencies.Percentile(50), "ms"));
            rows.Add(new($"{rate} req/s: p95", latencies.Percentile(95), "ms"));
            rows.Add(new($"{rate} req/s: p99", latencies.Percentile(99), "ms"));
            rows.AddRange(ScheduleLoad.KindRows($"{rate} req/s", byKind));
            rows.Add(new($"{rate} req/s: failed", latencies.Errors, "requests"));
            rows.AddRange(cpuRows);
        }

        return new BenchmarkReport("schedule", $"Embedded default (SQLite), one silo, Release; {CommuneCount} communes across the country; " +
            $"1 in 5 requests schedules, 1 in 5 reschedules, 3 in 5 read a session; {Step.TotalSeconds} s per rate, open loop, " +
            $"after {WarmUpStep.TotalSeconds} s at each of {string.Join(", ", WarmUpRates)} requests/s (not counted); " +
            "the harness on the same 2 cores.", rows,
            ["Target (issue 7): p99 ≤ 20 ms at 500 requests/s."]);
    }
}

/// <summary>
/// The schedule scenario's requests: N communes spread over the country with one session each, then request i
/// schedules a new session (i % 5 = 0), reschedules the commune's session (1) or reads it (2–4), through the HTTP
/// API of the silos given, in turn.
/// </summary>
internal sealed class ScheduleLoad
{
    public static readonly string[] Kinds = ["schedule", "reschedule", "read"];

    private readonly IReadOnlyList<HttpClient> _clients;
    private readonly string[] _communes;
    private readonly string[] _sessions;
    private readonly int[] _rescheduled;
    private int _scheduled;

    private ScheduleLoad(IReadOnlyList<HttpClient> clients, string[] communes, string[] sessions)
    {
        _clients = clients;
        _communes = communes;
        _sessions = sessions;
        _rescheduled = new int[communes.Length];
    }

    public static string Kind(int i) => (i % 5) switch { 0 => "schedule", 1 => "reschedule", _ => "read" };

    /// <summary>p50 and p99 of each kind of request, as report rows ("{prefix}: schedule, p50"…).</summary>
    public static IEnumerable<Measurement> KindRows(string prefix, IReadOnlyDictionary<string, Latencies> byKind) =>
        Kinds.SelectMany(kind => new Measurement[]
        {
            new($"{prefix}: {kind}, p50", byKind[kind].Percentile(50), "ms"),
            new($"{prefix}: {kind}, p99", byKind[kind].Percentile(99), "ms"),
        });

    public static async Task<ScheduleLoad> PrepareAsync(IReadOnlyList<HttpClient> clients, int communeCount)
    {
        var country = await Sessions.CommunesAsync(clients[0]);
        // Communes spread evenly over the country's list, so that every province has some.
        var communes = Enumerable.Range(0, communeCount).Select(i => country[i * country.Count / communeCount].Commune).ToArray();
        Console.WriteLine($"one session in each of {communeCount} communes to reschedule and read…");
        var sessions = new string[communeCount];
        await Load.ClosedLoopAsync(communeCount, 16, async i =>
            sessions[i] = await Sessions.ScheduleAsync(clients[i % clients.Count], communes[i], Sessions.Thematic(Sessions.WeekdayAhead(30, 8, 0))));
        return new ScheduleLoad(clients, communes, sessions);
    }

    public async Task<bool> RequestAsync(int i)
    {
        var client = _clients[i % _clients.Count];
        var c = (int)((uint)(i * 7919) % _communes.Length);
        switch (i % 5)
        {
            case 0:
                // A new session at a venue of its own, so no request clashes with another.
                var n = Interlocked.Increment(ref _scheduled);
                using (var created = await client.PostAsync($"/api/communes/{_communes[c]}/sessions",
                    Sessions.Json(Sessions.Thematic(Sessions.WeekdayAhead(20 + n % 300, 14, 0), $"Nhà văn hóa khu phố số {n}"))))
                {
                    return created.StatusCode == HttpStatusCode.Created;
                }

            case 1:
                var k = Interlocked.Increment(ref _rescheduled[c]);
                using (var moved = await client.PostAsync($"/api/communes/{_communes[c]}/sessions/{_sessions[c]}/reschedule",
                    Sessions.Json(Sessions.Reschedule(Sessions.WeekdayAhead(30 + k % 200, 8, k % 50)))))
                {
                    return moved.StatusCode == HttpStatusCode.OK;
                }

            default:
                using (var read = await client.GetAsync($"/api/communes/{_communes[c]}/sessions/{_sessions[c]}"))
                {
                    await read.Content.ReadAsByteArrayAsync();
                    return read.StatusCode == HttpStatusCode.OK;
                }
        }
    }
}
