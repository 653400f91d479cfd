using System.Diagnostics;
using System.Globalization;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// The `reminders` scenario for a peer: timed jobs in groups (a session's delegates), each group due at its own
/// time, the groups spread over a few minutes, each job one SMS (<see cref="PeerSms.SendAsync"/>, numbers from
/// 1,000,000). Lateness is the time from a job's due time to its arrival at the simulated SMSC, as the platform's.
/// The jobs are all created before the first falls due: the first due time leaves twice the time the warm-up's rate
/// says creating them takes, and at least what the platform's run leaves.
/// </summary>
public static class PeerReminders
{
    private const int FirstNumber = 1_000_000;

    /// <param name="schedule">Creates the job of the given number, due at the given time, in the peer's store.</param>
    public static async Task<Result> RunAsync(string peer, KannelGateway kannel, Plan plan, Func<int, DateTimeOffset, Task> schedule)
    {
        var (groups, perGroup, firstDue, spread) = plan;
        // Warm-up, not counted: jobs due now, until the SMSC has them.
        var before = kannel.Received.Count;
        var clock = Stopwatch.StartNew();
        await PeerRun.CreateAsync(0, PeerRun.WarmUp, i => schedule(i, DateTimeOffset.UtcNow));
        var perJob = clock.Elapsed / PeerRun.WarmUp;
        await FanoutScenario.WaitAsync(() => kannel.Received.Count >= before + PeerRun.WarmUp, TimeSpan.FromMinutes(5), peer + "'s warm-up at the SMSC");

        var total = groups * perGroup;
        var start = DateTimeOffset.UtcNow;
        var first = start + TimeSpan.FromTicks(Math.Max(firstDue.Ticks, 2 * perJob.Ticks * total));
        var due = new DateTimeOffset[total];
        for (var n = 0; n < total; n++)
        {
            var group = n / perGroup;
            var at = first + spread * group / groups;
            due[n] = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
        }

        before = kannel.Received.Count;
        clock.Restart();
        await PeerRun.CreateAsync(0, total, n => schedule(FirstNumber + n, due[n]));
        var creating = clock.Elapsed;
        Require.That(DateTimeOffset.UtcNow < due.Min(), $"{peer}: creating {total} jobs took {creating.TotalSeconds:0} s, past the first due time.");

        var lastDue = due.Max();
        await FanoutScenario.WaitAsync(() => kannel.Received.Count >= before + total, lastDue - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(10), peer + "'s reminders at the SMSC");
        var arrivals = kannel.Received.Skip(before).ToList();
        var numbers = arrivals.Select(a => int.Parse(a.To[^7..], CultureInfo.InvariantCulture) - FirstNumber).ToList();
        Require.That(arrivals.Count == total && numbers.Distinct().Count() == total && numbers.All(n => n is >= 0 && n < total),
            $"{peer}: the simulated SMSC has {arrivals.Count} messages for {numbers.Distinct().Count()} of the {total} jobs.");
        var lateness = new Latencies();
        var early = 0;
        for (var i = 0; i < arrivals.Count; i++)
        {
            var late = arrivals[i].At - due[numbers[i]];
            lateness.Add(late);
            early += late < TimeSpan.Zero ? 1 : 0;
        }

        return new Result(lateness, early, creating);
    }

    /// <summary>Groups of jobs due at the same time, the first group after <paramref name="FirstDue"/>, the groups <paramref name="Spread"/> apart in all.</summary>
    public sealed record Plan(int Groups, int PerGroup, TimeSpan FirstDue, TimeSpan Spread);

    /// <summary>Each job's lateness at the SMSC, how many arrived before due, and how long creating them took.</summary>
    public sealed record Result(Latencies AtSmsc, int Early, TimeSpan Creating);
}
