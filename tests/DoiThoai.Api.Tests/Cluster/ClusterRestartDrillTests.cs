using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// The whole cluster goes down at once (every silo SIGKILLed, as in a power cut) with a reminder to the delegates
/// about to fall due, and comes back after that moment has passed. Sessions, contacts and delivery records are as they
/// were, and the missed reminder goes out on recovery, once per delegate: missed times are caught up, not dropped.
/// On the cluster back, a token revoked on one silo is refused by another within seconds.
/// </summary>
[Collection(ClusterDrills.Name)]
public class ClusterRestartDrillTests : IAsyncLifetime
{
    private const int Residents = 290;
    private const int Delegates = 10;

    private readonly ClusterDrill _drill;

    public ClusterRestartDrillTests()
        : this(azure: false)
    {
    }

    protected ClusterRestartDrillTests(bool azure) => _drill = new ClusterDrill(azure: azure);

    /// <summary>The topology the drill's figures are reported for.</summary>
    protected virtual string Topology => "PostgreSQL";

    public ValueTask InitializeAsync() => new(_drill.StartAsync());

    public ValueTask DisposeAsync() => _drill.DisposeAsync();

    [Fact]
    public async Task After_a_whole_cluster_restart_everything_is_there_and_the_reminder_missed_while_down_goes_out_once()
    {
        var code = ClusterDrill.Communes(1)[0];
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < Residents + Delegates; i++)
        {
            var role = i < Delegates ? "đại biểu" : "người dân";
            csv.Append(CultureInfo.InvariantCulture, $"Trần Thị Mai {i},{role},Tổ dân phố {i % 5 + 1},{ClusterDrill.Mobile(0, i)},{ClusterDrill.Email(0, i)},có,có\n");
        }

        await (await _drill.Client.PostAsync($"/api/communes/{code}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);

        // Delegates are reminded two hours before the start: that moment is 50 seconds from now.
        var now = DateTimeOffset.UtcNow;
        var startsAt = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddHours(2).AddSeconds(50);
        var reminderDue = startsAt.AddHours(-2);
        var id = await _drill.ScheduleUrgentAsync(code, startsAt);
        await Eventually.ReachedAsync(() => _drill.TallyAsync(code, id),
            t => t is not null && t["email"].Done == Residents + Delegates && t["sms"].Delivered == Residents + Delegates,
            TimeSpan.FromMinutes(1), "invitations and announcements out");

        var before = await SnapshotAsync(code, id);

        // The session's timed work waits in Quartz's tables in PostgreSQL (its preparation checks), its notices' job done.
        var jobs = await QuartzJobsAsync($"{code}/{id}");
        Assert.Contains("preparation-checks", jobs);
        Assert.DoesNotContain(jobs, j => j.StartsWith("notices-", StringComparison.Ordinal));
        var reminders = before.Rows.Where(r => r.Notice.StartsWith("reminder-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Delegates, reminders.Count);
        Assert.All(reminders, r => Assert.Equal("pending", r.Status));
        Assert.True(DateTimeOffset.UtcNow < reminderDue, "The cluster must go down before the reminder is due.");

        await _drill.Cluster.KillAllAsync();
        var downAt = DateTime.UtcNow;
        var textsBefore = _drill.Kannel.Received.Count;
        await WaitUntilAsync(reminderDue.AddSeconds(5)); // the reminder falls due while nothing runs
        Assert.Equal(textsBefore, _drill.Kannel.Received.Count);

        var restart = DateTime.UtcNow;
        await _drill.Cluster.StartAllAsync();
        var up = DateTime.UtcNow - restart;
        await Eventually.ReachedAsync(() => _drill.TallyAsync(code, id), t => t is not null && t["sms"].Delivered == Residents + 2 * Delegates,
            TimeSpan.FromMinutes(2), "the missed reminder delivered");
        var caughtUp = DateTime.UtcNow - restart;

        var after = await SnapshotAsync(code, id);
        Assert.Equal(jobs, await QuartzJobsAsync($"{code}/{id}")); // the jobs survived the power cut
        Assert.Equal(before.Sessions, after.Sessions);
        Assert.Equal(before.Contacts, after.Contacts);
        Assert.Equal(
            before.Rows.Where(r => !r.Notice.StartsWith("reminder-", StringComparison.Ordinal)),
            after.Rows.Where(r => !r.Notice.StartsWith("reminder-", StringComparison.Ordinal)));
        Assert.All(after.Rows.Where(r => r.Notice.StartsWith("reminder-", StringComparison.Ordinal)), r => Assert.Equal("delivered", r.Status));

        // Each delegate: the announcement, then exactly one reminder.
        var byNumber = _drill.Kannel.Received.GroupBy(m => ClusterDrill.Last9(m.To)).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < Residents + Delegates; i++)
        {
            Assert.Equal(i < Delegates ? 2 : 1, byNumber[ClusterDrill.Last9(ClusterDrill.Mobile(0, i))]);
        }

        TestContext.Current.SendDiagnosticMessage(
            $"Cluster restart drill ({Topology}): all silos down {(restart - downAt).TotalSeconds:F0} s, the reminder fell due meanwhile; " +
            $"3 silos healthy {up.TotalSeconds:F0} s after start; the missed reminder delivered to {Delegates} delegates {caughtUp.TotalSeconds:F0} s after start; " +
            $"lost 0, sent twice 0; {_drill.RetriedReads} reads answered a retryable 503 first.");

        // A token revoked on one silo: refused there at once, and on the others within seconds (each refreshes its list).
        var province = (await (await _drill.Client.Get($"/api/communes/{code}")).JsonAsync(HttpStatusCode.OK)).Str("provinceCode");
        var issued = await (await _drill.Client.PostAsJsonAsync("/api/tokens",
            new { name = "Lê Văn Tâm", role = "commune-officer", commune = code, validDays = 1 }, TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        using var elsewhere = _drill.Cluster.Silos[2].CreateClient(token: issued.Str("token"));
        using var here = _drill.Cluster.Silos[0].CreateClient(token: issued.Str("token"));
        await (await elsewhere.Get($"/api/communes/{code}/sessions")).JsonAsync(HttpStatusCode.OK);
        await (await _drill.Client.PostAsync($"/api/provinces/{province}/tokens/{issued.Str("id")}/revoke", null, TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var revokedAt = DateTime.UtcNow;
        await (await here.Get($"/api/communes/{code}/sessions")).ProblemAsync(HttpStatusCode.Unauthorized);
        await Eventually.ReachedAsync(async () => (await elsewhere.Get($"/api/communes/{code}/sessions")).StatusCode, status => status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the revoked token refused by another silo");
        TestContext.Current.SendDiagnosticMessage($"{Topology}: a revoked token refused by another silo {(DateTime.UtcNow - revokedAt).TotalSeconds:F1} s after its revocation.");
    }

    private sealed record Row(string Notice, string RecipientId, string Channel, string Status);

    private sealed record Snapshot(string Sessions, string Contacts, List<Row> Rows);

    private async Task<Snapshot> SnapshotAsync(string code, string id)
    {
        var sessions = await _drill.ReadAsync($"/api/communes/{code}/sessions");
        var contacts = await _drill.ReadAsync($"/api/communes/{code}/contacts?pageSize=200") + await _drill.ReadAsync($"/api/communes/{code}/contacts?page=2&pageSize=200");
        var rows = (await _drill.RowsAsync(code, id))
            .Select(r => new Row(r.Str("notice"), r.Str("recipientId"), r.Str("channel"), r.Str("status")))
            .OrderBy(r => (r.Notice, r.RecipientId, r.Channel))
            .ToList();
        return new Snapshot(sessions, contacts, rows);
    }

    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<string>> QuartzJobsAsync(string sessionKey)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_drill.Cluster.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT job_name FROM qrtz_job_details WHERE job_group = @group ORDER BY job_name", connection);
        command.Parameters.AddWithValue("group", sessionKey);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>The same power cut on the Azure topology: membership and grain state in Azure Storage (Azurite), the rest in PostgreSQL.</summary>
[Collection(ClusterDrills.Name)]
public sealed class AzureClusterRestartDrillTests() : ClusterRestartDrillTests(azure: true)
{
    protected override string Topology => "Azure Storage";
}
