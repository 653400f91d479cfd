using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// PostgreSQL is restarted while officers keep scheduling and reading sessions on every silo. While it is away a
/// request fails cleanly (503 problem, retryable, Retry-After) and changes nothing; once it is back, requests succeed
/// again without any silo being restarted; every session answered 201 is there, none answered 503 is.
/// </summary>
[Collection(ClusterDrills.Name)]
public class DatabaseRestartDrillTests : IAsyncLifetime
{
    private const int Workers = 6;

    private readonly ClusterDrill _drill;
    private readonly ConcurrentBag<Outcome> _outcomes = [];

    public DatabaseRestartDrillTests()
        : this(azure: false)
    {
    }

    protected DatabaseRestartDrillTests(bool azure) => _drill = new ClusterDrill(azure: azure);

    private protected ClusterDrill Drill => _drill;

    /// <summary>How long the store stays away.</summary>
    protected virtual TimeSpan Outage => TimeSpan.FromSeconds(8);

    /// <summary>The store the drill takes away, as its figures name it.</summary>
    protected virtual string Store => "PostgreSQL";

    protected virtual Task StopStoreAsync() => _drill.Cluster.Postgres.StopAsync();

    protected virtual Task StartStoreAsync() => _drill.Cluster.Postgres.StartAsync();

    public ValueTask InitializeAsync() => new(_drill.StartAsync());

    public ValueTask DisposeAsync() => _drill.DisposeAsync();

    private const string Unavailable = "https://doithoai.gov.vn/problems/temporarily-unavailable";

    private const string OutcomeUnknown = "https://doithoai.gov.vn/problems/outcome-unknown";

    private sealed record Outcome(DateTime At, string Code, string Title, bool Write, HttpStatusCode Status, string? Problem);

    [Fact]
    public async Task Requests_fail_with_a_retryable_503_while_the_database_restarts_and_succeed_again_without_restarting_a_silo()
    {
        var communes = ClusterDrill.Communes(30);
        var pids = _drill.Cluster.Silos.Select(s => s.ProcessId).ToList();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, Workers).Select(w => LoadAsync(w, communes, stop.Token)));

        await Eventually.ReachedAsync(() => Task.FromResult(_outcomes.Count(o => o.Status == HttpStatusCode.Created)), n => n >= 20,
            TimeSpan.FromMinutes(1), "load running");
        var down = DateTime.UtcNow;
        await StopStoreAsync();
        await Task.Delay(Outage, TestContext.Current.CancellationToken); // the outage itself: nothing to wait for but time
        await StartStoreAsync();
        var back = DateTime.UtcNow;
        await Eventually.ReachedAsync(() => Task.FromResult(_outcomes.Count(o => o.At > back && o.Status == HttpStatusCode.Created)), n => n >= 30,
            TimeSpan.FromMinutes(2), "writes succeeding again");
        await stop.CancelAsync();
        await load;

        var outcomes = _outcomes.OrderBy(o => o.At).ToList();
        Assert.All(outcomes, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
            $"{o.Status} at {o.At:HH:mm:ss.fff}: {o.Problem}\n{string.Join("\n", _drill.Cluster.Silos.Select(s => s.RecentOutput))}"));
        var refused = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, o => Assert.Contains(o.Problem, new[] { Unavailable, OutcomeUnknown }));
        var lastRefused = refused.Max(o => o.At);

        // No silo was restarted, and each answers its health check.
        Assert.Equal(pids, _drill.Cluster.Silos.Select(s => s.ProcessId).ToList());
        foreach (var client in _drill.Clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Get("/health")).StatusCode);
        }

        // What was answered 201 is stored; what was answered 503 is not.
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in communes)
        {
            var sessions = await (await _drill.Client.Get($"/api/communes/{code}/sessions")).JsonAsync(HttpStatusCode.OK);
            stored.UnionWith(sessions.EnumerateArray().Select(s => s.Str("title")));
        }

        // Answered 201: stored. Answered "nothing changed": not stored. Answered "outcome unknown": either, and counted.
        var wrong = outcomes.Where(o => o.Write && o.Problem != OutcomeUnknown && (o.Status == HttpStatusCode.Created) != stored.Contains(o.Title))
            .Select(o => $"{o.Title} answered {(int)o.Status} {o.Problem} at {o.At:HH:mm:ss.fff} ({(o.At - down).TotalSeconds:F1} s after the outage began), {(stored.Contains(o.Title) ? "stored" : "not stored")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        var unknown = outcomes.Where(o => o.Write && o.Problem == OutcomeUnknown).ToList();

        // Every session answered 201 is in the audit log, also those whose entry had to wait for the database.
        // (and each whose outcome is unknown, saying so).
        var created = outcomes.Count(o => o.Write && o.Status == HttpStatusCode.Created);
        await Eventually.ReachedAsync(ScheduledEntriesAsync, n => n == created + unknown.Count, TimeSpan.FromSeconds(30),
            $"{created} audit entries of sessions scheduled and {unknown.Count} of outcome unknown");

        TestContext.Current.SendDiagnosticMessage(
            $"Store outage drill: {outcomes.Count} requests by {Workers} clients over 3 silos; {Store} away {(back - down).TotalSeconds:F1} s; " +
            $"{refused.Count} answered 503 ({refused.Count - unknown.Count} retryable, nothing changed; {unknown.Count} outcome unknown, of which {unknown.Count(o => stored.Contains(o.Title))} stored), 0 failed otherwise; the last 503 {Math.Abs((lastRefused - back).TotalSeconds):F1} s {(lastRefused > back ? "after" : "before")} {Store} answered again; " +
            $"{outcomes.Count(o => o.At > lastRefused)} requests succeeded after it; no silo restarted; lost 0 of {stored.Count} sessions answered 201.");
    }

    private async Task<int> ScheduledEntriesAsync()
    {
        var count = 0;
        string? before = null;
        do
        {
            var page = await (await _drill.Client.Get($"/api/provinces/48/audit?limit=500{(before is null ? "" : "&before=" + before)}")).JsonAsync(HttpStatusCode.OK);
            count += page.GetProperty("items").EnumerateArray().Count(e => e.Str("action") == "session.scheduled");
            before = page.GetProperty("nextBefore").ValueKind == JsonValueKind.Number ? page.GetProperty("nextBefore").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        }
        while (before is not null);
        return count;
    }

    /// <summary>An officer's work in a loop: schedule an urgent dialogue, then read the commune's calendar, silo by silo.</summary>
    private async Task LoadAsync(int worker, IReadOnlyList<string> communes, CancellationToken stop)
    {
        var startsAt = DateTimeOffset.UtcNow.AddDays(2);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var client = _drill.ClientFor(worker + n);
            var code = communes[(worker * 7 + n) % communes.Count];
            var title = $"Đối thoại {worker}-{n}";
            // Two days ahead, inside the reach of urgency (ordinary notice needs 7); each request its own hall: no clash.
            var local = startsAt.ToOffset(TimeSpan.FromHours(7));
            await RecordAsync(code, title, write: true, () => client.PostJsonAsync($"/api/communes/{code}/sessions", $$"""
                {"kind": "urgent", "form": "in-person", "title": "{{title}}", "startsAt": "{{local:yyyy-MM-dd'T'HH:mm}}:00+07:00",
                 "durationMinutes": 60, "venue": "Hội trường số {{worker + 1}}-{{n}}", "urgentReason": "Sự cố sạt lở bờ sông cần đối thoại ngay với người dân"}
                """));
            await RecordAsync(code, title, write: false, () => client.Get($"/api/communes/{code}/sessions"));
        }
    }

    private async Task RecordAsync(string code, string title, bool write, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        string? problem = null;
        if ((int)response.StatusCode >= 400)
        {
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            problem = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString() : body;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        _outcomes.Add(new Outcome(DateTime.UtcNow, code, title, write, response.StatusCode, problem));
    }
}

/// <summary>
/// The Azure topology with Azure Storage (Azurite: membership and grain state) away for 30 s under the same load: a
/// request whose grain must read or write its state answers 503, retryable, and changes nothing; the silos stay up
/// (membership waits for its table) and serve again once storage is back.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class AzureStorageOutageDrillTests() : DatabaseRestartDrillTests(azure: true)
{
    protected override TimeSpan Outage => TimeSpan.FromSeconds(30);

    protected override string Store => "Azure Storage";

    protected override Task StopStoreAsync() => Drill.Cluster.Azurite!.StopAsync();

    protected override Task StartStoreAsync() => Drill.Cluster.Azurite!.StartAsync();
}
