using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>Request latencies of one run, read as percentiles (nearest rank).</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public int Count => _milliseconds.Count;

    public int Errors => _errors;

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            Require.That(_milliseconds.Count > 0, "No request completed.");
            _milliseconds.Sort();
            var rank = (int)Math.Ceiling(p / 100 * _milliseconds.Count);
            return _milliseconds[Math.Clamp(rank - 1, 0, _milliseconds.Count - 1)];
        }
    }
}

public static class Load
{
    /// <summary>
    /// Runs <paramref name="count"/> jobs with at most <paramref name="concurrency"/> in flight, each job's latency
    /// measured from its start. For seeding and for reading every commune once.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, Latencies Latencies)> ClosedLoopAsync(int count, int concurrency, Func<int, Task> job)
    {
        var latencies = new Latencies();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = clock.Elapsed;
                await job(i);
                latencies.Add(clock.Elapsed - started);
            }
        }));
        return (clock.Elapsed, latencies);
    }

    /// <summary>
    /// An open loop: request i is started at i / rate seconds whether or not earlier ones have answered, and its latency
    /// runs from that intended start, so a server that falls behind is charged for the queue it causes (no coordinated
    /// omission). A job answers false when the response is not what it should be.
    /// </summary>
    public static async Task<(TimeSpan Elapsed, Latencies Latencies)> OpenLoopAsync(double rate, TimeSpan duration, Func<int, Task<bool>> job)
    {
        var (elapsed, all, _) = await OpenLoopAsync(rate, duration, job, _ => "");
        return (elapsed, all);
    }

    /// <summary>The same, with the latencies of each kind of request apart as well (the kind of request i is kindOf(i)).</summary>
    public static async Task<(TimeSpan Elapsed, Latencies Latencies, IReadOnlyDictionary<string, Latencies> ByKind)> OpenLoopAsync(
        double rate, TimeSpan duration, Func<int, Task<bool>> job, Func<int, string> kindOf)
    {
        var latencies = new Latencies();
        var byKind = new System.Collections.Concurrent.ConcurrentDictionary<string, Latencies>();
        var total = (int)(rate * duration.TotalSeconds);
        var running = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var intended = TimeSpan.FromSeconds(i / rate);
            var wait = intended - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            running.Add(Task.Run(async () =>
            {
                try
                {
                    if (await job(index))
                    {
                        var latency = clock.Elapsed - intended;
                        latencies.Add(latency);
                        byKind.GetOrAdd(kindOf(index), _ => new Latencies()).Add(latency);
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                latencies.Error();
            }));
        }

        await Task.WhenAll(running);
        return (clock.Elapsed, latencies, byKind);
    }

    /// <summary>An HTTP client for load: no connection limit, the national administrator's token.</summary>
    public static HttpClient Client(SiloProcess silo) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = silo.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
            DefaultRequestHeaders = { Authorization = new("Bearer", SiloProcess.AdminToken) },
        };
}

/// <summary>The sessions the benchmarks put in communes' calendars, as a commune office would through the API.</summary>
public static class Sessions
{
    public static async Task<IReadOnlyList<(string Province, string Commune)>> CommunesAsync(HttpClient client)
    {
        var communes = new List<(string, string)>();
        foreach (var province in (await client.GetFromJsonAsync<JsonElement>("/api/provinces")).EnumerateArray())
        {
            var code = province.GetProperty("code").GetString()!;
            foreach (var commune in (await client.GetFromJsonAsync<JsonElement>($"/api/provinces/{code}/communes")).EnumerateArray())
            {
                communes.Add((code, commune.GetProperty("code").GetString()!));
            }
        }

        return communes;
    }

    /// <summary>A weekday <paramref name="days"/> from today at the given local time (Vietnam, +07:00).</summary>
    public static DateTimeOffset WeekdayAhead(int days, int hour, int minute)
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date;
        var day = today.AddDays(days);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.AddHours(hour).AddMinutes(minute), TimeSpan.FromHours(7));
    }

    public static string Periodic(DateTimeOffset startsAt) => $$"""
        {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ với Nhân dân",
         "startsAt": "{{Format(startsAt)}}", "durationMinutes": 150, "venue": "Hội trường Ủy ban nhân dân"}
        """;

    public static string Thematic(DateTimeOffset startsAt, string venue = "Nhà văn hóa khu dân cư") => $$"""
        {"kind": "thematic", "form": "in-person", "title": "Đối thoại chuyên đề về chuyển đổi số và dịch vụ công trực tuyến",
         "topic": "Thủ tục hành chính trên Cổng dịch vụ công, thanh toán không dùng tiền mặt",
         "startsAt": "{{Format(startsAt)}}", "durationMinutes": 120, "venue": "{{venue}}"}
        """;

    public static string Reschedule(DateTimeOffset startsAt) => $$"""
        {"startsAt": "{{Format(startsAt)}}", "reason": "Trùng lịch tiếp công dân định kỳ của Chủ tịch"}
        """;

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Schedules a session and answers its id; anything but 201 stops the run.</summary>
    public static async Task<string> ScheduleAsync(HttpClient client, string commune, string body)
    {
        using var response = await client.PostAsync($"/api/communes/{commune}/sessions", Json(body));
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Require.That(response.StatusCode == HttpStatusCode.Created, $"Scheduling in {commune} failed: {(int)response.StatusCode} {session}");
        return session.GetProperty("id").GetString()!;
    }

    private static string Format(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>What a silo process holds: resident memory from /proc, managed heap and activations from the cluster API.</summary>
public static class SiloFigures
{
    public static long ResidentBytes(SiloProcess silo)
    {
        var line = File.ReadLines($"/proc/{silo.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public static async Task<(long ManagedBytes, long Activations, long Communes)> ClusterAsync(HttpClient client)
    {
        var silo = (await client.GetFromJsonAsync<JsonElement>("/api/cluster/silos")).EnumerateArray().Single(s => s.GetProperty("status").GetString() == "Active");
        var communes = silo.GetProperty("activationsByType").TryGetProperty("CommuneGrain", out var n) ? n.GetInt64() : 0;
        return (silo.GetProperty("managedMemoryBytes").GetInt64(), silo.GetProperty("activations").GetInt64(), communes);
    }

    public const double MiB = 1024 * 1024;
}
