using System.Globalization;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// The production topology (PostgreSQL for membership, grain state and the outbox) with one silo and with three, on
/// the same machine: an SMS fan-out to N phones through Kannel (every silo's dispatcher sending, every silo taking
/// Kannel's reports for what it sent), then the schedule scenario's mix at 500 requests/s, its requests spread over
/// the silos in turn. On one machine the three silos share its cores: the run shows what the cluster costs or gives
/// here, not what three machines would.
/// </summary>
public static class ClusterScenario
{
    private const int CommuneCount = 1000;
    private const double Rate = 500;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(20);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        var rows = new List<Measurement>();
        var figures = new Dictionary<int, (double Sms, double P99)>();
        foreach (var size in new[] { 1, 3 })
        {
            var label = size == 1 ? "1 silo" : $"{size} silos";
            var (sms, latencies) = await RunOnAsync(size, arguments.Recipients);
            figures[size] = (sms, latencies.Percentile(99));
            rows.Add(new($"{label}: SMS fan-out, schedule → all sent", sms, "messages/s"));
            rows.Add(new($"{label}: {Rate} req/s, p50", latencies.Percentile(50), "ms"));
            rows.Add(new($"{label}: {Rate} req/s, p99", latencies.Percentile(99), "ms"));
            rows.Add(new($"{label}: {Rate} req/s, failed", latencies.Errors, "requests"));
        }

        rows.Add(new("SMS fan-out, 3 silos / 1 silo", figures[3].Sms / figures[1].Sms, ""));
        rows.Add(new($"p99 at {Rate} req/s, 3 silos / 1 silo", figures[3].P99 / figures[1].P99, ""));
        return new BenchmarkReport("cluster",
            $"PostgreSQL 15 (membership, grain state, outbox) and 1 or 3 silo processes, Release, all on this machine; SMS to " +
            $"{arguments.Recipients.ToString("N0", CultureInfo.InvariantCulture)} phones through Kannel with delivery reports " +
            $"(16 at a time per silo); {CommuneCount} communes, 1 in 5 requests schedules, 1 in 5 reschedules, 3 in 5 read, " +
            $"{Step.TotalSeconds} s open loop after 10 s of warm-up, requests to the silos in turn.",
            rows, []);
    }

    private static async Task<(double SmsPerSecond, Latencies Schedule)> RunOnAsync(int size, int recipients)
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
            var (total, _) = await FanoutScenario.PlatformAsync(clients[0], "sms", recipients);

            var load = await ScheduleLoad.PrepareAsync(clients, CommuneCount);
            Console.WriteLine("warming up at 100 requests/s for 10 s (not counted)…");
            await Load.OpenLoopAsync(100, TimeSpan.FromSeconds(10), load.RequestAsync);
            Console.WriteLine($"{Rate} requests/s for {Step.TotalSeconds} s…");
            var (_, latencies) = await Load.OpenLoopAsync(Rate, Step, i => load.RequestAsync(1_000_000 + i));
            return (recipients / total.TotalSeconds, latencies);
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
