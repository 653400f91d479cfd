using System.Globalization;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// The production topology (PostgreSQL for membership, grain state and the outbox) with one silo and with three, on
/// the same machine: an SMS fan-out to N phones through Kannel (every silo's dispatcher sending, every silo taking
/// Kannel's reports for what it sent), then the schedule scenario's mix at 100 and 500 requests/s, its requests
/// spread over the silos in turn. On one machine the three silos share its cores: the run shows what the cluster
/// costs or gives here, not what three machines would.
/// </summary>
public static class ClusterScenario
{
    private const int CommuneCount = 1000;
    private static readonly double[] Rates = [100, 500];
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        var rows = new List<Measurement>();
        var sms = new Dictionary<int, double>();
        var p99 = new Dictionary<(int Size, double Rate), double>();
        foreach (var size in new[] { 1, 3 })
        {
            var label = size == 1 ? "1 silo" : $"{size} silos";
            var (perSecond, fanoutCpu, schedule) = await RunOnAsync(size, label, arguments.Recipients);
            sms[size] = perSecond;
            rows.Add(new($"{label}: SMS fan-out, schedule → all sent", perSecond, "messages/s"));
            rows.AddRange(fanoutCpu);
            foreach (var (rate, latencies, byKind, cpu) in schedule)
            {
                p99[(size, rate)] = latencies.Percentile(99);
                rows.Add(new($"{label}: {rate} req/s, p50", latencies.Percentile(50), "ms"));
                rows.Add(new($"{label}: {rate} req/s, p99", latencies.Percentile(99), "ms"));
                rows.AddRange(ScheduleLoad.KindRows($"{label}: {rate} req/s", byKind));
                rows.Add(new($"{label}: {rate} req/s, failed", latencies.Errors, "requests"));
                rows.AddRange(cpu);
            }
        }

        rows.Add(new("SMS fan-out, 3 silos / 1 silo", sms[3] / sms[1], ""));
        foreach (var rate in Rates)
        {
            rows.Add(new($"p99 at {rate} req/s, 3 silos / 1 silo", p99[(3, rate)] / p99[(1, rate)], ""));
        }

        return new BenchmarkReport("cluster",
            $"PostgreSQL 15 (membership, grain state, outbox) and 1 or 3 silo processes, Release, all on this machine; SMS to " +
            $"{arguments.Recipients.ToString("N0", CultureInfo.InvariantCulture)} phones through Kannel with delivery reports " +
            $"(16 at a time per silo); {CommuneCount} communes, 1 in 5 requests schedules, 1 in 5 reschedules, 3 in 5 read, " +
            $"{Step.TotalSeconds} s open loop at each rate after 10 s of warm-up, requests to the silos in turn.",
            rows, []);
    }

    private static async Task<(double SmsPerSecond, List<Measurement> FanoutCpu, List<(double Rate, Latencies Latencies, IReadOnlyDictionary<string, Latencies> ByKind, List<Measurement> Cpu)> Schedule)> RunOnAsync(int size, string label, int recipients)
    {
        Console.WriteLine($"{size} silo(s) on PostgreSQL…");
        await using var kannel = new KannelGateway();
        await kannel.StartAsync();
        await using var cluster = new SiloCluster(size);
        foreach (var silo in cluster.Silos)
        {
            FanoutScenario.UseKannel(silo, kannel, deliveryReports: true);
            FanoutScenario.PrepareSilo(silo);
        }

        await cluster.StartAsync();
        var clients = cluster.Silos.Select(Load.Client).ToList();
        try
        {
            await FanoutScenario.ImportAsync(clients[0], recipients, FanoutScenario.Phone);
            Console.WriteLine($"an urgent session to {recipients} phones…");
            var fanoutCpu = CpuShare.Start();
            var (total, _, _) = await FanoutScenario.PlatformAsync(clients[0], "sms", recipients);
            var fanoutShares = fanoutCpu.StopRows($"{label}: SMS fan-out").ToList();

            var load = await ScheduleLoad.PrepareAsync(clients, CommuneCount);
            Console.WriteLine("warming up at 100 requests/s for 10 s (not counted)…");
            await Load.OpenLoopAsync(100, TimeSpan.FromSeconds(10), load.RequestAsync);
            var schedule = new List<(double, Latencies, IReadOnlyDictionary<string, Latencies>, List<Measurement>)>();
            foreach (var rate in Rates)
            {
                Console.WriteLine($"{rate} requests/s for {Step.TotalSeconds} s…");
                var offset = (int)(rate * 1000); // as in the schedule scenario: each step mixes the same way
                var cpu = CpuShare.Start();
                var (_, latencies, byKind) = await Load.OpenLoopAsync(rate, Step, i => load.RequestAsync(offset * 100 + i), i => ScheduleLoad.Kind(offset * 100 + i));
                schedule.Add((rate, latencies, byKind, cpu.StopRows($"{label}: {rate} req/s").ToList()));
            }

            return (recipients / total.TotalSeconds, fanoutShares, schedule);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
