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

    [Fact]
    public async Task Requests_fail_with_a_retryable_503_while_the_database_restarts_and_succeed_again_without_restarting_a_silo()
    {
        var communes = ClusterDrill.Communes(30);
        var pids = _drill.Cluster.Silos.Select(s => s.ProcessId).ToList();
        using var stop = new CancellationTokenSource();
        var officers = new OfficerLoad(_drill, communes, Workers);
        var load = officers.RunAsync(stop.Token);

        await Eventually.ReachedAsync(() => Task.FromResult(officers.Outcomes.Count(o => o.Status == HttpStatusCode.Created)), n => n >= 20,
            TimeSpan.FromMinutes(1), "load running");
        var down = DateTime.UtcNow;
        await StopStoreAsync();
        await Task.Delay(Outage, TestContext.Current.CancellationToken); // the outage itself: nothing to wait for but time
        await StartStoreAsync();
        var back = DateTime.UtcNow;
        await Eventually.ReachedAsync(() => Task.FromResult(officers.Outcomes.Count(o => o.At > back && o.Status == HttpStatusCode.Created)), n => n >= 30,
            TimeSpan.FromMinutes(2), "writes succeeding again");
        await stop.CancelAsync();
        await load;

        var outcomes = officers.Outcomes;
        officers.AssertOnlyRightAnswers();
        var refused = outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        var lastRefused = refused.Max(o => o.At);

        // No silo was restarted, and each answers its health check.
        Assert.Equal(pids, _drill.Cluster.Silos.Select(s => s.ProcessId).ToList());
        foreach (var client in _drill.Clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Get("/health")).StatusCode);
        }

        // What was answered 201 is stored; what was answered 503 "nothing changed" is not.
        var stored = await officers.AssertStoredAsAnsweredAsync(down);
        var unknown = outcomes.Where(o => o.Write && o.Problem == OfficerLoad.OutcomeUnknown).ToList();

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
