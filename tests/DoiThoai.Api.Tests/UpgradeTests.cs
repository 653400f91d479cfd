using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Data written by an earlier version of the real program, read by this one. Each fixture is the embedded
/// platform's data folder as that version left it (Fixtures/, with what it holds said in its test).
/// </summary>
public sealed class UpgradeTests
{
    private const string MuongGion = "03694"; // Xã Mường Giôn, Sơn La

    /// <summary>
    /// Written before residents' requests left the commune's calendar for a grain of their own: Mường Giôn holds one
    /// request (DN-2026-001, 180 of 1,500 voters, so a dialogue is owed) in its calendar's state.
    /// </summary>
    [Fact]
    public async Task Residents_requests_kept_in_the_calendar_by_the_earlier_version_are_taken_over_and_still_counted_owed()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "doithoai-upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "before-dialogue-requests-grain", "doithoai.db"), Path.Combine(dataDir, "doithoai.db"));
        try
        {
            await using (var silo = new SiloProcess(dataDir))
            {
                await silo.StartAsync();
                using var client = silo.CreateClient();

                // The province sees the owed dialogue before anyone opens the requests, and after.
                Assert.Equal(1, await OwedAsync(client));
                var requests = await (await client.Get($"/api/communes/{MuongGion}/dialogue-requests")).JsonAsync(HttpStatusCode.OK);
                var request = Assert.Single(requests.EnumerateArray());
                Assert.Equal(("DN-2026-001", "Ô nhiễm nguồn nước suối Nậm La", 180, true), (request.Str("id"), request.Str("subject"),
                    request.GetProperty("signatures").GetInt32(), request.GetProperty("owed").GetBoolean()));
                Assert.Equal(1, await OwedAsync(client));

                // Numbering goes on from the request taken over.
                var next = await (await client.PostJsonAsync($"/api/communes/{MuongGion}/dialogue-requests", """
                    {"subject": "Đường vào bản Nà Tấu sạt lở", "signatures": 200, "voters": 1500, "receivedOn": "2026-11-25"}
                    """)).JsonAsync(HttpStatusCode.Created);
                Assert.Equal("DN-2026-002", next.Str("id"));
                await Eventually.ReachedAsync(() => OwedAsync(client), owed => owed == 2, TimeSpan.FromSeconds(10), "two dialogues owed");
            }

            // Taken over once: after a restart both are there, not three.
            await using (var again = new SiloProcess(dataDir))
            {
                await again.StartAsync();
                using var client = again.CreateClient();
                var requests = await (await client.Get($"/api/communes/{MuongGion}/dialogue-requests")).JsonAsync(HttpStatusCode.OK);
                Assert.Equal(["DN-2026-002", "DN-2026-001"], requests.EnumerateArray().Select(r => r.Str("id")));
                Assert.Equal(2, await OwedAsync(client));
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>
    /// Written before Quartz owned timed work, when the outbox kept it as rows of channel "Plan": Mường Sại (03712)
    /// scheduled its 2027 periodic dialogue and made its notices (their rows sent), leaving its deadline check and twelve
    /// milestone checks waiting (one preparation job now); Sơn La issued an instruction dated 20/12/2026; Quỳnh Nhai (03703) scheduled its own
    /// dialogue while the dispatcher slept, so its five notices were still waiting when the program was killed.
    /// </summary>
    [Fact]
    public async Task Timed_rows_of_the_earlier_version_become_jobs_that_run_and_survive_a_kill()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "doithoai-upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "before-quartz", "doithoai.db"), Path.Combine(dataDir, "doithoai.db"));
        try
        {
            int waiting;
            await using (var silo = new SiloProcess(dataDir))
            {
                await silo.StartAsync();
                using var client = silo.CreateClient();

                // Quỳnh Nhai's notices, due while the program was down, are made as soon as it is back: its officer and
                // four delegates are invited (the e-mail channel is not configured here, so the invitations wait).
                var invitations = await Eventually.ReachedAsync(() => EmailRowsAsync(client, QuynhNhai), rows => rows.Count(r => r == "invitation") == 5,
                    TimeSpan.FromSeconds(60), "Quỳnh Nhai's invitations made from its migrated job");
                Assert.Equal(5, invitations.Count(r => r == "invitation"));

                // Every legacy row has left the outbox; the waiting ones are jobs, at their times.
                await Eventually.ReachedAsync(() => Task.FromResult(PlanRows(dataDir)), n => n == 0, TimeSpan.FromSeconds(30), "plan rows moved");
                var jobs = Jobs(dataDir);
                Assert.Contains(($"{MuongSai}/2026-0001", "deadline-check", new DateTimeOffset(2027, 6, 8, 1, 0, 0, TimeSpan.Zero)), jobs);
                // Its twelve milestone rows are one job, at the earliest (the reminder of 30/05, at 08:00 on 28/05).
                Assert.Contains(($"{MuongSai}/2026-0001", "preparation-checks", new DateTimeOffset(2027, 5, 28, 1, 0, 0, TimeSpan.Zero)), jobs);
                Assert.Contains(jobs, j => j.Subject == $"{QuynhNhai}/2026-0001" && j.Name == "deadline-check"); // planned by its invitation job
                Assert.DoesNotContain(jobs, j => j.Name.StartsWith("notices-", StringComparison.Ordinal)); // the notices ran and are done

                // Mường Sại's notices were made by the earlier version: it sent nothing twice.
                Assert.Equal(5, (await EmailRowsAsync(client, MuongSai)).Count(r => r == "invitation"));

                // Sơn La's instruction, kept by the earlier version in the province's oversight grain, is taken over by its
                // instructions grain, and its dated reminders are planned.
                var instructions = await (await client.Get("/api/provinces/14/instructions")).JsonAsync(HttpStatusCode.OK);
                var instruction = Assert.Single(instructions.EnumerateArray());
                Assert.Equal(("CD-2026-001", "2026-12-20"), (instruction.Str("id"), instruction.Str("periodicBy")));
                Assert.Contains(Jobs(dataDir), j => j.Subject == "province/14" && j.Name == "periodic-dialogue-reminders");
                waiting = Jobs(dataDir).Count;
                await silo.KillAsync();
            }

            // Killed (SIGKILL) and started again: the jobs are still there, and readiness counts them.
            await using (var again = new SiloProcess(dataDir))
            {
                await again.StartAsync();
                using var client = again.CreateClient();
                Assert.Equal(waiting, Jobs(dataDir).Count);
                var ready = await (await client.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
                Assert.Equal($"Bộ hẹn giờ đang chạy; {waiting} việc đang chờ.", ready.GetProperty("checks").GetProperty("jobs").Str("description"));

                // Moving Mường Sại's session moves its deadline check with it, and tells everyone once.
                var moved = await (await client.PostJsonAsync($"/api/communes/{MuongSai}/sessions/2026-0001/reschedule", """
                    {"startsAt": "2027-06-23T08:00:00+07:00", "reason": "Trùng lịch họp Hội đồng nhân dân tỉnh"}
                    """)).JsonAsync(HttpStatusCode.OK);
                var deadline = moved.GetProperty("noticeDeadline").GetDateTimeOffset();
                await Eventually.ReachedAsync(() => Task.FromResult(Jobs(dataDir)), j => j.Any(x => x.Subject == $"{MuongSai}/2026-0001" && x.Name == "deadline-check" && x.At < deadline && x.At > deadline.AddDays(-2)),
                    TimeSpan.FromSeconds(30), "the deadline check moved");
                var rows = await Eventually.ReachedAsync(() => EmailRowsAsync(client, MuongSai), r => r.Count(n => n == "rescheduled-1") == 5, TimeSpan.FromSeconds(30), "the change told");
                Assert.Equal(5, rows.Count(r => r == "invitation"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private const string MuongSai = "03712";
    private const string QuynhNhai = "03703";

    private static async Task<List<string>> EmailRowsAsync(HttpClient client, string commune)
    {
        var report = await (await client.Get($"/api/communes/{commune}/sessions/2026-0001/deliveries?channel=email&pageSize=100")).JsonAsync(HttpStatusCode.OK);
        return [.. report.GetProperty("items").EnumerateArray().Select(i => i.Str("notice"))];
    }

    private static int PlanRows(string dataDir)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, "doithoai.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM delivery_outbox WHERE channel = 'Plan'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The jobs waiting in Quartz's tables: what they are about, what they do, when their trigger fires.</summary>
    private static List<(string Subject, string Name, DateTimeOffset At)> Jobs(string dataDir)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataDir, "jobs.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT JOB_GROUP, JOB_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE NEXT_FIRE_TIME IS NOT NULL";
        using var reader = command.ExecuteReader();
        var jobs = new List<(string, string, DateTimeOffset)>();
        while (reader.Read())
        {
            jobs.Add((reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
        }

        return jobs;
    }

    private static async Task<int> OwedAsync(HttpClient client)
    {
        var overview = await (await client.Get("/api/provinces/14/overview")).JsonAsync(HttpStatusCode.OK);
        return overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == MuongGion).GetProperty("dialogueRequestsOwed").GetInt32();
    }
}
