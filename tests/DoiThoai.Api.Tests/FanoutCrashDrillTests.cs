using System.Globalization;
using System.Net;
using System.Text;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// The platform killed with SIGKILL while it plans and while it sends a fan-out, then started again over the same
/// folder: every consenting address gets its invitation, and any message sent twice is one that was in a sender's
/// hands at the moment of the kill (sent, not yet recorded), at most what the dispatcher claims at once.
/// </summary>
public sealed class FanoutCrashDrillTests : IAsyncLifetime
{
    private const string Commune = "26506"; // Phường Vũng Tàu, Thành phố Hồ Chí Minh
    private const int People = 2000;
    private const int SmtpConnections = 4;

    private readonly SmtpSink _smtp = new();
    private readonly SiloProcess _silo = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _smtp.StartAsync();
        _silo.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _silo.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        _silo.Settings["Email:Smtp:From"] = "UBND phường Vũng Tàu <ubnd@vungtau.gov.vn>";
        _silo.Settings["Email:Smtp:MaxConnections"] = SmtpConnections.ToString(CultureInfo.InvariantCulture);
        _silo.Settings["Delivery:PollInterval"] = "00:00:00.050";
        _silo.Settings["Delivery:Lease"] = "00:00:03"; // what a dead silo held is taken again after this
        _client = _silo.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _silo.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Killed_while_planning_and_while_sending_it_loses_no_invitation_and_repeats_only_what_was_in_flight()
    {
        await _silo.StartAsync();
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\n");
        for (var i = 0; i < People; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Lê Thị Hương {i},người dân,Khu phố {i % 6 + 1},dan{i}@vungtau.vn,có\n");
        }

        var import = await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(People, import.GetProperty("added").GetInt32());

        var startsAt = DateTimeOffset.UtcNow.AddHours(3).ToOffset(TimeSpan.FromHours(7));
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", $$"""
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về sự cố tràn dầu ven biển",
             "startsAt": "{{startsAt:yyyy-MM-dd'T'HH:mm:00zzz}}", "durationMinutes": 90, "venue": "Nhà văn hóa khu phố 2",
             "urgentReason": "Dầu tràn dạt vào bờ biển Bãi Sau, ảnh hưởng hộ kinh doanh"}
            """)).JsonAsync(HttpStatusCode.Created);
        var id = session.Str("id");

        await _silo.KillAsync(); // as the session's notices are being planned
        await _silo.StartAsync();
        await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Count()), sent => sent >= People / 4, TimeSpan.FromSeconds(60), "a quarter sent");
        await _silo.KillAsync(); // in the middle of sending
        var beforeRestart = _smtp.Count();
        await _silo.StartAsync();

        var report = await Eventually.ReachedAsync(
            async () => await (await _client.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=email&pageSize=1")).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("byChannel")[0].GetProperty("sent").GetInt32() == People, TimeSpan.FromSeconds(120), "every invitation recorded sent");
        var tally = report.GetProperty("byChannel")[0];
        Assert.Equal((0, 0, 0), (tally.GetProperty("pending").GetInt32(), tally.GetProperty("failed").GetInt32(), tally.GetProperty("cancelled").GetInt32()));

        var received = _smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToList();
        var duplicates = received.Count - received.Distinct().Count();
        TestContext.Current.SendDiagnosticMessage($"Drill: {beforeRestart} sent before the second kill, {received.Count} received, {duplicates} twice.");
        Assert.Equal(Enumerable.Range(0, People).Select(i => $"dan{i}@vungtau.vn").Order(), received.Distinct().Order());
        Assert.InRange(duplicates, 0, 2 * SmtpConnections * 2); // two kills, each with at most what the dispatcher held
    }
}
