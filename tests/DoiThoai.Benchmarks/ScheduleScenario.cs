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

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        await using var silo = new SiloProcess();
        silo.Settings["Logging:LogLevel:Default"] = "Warning";
        await silo.StartAsync();
        using var client = Load.Client(silo);
        var country = await Sessions.CommunesAsync(client);
        // Communes spread evenly over the country's list, so that every province has some.
        var communes = Enumerable.Range(0, CommuneCount).Select(i => country[i * country.Count / CommuneCount].Commune).ToArray();

        Console.WriteLine($"one session in each of {CommuneCount} communes to reschedule and read…");
        var sessions = new string[CommuneCount];
        await Load.ClosedLoopAsync(CommuneCount, 16, async i =>
            sessions[i] = await Sessions.ScheduleAsync(client, communes[i], Sessions.Thematic(Sessions.WeekdayAhead(30, 8, 0))));

        var scheduled = 0;
        var rescheduled = new int[CommuneCount];
        async Task<bool> Request(int i)
        {
            var c = (int)((uint)(i * 7919) % CommuneCount);
            switch (i % 5)
            {
                case 0:
                    // A new session at a venue of its own, so no request clashes with another.
                    var n = Interlocked.Increment(ref scheduled);
                    using (var created = await client.PostAsync($"/api/communes/{communes[c]}/sessions",
                        Sessions.Json(Sessions.Thematic(Sessions.WeekdayAhead(20 + n % 300, 14, 0), $"Nhà văn hóa khu phố số {n}"))))
                    {
                        return created.StatusCode == HttpStatusCode.Created;
                    }

                case 1:
                    var k = Interlocked.Increment(ref rescheduled[c]);
                    using (var moved = await client.PostAsync($"/api/communes/{communes[c]}/sessions/{sessions[c]}/reschedule",
                        Sessions.Json(Sessions.Reschedule(Sessions.WeekdayAhead(30 + k % 200, 8, k % 50)))))
                    {
                        return moved.StatusCode == HttpStatusCode.OK;
                    }

                default:
                    using (var read = await client.GetAsync($"/api/communes/{communes[c]}/sessions/{sessions[c]}"))
                    {
                        await read.Content.ReadAsByteArrayAsync();
                        return read.StatusCode == HttpStatusCode.OK;
                    }
            }
        }

        static string Kind(int i) => (i % 5) switch { 0 => "schedule", 1 => "reschedule", _ => "read" };

        Console.WriteLine("warming up at 100 requests/s for 10 s (not counted)…");
        await Load.OpenLoopAsync(100, TimeSpan.FromSeconds(10), Request);

        var rows = new List<Measurement>();
        foreach (var rate in Rates)
        {
            Console.WriteLine($"{rate} requests/s for {Step.TotalSeconds} s…");
            var offset = (int)(rate * 1000); // request indexes of each step apart, so each step mixes the same way
            var (elapsed, latencies, byKind) = await Load.OpenLoopAsync(rate, Step, i => Request(offset * 100 + i), i => Kind(offset * 100 + i));
            rows.Add(new($"{rate} req/s: completed", latencies.Count / elapsed.TotalSeconds, "req/s"));
            rows.Add(new($"{rate} req/s: p50", latencies.Percentile(50), "ms"));
            rows.Add(new($"{rate} req/s: p95", latencies.Percentile(95), "ms"));
            rows.Add(new($"{rate} req/s: p99", latencies.Percentile(99), "ms"));
            foreach (var kind in new[] { "schedule", "reschedule", "read" })
            {
                rows.Add(new($"{rate} req/s: {kind}, p50", byKind[kind].Percentile(50), "ms"));
                rows.Add(new($"{rate} req/s: {kind}, p99", byKind[kind].Percentile(99), "ms"));
            }

            rows.Add(new($"{rate} req/s: failed", latencies.Errors, "requests"));
        }

        return new BenchmarkReport("schedule", $"Embedded default (SQLite), one silo, Release; {CommuneCount} communes across the country; " +
            $"1 in 5 requests schedules, 1 in 5 reschedules, 3 in 5 read a session; {Step.TotalSeconds} s per rate, open loop, " +
            "the harness on the same 2 cores.", rows,
            ["Target (issue 7): p99 ≤ 20 ms at 500 requests/s."]);
    }
}
