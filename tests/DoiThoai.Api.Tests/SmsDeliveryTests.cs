using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;
using DoiThoai.Grains.Abstractions.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Api.Tests;

/// <summary>
/// SMS announcements through the real Kannel gateway to a simulated SMSC, with delivery reports coming back to the
/// platform's callback over HTTP (the platform listens on a real port for that).
/// </summary>
public sealed class SmsDeliveryTests : IAsyncLifetime
{
    private const string Secret = "dlr-test-secret";

    private readonly KannelGateway _kannel = new();
    private readonly PlatformFactory _platform = new();
    private readonly int _port = Ports.Free();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _kannel.StartAsync();
        _platform.Settings["Sms:Kannel:SendUrl"] = _kannel.SendUrl;
        _platform.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        _platform.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        _platform.Settings["Sms:Kannel:DlrSecret"] = Secret;
        _platform.Settings["Sms:Kannel:DlrUrl"] = $"http://127.0.0.1:{_port}/api/sms/dlr";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _platform.UseKestrel(_port);
        _platform.StartServer();
        _client = _platform.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _kannel.DisposeAsync();
    }

    private async Task<HashSet<string>> ImportAsync(string commune, int people)
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Đồng ý SMS\n");
        var consenting = new HashSet<string>();
        for (var i = 0; i < people; i++)
        {
            var agrees = i % 4 != 0;
            if (agrees)
            {
                consenting.Add($"+849{i:D8}");
            }

            csv.Append($"Người dân {i},người dân,Thôn {i % 4 + 1},09{i:D8},{(agrees ? "có" : "không")}\n");
        }

        var response = await _client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Equal(people, (await response.JsonAsync(HttpStatusCode.OK)).GetProperty("added").GetInt32());
        return consenting;
    }

    private async Task<string> ScheduleAsync(string commune, string venue) => (await (await _client.PostJsonAsync($"/api/communes/{commune}/sessions", $$"""
        {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
         "durationMinutes": 120, "venue": "{{venue}}"}
        """)).JsonAsync(HttpStatusCode.Created)).Str("id");

    private async Task<JsonElement> SmsTallyAsync(string commune, string id)
    {
        var report = await (await _client.Get($"/api/communes/{commune}/sessions/{id}/deliveries?channel=sms")).JsonAsync(HttpStatusCode.OK);
        return report.GetProperty("byChannel").EnumerateArray().FirstOrDefault(t => t.Str("channel") == "sms");
    }

    private static int Count(JsonElement tally, string status) =>
        tally.ValueKind == JsonValueKind.Undefined ? 0 : tally.GetProperty(status).GetInt32();

    [Fact]
    public async Task Every_consenting_phone_gets_exactly_one_SMS_and_its_delivery_report_is_recorded()
    {
        var ready = await (await _client.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("sms").Str("status"));
        var consenting = await ImportAsync("20260", 200);
        var id = await ScheduleAsync("20260", "Hội trường UBND phường");

        await Eventually.ReachedAsync(() => SmsTallyAsync("20260", id), t => Count(t, "delivered") == consenting.Count,
            TimeSpan.FromSeconds(60), $"{consenting.Count} SMS delivered");

        var received = await Eventually.ReachedAsync(() => Task.FromResult(_kannel.Received), r => r.Count >= consenting.Count,
            TimeSpan.FromSeconds(10), "the simulated SMSC's log read");
        Assert.Equal(consenting.Count, received.Count);
        Assert.Equal(consenting.Order(), received.Select(m => m.To).Order());
        Assert.All(received, m => Assert.Equal("UBND", m.From));
        Assert.StartsWith("UBND phuong Cam Le kinh moi Ong/Ba du hoi nghi doi thoai dinh ky \"Doi thoai dinh ky nam 2026\" luc 08:00 ngay 20/11/2026 tai Hoi truong UBND phuong", received[0].Text, StringComparison.Ordinal);

        // The province sees each commune's delivery health, counted by the outbox.
        var overview = await (await _client.Get("/api/provinces/48/overview")).JsonAsync(HttpStatusCode.OK);
        var health = Assert.Single(overview.GetProperty("deliveryHealth").EnumerateArray());
        Assert.Equal(("20260", "Phường Cẩm Lệ"), (health.Str("communeCode"), health.Str("communeName")));
        var smsHealth = health.GetProperty("byChannel").EnumerateArray().Single(c => c.Str("channel") == "sms");
        Assert.Equal((consenting.Count, 0), (smsHealth.GetProperty("delivered").GetInt32(), smsHealth.GetProperty("failed").GetInt32()));

        var page = await (await _client.Get($"/api/communes/20260/sessions/{id}/deliveries?channel=sms&pageSize=3")).JsonAsync(HttpStatusCode.OK);
        var item = page.GetProperty("items")[0];
        Assert.Equal(("announcement", "delivered"), (item.Str("notice"), item.Str("status")));
        Assert.Matches(@"^09xx xxx \d{3}$", item.Str("maskedAddress"));
    }

    [Fact]
    public async Task A_province_that_keeps_diacritics_sends_UCS2_and_the_phone_shows_them()
    {
        await (await _client.PutJsonAsync("/api/provinces/44/sms-policy", """{"textPolicy": "ucs2-with-diacritics"}""")).JsonAsync(HttpStatusCode.OK);
        var consenting = await ImportAsync("19009", 8);
        var id = await ScheduleAsync("19009", "Nhà văn hóa phường Ba Đồn");

        await Eventually.ReachedAsync(() => SmsTallyAsync("19009", id), t => Count(t, "delivered") == consenting.Count,
            TimeSpan.FromSeconds(60), "UCS-2 SMS delivered");

        var received = await Eventually.ReachedAsync(() => Task.FromResult(_kannel.Received), r => r.Count >= consenting.Count,
            TimeSpan.FromSeconds(10), "the simulated SMSC's log read");
        Assert.Equal(consenting.Count, received.Count);
        Assert.All(received, m => Assert.Equal(
            "UBND phường Ba Đồn kính mời Ông/Bà dự hội nghị đối thoại định kỳ \"Đối thoại định kỳ năm 2026\" lúc 08:00 ngày 20/11/2026 tại Nhà văn hóa phường Ba Đồn.",
            m.Text));
    }

    [Fact]
    public async Task A_reschedule_reaches_everyone_with_the_new_time_and_a_cancellation_only_those_told_who_still_consent()
    {
        const string Commune = "10714";
        var csv = new StringBuilder("Họ và tên,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < 8; i++)
        {
            csv.Append($"Người dân {i},Khu {i % 2 + 1},091200{i:D4},nd{i}@example.vn,có,có\n");
        }

        await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var id = await ScheduleAsync(Commune, "Hội trường Nhị Chiểu");
        var url = $"/api/communes/{Commune}/sessions/{id}";
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 8, TimeSpan.FromSeconds(60), "announcements delivered");

        await (await _client.PostJsonAsync(url + "/reschedule", """{"startsAt": "2026-11-27T08:00:00+07:00", "reason": "Trùng kỳ họp HĐND"}""")).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 16, TimeSpan.FromSeconds(60), "reschedule notices delivered");
        var received = await Eventually.ReachedAsync(() => Task.FromResult(_kannel.Received.Where(m => m.To.StartsWith("+8491200", StringComparison.Ordinal)).ToList()),
            r => r.Count >= 16, TimeSpan.FromSeconds(10), "the simulated SMSC's log read");
        var notices = received.Where(m => m.Text.Contains("doi tu", StringComparison.Ordinal)).ToList();
        Assert.True(notices.Count == 8, string.Join(" | ", received.Select(m => m.Text).Distinct()));
        Assert.All(notices, m => Assert.Contains("doi tu 08:00 ngay 20/11/2026 sang 08:00 ngay 27/11/2026 tai Hoi truong Nhi Chieu. Ly do: Trung ky hop HDND", m.Text, StringComparison.Ordinal));

        // E-mail is not configured here: the invitations still waiting were stale, so they are cancelled, not sent.
        var deliveries = await (await _client.Get(url + "/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK);
        var email = deliveries.GetProperty("byChannel").EnumerateArray().Single(t => t.Str("channel") == "email");
        Assert.Equal((8, 8), (email.GetProperty("cancelled").GetInt32(), email.GetProperty("pending").GetInt32()));

        var contacts = await (await _client.Get($"/api/communes/{Commune}/contacts?pageSize=10")).JsonAsync(HttpStatusCode.OK);
        var withdrawn = contacts.GetProperty("items").EnumerateArray().Single(c => c.Str("fullName") == "Người dân 3").Str("id");
        await (await _client.PutJsonAsync($"/api/communes/{Commune}/contacts/{withdrawn}/consent", """{"sms": false}""")).JsonAsync(HttpStatusCode.OK);

        await (await _client.PostJsonAsync(url + "/cancel", """{"reason": "Nước lũ dâng cao"}""")).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 23, TimeSpan.FromSeconds(60), "cancellation notices delivered");
        var cancellations = await Eventually.ReachedAsync(
            () => Task.FromResult(_kannel.Received.Where(m => m.Text.Contains("huy hoi nghi doi thoai", StringComparison.Ordinal)).ToList()),
            r => r.Count >= 7, TimeSpan.FromSeconds(10), "the simulated SMSC's log read");
        Assert.Equal(7, cancellations.Count);
        Assert.DoesNotContain(cancellations, m => m.To == "+84912000003");
        Assert.All(cancellations, m => Assert.EndsWith("du kien luc 08:00 ngay 27/11/2026. Ly do: Nuoc lu dang cao", m.Text, StringComparison.Ordinal));
        var emailAfter = (await (await _client.Get(url + "/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("byChannel").EnumerateArray().Single(t => t.Str("channel") == "email");
        Assert.Equal((16, 0), (emailAfter.GetProperty("cancelled").GetInt32(), emailAfter.GetProperty("pending").GetInt32()));
    }

    [Fact]
    public async Task A_move_made_into_messages_again_by_a_retried_job_keeps_the_new_times_reminders()
    {
        const string Commune = "10993";
        const string Csv = """
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Đồng ý SMS
            Đại biểu Một,đại biểu,Thôn 1,0913000001,có
            Đại biểu Hai,đại biểu,Thôn 2,0913000002,có
            """;
        await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(Csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var id = (await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ", "startsAt": "2026-11-10T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường xã"}
            """)).JsonAsync(HttpStatusCode.Created)).Str("id");
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 2, TimeSpan.FromSeconds(60), "announcements delivered");
        await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions/{id}/reschedule", """{"startsAt": "2026-11-12T08:00:00+07:00", "reason": "Trùng lịch"}""")).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 4, TimeSpan.FromSeconds(60), "the move told");

        // The move's job runs again (a retry after a failure, a recovery after a kill): the new reminders stay.
        var notices = _platform.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(Commune, id));
        await notices.ExpandAsync(SessionNotice.Rescheduled(1));
        var rows = (await (await _client.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=sms&pageSize=100")).JsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(i => i.Str("notice").StartsWith("reminder-", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [("2026-11-09T17:00:00+07:00", "cancelled"), ("2026-11-09T17:00:00+07:00", "cancelled"), ("2026-11-10T07:00:00+07:00", "cancelled"), ("2026-11-10T07:00:00+07:00", "cancelled"),
             ("2026-11-11T17:00:00+07:00", "pending"), ("2026-11-11T17:00:00+07:00", "pending"), ("2026-11-12T07:00:00+07:00", "pending"), ("2026-11-12T07:00:00+07:00", "pending")],
            rows.Select(r => (r.Str("dueAt"), r.Str("status"))).Order());
    }

    [Fact]
    public async Task Delegates_are_reminded_at_17_the_day_before_and_at_7_rather_than_6_and_residents_are_not()
    {
        const string Commune = "10993";
        const string Csv = """
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Đồng ý SMS
            Đại biểu Một,đại biểu,Thôn 1,0913000001,có
            Đại biểu Hai,đại biểu,Thôn 2,0913000002,có
            Người dân Ba,người dân,Thôn 1,0913000003,có
            Người dân Bốn,người dân,Thôn 2,0913000004,có
            """;
        await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(Csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var id = (await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ", "startsAt": "2026-11-10T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường xã"}
            """)).JsonAsync(HttpStatusCode.Created)).Str("id");
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 4, TimeSpan.FromSeconds(60), "announcements delivered");

        var waiting = await (await _client.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=sms")).JsonAsync(HttpStatusCode.OK);
        var reminders = waiting.GetProperty("items").EnumerateArray().Where(i => i.Str("notice").StartsWith("reminder-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2026-11-09T17:00:00+07:00", "2026-11-09T17:00:00+07:00", "2026-11-10T07:00:00+07:00", "2026-11-10T07:00:00+07:00"],
            reminders.Select(r => r.Str("dueAt")).Order());
        Assert.All(reminders, r => Assert.Equal("pending", r.Str("status")));

        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 9, 17, 0, 0, TimeSpan.FromHours(7)));
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 6, TimeSpan.FromSeconds(60), "the first reminders delivered");
        var first = await Eventually.ReachedAsync(() => Task.FromResult(_kannel.Received.Where(m => m.Text.Contains("nhac Ong/Ba", StringComparison.Ordinal)).ToList()),
            r => r.Count >= 2, TimeSpan.FromSeconds(10), "the simulated SMSC's log read");
        Assert.Equal(["+84913000001", "+84913000002"], first.Select(m => m.To).Order());
        Assert.Equal("UBND xa Thuong Hong nhac Ong/Ba: hoi nghi doi thoai \"Doi thoai dinh ky\" luc 08:00 ngay 10/11/2026 tai Hoi truong xa.", first[0].Text);

        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 7, 0, 0, TimeSpan.FromHours(7)));
        await Eventually.ReachedAsync(() => SmsTallyAsync(Commune, id), t => Count(t, "delivered") == 8, TimeSpan.FromSeconds(60), "the second reminders delivered");
    }

    [Fact]
    public async Task A_delivery_report_without_the_gateways_signature_out_of_its_time_or_replayed_is_refused_and_changes_nothing()
    {
        var consenting = await ImportAsync("00634", 4);
        var id = await ScheduleAsync("00634", "Hội trường Tây Mỗ");
        await Eventually.ReachedAsync(() => SmsTallyAsync("00634", id), t => Count(t, "delivered") == consenting.Count, TimeSpan.FromSeconds(60), "SMS delivered");
        var session = SessionNoticeKey.Of("00634", id);
        var now = _platform.Clock.GetUtcNow();

        // Signed with a guessed secret, or not signed: refused.
        var (key, time, valid) = DeliveryReceiptToken.Create(Secret, session, SessionNoticeKey.Announcement, "c1", now);
        var (_, _, forged) = DeliveryReceiptToken.Create("guessed-secret", session, SessionNoticeKey.Announcement, "c1", now);
        await (await _client.Get($"/api/sms/dlr?k={key}&t={time}&sig={forged}&type=2&reply=forged")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.Get($"/api/sms/dlr?k={key}&t={time}&type=2")).ProblemAsync(HttpStatusCode.Forbidden);

        // A URL signed for a time outside the report window (sent 8 days ago, or claiming the future), or whose time
        // was changed after signing: refused.
        var (_, old, oldSignature) = DeliveryReceiptToken.Create(Secret, session, SessionNoticeKey.Announcement, "c1", now - TimeSpan.FromDays(8));
        await (await _client.Get($"/api/sms/dlr?k={key}&t={old}&sig={oldSignature}&type=2")).ProblemAsync(HttpStatusCode.Forbidden);
        var (_, future, futureSignature) = DeliveryReceiptToken.Create(Secret, session, SessionNoticeKey.Announcement, "c1", now + TimeSpan.FromHours(1));
        await (await _client.Get($"/api/sms/dlr?k={key}&t={future}&sig={futureSignature}&type=2")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.Get($"/api/sms/dlr?k={key}&t={old}&sig={valid}&type=2")).ProblemAsync(HttpStatusCode.Forbidden);

        // A good signature on a message already reported (a replay, here turning "delivered" into "failed"): the
        // first report stands.
        await (await _client.Get($"/api/sms/dlr?k={key}&t={time}&sig={valid}&type=2&reply=replayed")).ProblemAsync(HttpStatusCode.NotFound);

        // The same for the URL of a request to several phones, which names the phone in p: forged, refused; without a
        // phone, or naming a phone already reported (every one of the announcement's), nothing to record.
        var (rows, rowsTime, rowsValid) = DeliveryReceiptToken.CreateForRows(Secret, session, SessionNoticeKey.Announcement, 1, 1_000_000, now);
        var (_, _, rowsForged) = DeliveryReceiptToken.CreateForRows("guessed-secret", session, SessionNoticeKey.Announcement, 1, 1_000_000, now);
        var phone = Uri.EscapeDataString(consenting.First());
        await (await _client.Get($"/api/sms/dlr?k={rows}&t={rowsTime}&sig={rowsForged}&p={phone}&type=2")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await _client.Get($"/api/sms/dlr?k={rows}&t={rowsTime}&sig={rowsValid}&type=2")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.Get($"/api/sms/dlr?k={rows}&t={rowsTime}&sig={rowsValid}&p={phone}&type=2&reply=replayed")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal((consenting.Count, 0), (Count(await SmsTallyAsync("00634", id), "delivered"), Count(await SmsTallyAsync("00634", id), "failed")));
    }
}
