using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// 10,000 timed sends falling due within a few minutes: urgent sessions in 50 communes, each with 200 delegates who
/// take SMS, starting two hours and a few minutes from now, so that each session's "two hours before" reminder is due
/// a few minutes into the run, the sessions' due times 3.6 s apart over three minutes. Lateness is the time from a
/// reminder's due time to its arrival at the simulated SMSC, to the millisecond; and, as a check, to Kannel accepting
/// it as the platform recorded it (to the second; no delivery reports asked, so the record is not touched again).
/// </summary>
public static class RemindersScenario
{
    private const int CommuneCount = 50;
    private const int Delegates = 200;
    private static readonly TimeSpan FirstDue = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Spread = TimeSpan.FromMinutes(3);

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        await using var kannel = new KannelGateway();
        await kannel.StartAsync();
        await using var silo = new SiloProcess();
        FanoutScenario.UseKannel(silo, kannel, deliveryReports: false);
        silo.Settings["Logging:LogLevel:Default"] = "Warning";
        await silo.StartAsync();
        using var client = Load.Client(silo);
        var country = await Sessions.CommunesAsync(client);
        var communes = Enumerable.Range(0, CommuneCount).Select(i => country[i * country.Count / CommuneCount].Commune).ToArray();

        Console.WriteLine($"{Delegates} delegates in each of {CommuneCount} communes…");
        await Load.ClosedLoopAsync(CommuneCount, 4, c => ImportDelegatesAsync(client, communes[c], c));

        Console.WriteLine($"{CommuneCount} urgent sessions, their reminders due from {FirstDue.TotalSeconds} s to {(FirstDue + Spread).TotalSeconds} s from now…");
        var now = DateTimeOffset.UtcNow;
        var sessions = new string[CommuneCount];
        var due = new DateTimeOffset[CommuneCount];
        for (var c = 0; c < CommuneCount; c++)
        {
            var startsAt = (now + TimeSpan.FromHours(2) + FirstDue + Spread * c / CommuneCount).ToOffset(TimeSpan.FromHours(7));
            startsAt = startsAt.AddTicks(-(startsAt.Ticks % TimeSpan.TicksPerSecond)); // a session starts on a whole second
            sessions[c] = await Sessions.ScheduleAsync(client, communes[c], Urgent(startsAt));
            due[c] = startsAt - TimeSpan.FromHours(2);
        }

        var total = CommuneCount * Delegates;
        var giveUpAt = now + FirstDue + Spread + TimeSpan.FromMinutes(5);
        List<TimeSpan> lateness;
        while (true)
        {
            lateness = [];
            for (var c = 0; c < CommuneCount; c++)
            {
                lateness.AddRange(await RemindersSentAsync(client, communes[c], sessions[c], due[c]));
            }

            if (lateness.Count >= total)
            {
                break;
            }

            Require.That(DateTimeOffset.UtcNow < giveUpAt, $"Only {lateness.Count} of {total} reminders sent five minutes after the last was due.");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Require.That(lateness.Count == total, $"{lateness.Count} reminders sent, not {total}: some delegate was reminded twice.");
        var recorded = new Latencies();
        lateness.ForEach(recorded.Add);

        // At the simulated SMSC: each reminder by its text ("Nhắc lịch", or without diacritics by policy), its
        // session from the number it went to (09 ccc iiiii: commune c, delegate i).
        var atSmsc = new Latencies();
        await WaitAsync(() => Reminders(kannel).Count() >= total, "the simulated SMSC receiving every reminder");
        var arrivals = Reminders(kannel).ToList();
        Require.That(arrivals.Count == total && arrivals.Select(r => r.To).Distinct().Count() == total,
            $"The simulated SMSC has {arrivals.Count} reminders for {arrivals.Select(r => r.To).Distinct().Count()} numbers, not {total}.");
        foreach (var sms in arrivals)
        {
            var c = int.Parse(sms.To[^8..^5], CultureInfo.InvariantCulture);
            atSmsc.Add(sms.At - due[c]);
        }

        var early = arrivals.Count(r => r.At < due[int.Parse(r.To[^8..^5], CultureInfo.InvariantCulture)]);
        var peerRows = arguments.Peers ? await PeersAsync(kannel, atSmsc) : [];
        return new BenchmarkReport("reminders", $"Embedded default (SQLite), one silo, Release; Kannel with fakesmsc; {CommuneCount} urgent sessions × {Delegates} " +
            $"delegates, reminders due {Spread.TotalMinutes:0} minutes apart in all, {Delegates} at a time; the sessions' {total} invitations go out first. " +
            $"Peers (after the platform; configurations in BENCHMARKS.md, Peers): the same {total} SMS as timed jobs, {CommuneCount} groups of {Delegates} " +
            $"due at the same times relative to their start, in the harness's process, {Peers.PeerRun.Workers} jobs at a time, after {Peers.PeerRun.WarmUp} jobs due at once (not counted).",
        [
            new("reminders", total, "SMS"),
            new("lateness p50 (due → at the simulated SMSC)", atSmsc.Percentile(50), "ms"),
            new("lateness p95", atSmsc.Percentile(95), "ms"),
            new("lateness p99", atSmsc.Percentile(99), "ms"),
            new("lateness max", atSmsc.Percentile(100), "ms"),
            new("arrived before due", early, "SMS"),
            new("lateness p99, due → accepted by Kannel as recorded (to the second)", recorded.Percentile(99), "ms"),
            .. peerRows,
        ],
        ["Target (issue 7): reminders ≤ 2 s late at p99."]);
    }

    /// <summary>
    /// The same reminders as timed jobs in the libraries a team would pick instead (Peers/), each on its durable
    /// store: each one's lateness, and the platform's p50 and p99 against it (below 1: the platform is less late).
    /// </summary>
    private static async Task<List<Measurement>> PeersAsync(KannelGateway kannel, Latencies platform)
    {
        var plan = new Peers.PeerReminders.Plan(CommuneCount, Delegates, FirstDue, Spread);
        List<Measurement> rows = [];
        using var target = Peers.PeerSms.Use(kannel, reports: null);
        Console.WriteLine($"peer: {plan.Groups * plan.PerGroup} reminders as Hangfire scheduled jobs on SQLite…");
        Add("Hangfire 1.8 on SQLite", await Peers.HangfirePeer.OnSqliteAsync((peer, store) => Peers.HangfirePeer.RemindersAsync(peer, store, kannel, plan)));
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        Console.WriteLine($"peer: {plan.Groups * plan.PerGroup} reminders as Hangfire scheduled jobs on PostgreSQL…");
        Add("Hangfire 1.8 on PostgreSQL", await Peers.HangfirePeer.OnPostgresAsync(postgres, (peer, store) => Peers.HangfirePeer.RemindersAsync(peer, store, kannel, plan)));
        Console.WriteLine($"peer: {plan.Groups * plan.PerGroup} reminders as Quartz triggers on PostgreSQL…");
        Add("Quartz 4.7 on PostgreSQL", await Peers.QuartzPeer.OnPostgresAsync(postgres, (peer, scheduler) => Peers.QuartzPeer.RemindersAsync(peer, scheduler, kannel, plan)));
        Console.WriteLine($"peer: {plan.Groups * plan.PerGroup} reminders as Orleans reminders on PostgreSQL…");
        Add("Orleans 10 reminders on PostgreSQL", await Peers.OrleansReminderPeer.RemindersAsync(postgres, kannel, plan));
        return rows;

        void Add(string peer, Peers.PeerReminders.Result result)
        {
            rows.Add(new($"peer: {peer}, lateness p50", result.AtSmsc.Percentile(50), "ms"));
            rows.Add(new($"peer: {peer}, lateness p99", result.AtSmsc.Percentile(99), "ms"));
            rows.Add(new($"peer: {peer}, arrived before due", result.Early, "SMS"));
            rows.Add(new($"peer: {peer}, creating its {plan.Groups * plan.PerGroup} jobs", result.Creating.TotalSeconds, "s"));
            rows.Add(new($"ratio platform / {peer}, lateness p50", platform.Percentile(50) / result.AtSmsc.Percentile(50), ""));
            rows.Add(new($"ratio platform / {peer}, lateness p99", platform.Percentile(99) / result.AtSmsc.Percentile(99), ""));
        }
    }

    private static IEnumerable<ReceivedSms> Reminders(KannelGateway kannel) =>
        kannel.Received.Where(r => r.Text.Contains("nhắc Ông/Bà", StringComparison.Ordinal) || r.Text.Contains("nhac Ong/Ba", StringComparison.Ordinal));

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var giveUpAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            Require.That(DateTimeOffset.UtcNow < giveUpAt, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    private static string Urgent(DateTimeOffset startsAt) => $$"""
        {"kind": "urgent", "form": "in-person", "title": "Đối thoại khẩn về sạt lở bờ sông",
         "startsAt": "{{startsAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}", "durationMinutes": 90,
         "venue": "Nhà văn hóa thôn ven sông", "urgentReason": "Sạt lở bờ sông đe dọa nhà dân, cần thống nhất phương án di dời"}
        """;

    private static async Task ImportDelegatesAsync(HttpClient client, string commune, int c)
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < Delegates; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Trần Thị Bình {i},đại biểu,Thôn {i % 5 + 1},09{c:D3}{i:D5},,có,không\n");
        }

        using var response = await client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Require.That(response.IsSuccessStatusCode && report.GetProperty("rejected").GetInt32() == 0, $"The delegates' import failed: {report}");
    }

    /// <summary>For each reminder of the session recorded sent: how late it went (sent time minus due time).</summary>
    private static async Task<List<TimeSpan>> RemindersSentAsync(HttpClient client, string commune, string session, DateTimeOffset due)
    {
        var sent = new List<TimeSpan>();
        for (var page = 1; ; page++)
        {
            var report = await client.GetFromJsonAsync<JsonElement>($"/api/communes/{commune}/sessions/{session}/deliveries?channel=sms&page={page}&pageSize=500");
            var items = report.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                if (item.GetProperty("notice").GetString()!.StartsWith("reminder-", StringComparison.Ordinal) && item.GetProperty("status").GetString() == "sent")
                {
                    var dueAt = item.GetProperty("dueAt").GetDateTimeOffset();
                    Require.That(dueAt == due, $"A reminder of {commune}/{session} is due at {dueAt:O}, not two hours before the start ({due:O}).");
                    sent.Add(item.GetProperty("updatedAt").GetDateTimeOffset() - dueAt);
                }
            }

            if (items.GetArrayLength() < 500)
            {
                return sent;
            }
        }
    }
}
