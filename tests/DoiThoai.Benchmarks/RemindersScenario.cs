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
/// reminder's due time to Kannel accepting it, as the platform recorded it (no delivery reports asked, so the record
/// is not touched again).
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
        for (var c = 0; c < CommuneCount; c++)
        {
            var startsAt = (now + TimeSpan.FromHours(2) + FirstDue + Spread * c / CommuneCount).ToOffset(TimeSpan.FromHours(7));
            sessions[c] = await Sessions.ScheduleAsync(client, communes[c], Urgent(startsAt));
        }

        var total = CommuneCount * Delegates;
        var giveUpAt = now + FirstDue + Spread + TimeSpan.FromMinutes(5);
        List<TimeSpan> lateness;
        while (true)
        {
            lateness = [];
            foreach (var (commune, session) in communes.Zip(sessions))
            {
                lateness.AddRange(await RemindersSentAsync(client, commune, session));
            }

            if (lateness.Count >= total)
            {
                break;
            }

            Require.That(DateTimeOffset.UtcNow < giveUpAt, $"Only {lateness.Count} of {total} reminders sent five minutes after the last was due.");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Require.That(lateness.Count == total, $"{lateness.Count} reminders sent, not {total}: some delegate was reminded twice.");
        var latencies = new Latencies();
        lateness.ForEach(latencies.Add);
        return new BenchmarkReport("reminders", $"Embedded default (SQLite), one silo, Release; Kannel with fakesmsc; {CommuneCount} urgent sessions × {Delegates} " +
            $"delegates, reminders due {Spread.TotalMinutes:0} minutes apart in all, {Delegates} at a time; the sessions' {total} invitations go out first.",
        [
            new("reminders", total, "SMS"),
            new("lateness p50 (due → accepted by Kannel)", latencies.Percentile(50), "ms"),
            new("lateness p95", latencies.Percentile(95), "ms"),
            new("lateness p99", latencies.Percentile(99), "ms"),
            new("lateness max", latencies.Percentile(100), "ms"),
            new("sent before due", lateness.Count(l => l < TimeSpan.Zero), "SMS"),
        ],
        ["Target (issue 7): reminders ≤ 2 s late at p99."]);
    }

    private static string Urgent(DateTimeOffset startsAt) => $$"""
        {"kind": "urgent", "form": "in-person", "title": "Đối thoại khẩn về sạt lở bờ sông",
         "startsAt": "{{startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture)}}", "durationMinutes": 90,
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
    private static async Task<List<TimeSpan>> RemindersSentAsync(HttpClient client, string commune, string session)
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
                    sent.Add(item.GetProperty("updatedAt").GetDateTimeOffset() - item.GetProperty("dueAt").GetDateTimeOffset());
                }
            }

            if (items.GetArrayLength() < 500)
            {
                return sent;
            }
        }
    }
}
