using System.Net;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// The network fails, not a process: PostgreSQL, Kannel and three silos each in a network namespace of their own
/// (a <see cref="NetworkLab"/>), and one link cut silently for 60 s during a 10,000-recipient SMS fan-out while
/// officers keep scheduling and reading on every silo. Then the network heals. Each drill shows that no resident
/// misses the SMS, that a message sent twice is one a cut-off silo or request had in hand (the outbox's leases let no
/// two silos own a message at once), that the API answered only 200/201 or a 503 that says whether anything changed,
/// and what the cluster's membership decided about the cut silo. The figures are printed for the closing note.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class PartitionDrillTests : IAsyncLifetime
{
    private const int CommuneCount = 10;
    private const int People = 1000;
    private const int Residents = CommuneCount * People;
    private const int Workers = 3;
    private static readonly TimeSpan Fault = TimeSpan.FromSeconds(60);

    private NetworkLab? _lab;
    private ClusterDrill? _drill;

    private ClusterDrill Drill => _drill!;

    private NetworkLab Lab => _lab!;

    public async ValueTask InitializeAsync()
    {
        _lab = await NetworkLab.CreateAsync("postgres", "kannel", SiloCluster.SiloHost(1), SiloCluster.SiloHost(2), SiloCluster.SiloHost(3));
        try
        {
            _drill = new ClusterDrill(lab: _lab);
            await _drill.StartAsync();
        }
        catch
        {
            await _lab.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_drill is not null)
        {
            await _drill.DisposeAsync();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_silo_cut_from_the_other_silos_but_not_from_PostgreSQL_loses_nothing_and_the_cluster_decides_its_fate()
    {
        await DrillAsync("silo 3 cut from silos 1 and 2 (PostgreSQL and Kannel still reachable)", cutSilo: 2, bound: ClusterDrill.SmsInHandPerSilo, async () =>
        {
            await Lab.CutAsync(SiloCluster.SiloHost(3), SiloCluster.SiloHost(1));
            await Lab.CutAsync(SiloCluster.SiloHost(3), SiloCluster.SiloHost(2));
        });
    }

    [Fact]
    public async Task The_SMS_gateway_cut_from_every_silo_loses_nothing_and_everything_is_delivered_after_healing()
    {
        // Every silo may have its requests on the way to Kannel when it goes silent: Kannel may have taken them and
        // its answers been lost. What a silo sends after that is given up before its lease ends, never sent late.
        await DrillAsync("Kannel cut from every silo", cutSilo: null, bound: 3 * ClusterDrill.SmsInFlightPerSilo, () => Lab.IsolateAsync("kannel"));
    }

    private async Task DrillAsync(string fault, int? cutSilo, int bound, Func<Task> cut)
    {
        var communes = ClusterDrill.Communes(CommuneCount + Workers);
        var fanout = communes.Take(CommuneCount).ToList();
        for (var c = 0; c < CommuneCount; c++)
        {
            await Drill.ImportResidentsAsync(c, fanout[c], People, Drill.ClientFor(c));
        }

        using var stop = new CancellationTokenSource();
        var officers = new OfficerLoad(Drill, [.. communes.Skip(CommuneCount)], Workers);
        var load = officers.RunAsync(stop.Token);

        var startsAt = DateTimeOffset.UtcNow.AddHours(3);
        var sessions = new List<string>();
        for (var c = 0; c < CommuneCount; c++)
        {
            sessions.Add(await Drill.ScheduleUrgentAsync(fanout[c], startsAt, Drill.ClientFor(c)));
        }

        await Eventually.ReachedAsync(() => Task.FromResult(Drill.Kannel.Received.Count), n => n >= Residents / 4, TimeSpan.FromMinutes(3), "a quarter of the SMS sent");
        var atCut = Drill.Kannel.Received.Count;
        var cutAt = DateTime.UtcNow;
        await cut();

        // The fault lasts its time; meanwhile, note when (if) the cut silo stops.
        DateTime? stoppedAt = null;
        while (DateTime.UtcNow - cutAt < Fault)
        {
            if (cutSilo is { } k && stoppedAt is null && Drill.Cluster.Silos[k].Exited)
            {
                stoppedAt = DateTime.UtcNow;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var duringCut = Drill.Kannel.Received.Count - atCut;
        await Lab.HealAsync();
        var healedAt = DateTime.UtcNow;

        // What the cluster decided about the cut silo: declared dead, it stops itself (during the cut, or once it
        // reads its fate after healing), and an orchestrator starts it again; or it stays a member.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var restarted = false;
        string seen;
        while (true)
        {
            if (cutSilo is { } k && Drill.Cluster.Silos[k].Exited)
            {
                stoppedAt ??= DateTime.UtcNow;
                await Drill.Cluster.StartSiloAsync(k);
                restarted = true;
            }

            seen = await MembershipAsync();
            if (Active(seen) == 3 && !(cutSilo is { } c && Drill.Cluster.Silos[c].Exited))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The cluster did not converge on three active silos after healing: {seen}");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        var membership = cutSilo is not { } cut1 ? "every silo stayed a member"
            : restarted ? $"silo {cut1 + 1} was declared dead by the others and stopped itself {(stoppedAt!.Value - cutAt).TotalSeconds:F0} s after the cut began ({(stoppedAt.Value > healedAt ? "after" : "before")} healing); started again, as an orchestrator would, it joined as a new member"
            : $"silo {cut1 + 1} stayed a member throughout (not declared dead)";
        membership += $"; membership converged on 3 active silos {(DateTime.UtcNow - healedAt).TotalSeconds:F0} s after healing";

        // Every resident gets the SMS; every message is handed over (none left pending), and its delivery report recorded.
        var numbers = fanout.Select((_, c) => Enumerable.Range(0, People).Select(i => ClusterDrill.Last9(ClusterDrill.Mobile(c, i)))).SelectMany(n => n).ToHashSet();
        await Eventually.ReachedAsync(async () => (Received: Drill.Kannel.Received.Select(m => ClusterDrill.Last9(m.To)).Where(numbers.Contains).Distinct().Count(), Tallies: await TalliesAsync(fanout, sessions)),
            seen => seen.Received == Residents, TimeSpan.FromMinutes(4), "every resident's SMS at the SMSC");
        var allReceived = DateTime.UtcNow - healedAt;
        for (var c = 0; c < CommuneCount; c++)
        {
            var (code, id) = (fanout[c], sessions[c]);
            await Eventually.ReachedAsync(() => Drill.TallyAsync(code, id), t => t is not null && t["sms"].Delivered == People,
                TimeSpan.FromMinutes(3), $"every SMS of {code} recorded delivered");
        }

        var allRecorded = DateTime.UtcNow - healedAt;
        await stop.CancelAsync();
        await load;

        var byNumber = Drill.Kannel.Received.GroupBy(m => ClusterDrill.Last9(m.To)).Where(g => numbers.Contains(g.Key)).ToDictionary(g => g.Key, g => g.Count());
        var twice = byNumber.Values.Sum(n => n - 1);
        Assert.InRange(twice, 0, bound);

        officers.AssertOnlyRightAnswers();
        var stored = await officers.AssertStoredAsAnsweredAsync(cutAt);
        var outcomes = officers.Outcomes;
        var during = outcomes.Where(o => o.At >= cutAt && o.At <= healedAt).ToList();
        var refused = during.Count(o => o.Status == HttpStatusCode.ServiceUnavailable);
        var unknown = outcomes.Where(o => o.Problem == OfficerLoad.OutcomeUnknown).ToList();

        TestContext.Current.SendDiagnosticMessage(
            $"Partition drill, {fault}, {Fault.TotalSeconds:F0} s during a {Residents}-recipient SMS fan-out: {atCut} SMS out before the cut, {duringCut} during it; " +
            $"lost 0, sent twice {twice} (bound {bound}); every SMS at the SMSC {allReceived.TotalSeconds:F0} s and every delivery recorded {allRecorded.TotalSeconds:F0} s after healing; " +
            $"API during the cut: {during.Count} requests, {during.Count(o => o.Status is HttpStatusCode.OK or HttpStatusCode.Created)} answered, {refused} answered 503; " +
            $"in the whole drill {unknown.Count} writes answered 503 outcome unknown ({unknown.Count(o => stored.Contains(o.Title))} of them stored), {officers.CutOff.Count()} requests cut off by their silo stopping, none wrong; " +
            $"{membership}.");
    }

    /// <summary>Each commune's SMS tally, as the operator's deliveries view shows it, for a drill that fails.</summary>
    private async Task<string> TalliesAsync(List<string> communes, List<string> sessions)
    {
        var lines = new List<string>();
        for (var c = 0; c < communes.Count; c++)
        {
            lines.Add($"{communes[c]}: {(await Drill.TallyAsync(communes[c], sessions[c]))?["sms"].ToString() ?? "503"}");
        }

        return string.Join("; ", lines);
    }

    /// <summary>
    /// The cluster's membership as a live silo sees it ("silo-1 Active, silo-3 Dead, …"), with the silos whose process
    /// has stopped; empty while no silo answers.
    /// </summary>
    private async Task<string> MembershipAsync()
    {
        var live = Enumerable.Range(0, Drill.Clients.Count).Where(k => !Drill.Cluster.Silos[k].Exited).ToList();
        var stopped = Enumerable.Range(0, Drill.Clients.Count).Except(live).Select(k => $"silo {k + 1} stopped");
        foreach (var k in live)
        {
            using var response = await Drill.Clients[k].Get("/api/cluster/silos");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var silos = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
                return string.Join(", ", silos.EnumerateArray().Select(s => $"{s.Str("name")} {s.Str("status")}").Concat(stopped));
            }
        }

        return string.Join(", ", stopped);
    }

    private static int Active(string membership) => membership.Split(", ").Count(m => m.EndsWith(" Active", StringComparison.Ordinal));
}
