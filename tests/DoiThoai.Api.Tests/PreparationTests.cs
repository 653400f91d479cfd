using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// A session's preparation (plan 003): milestones from the template of its kind with owners and dates, moved with the
/// session unless the office fixed them; reminders to the owners two days before and an alert the day after, through
/// the real outbox, dispatcher and SMTP server; the programme, editable. A platform of its own: these tests move its clock.
/// </summary>
public sealed class PreparationTests : IAsyncLifetime
{
    private const string Commune = "20260"; // Phường Cẩm Lệ
    private const string FrontAddress = "mattran@camle.danang.gov.vn";
    private const string OfficeAddress = "vanphong@camle.danang.gov.vn";

    private readonly SmtpSink _smtp = new();
    private readonly PlatformFactory _platform = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND phường Cẩm Lệ <ubnd@camle.danang.gov.vn>";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _client = _platform.CreateClient();
        var report = await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(
            "Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\n"
            + $"Lê Thị Mai,mặt trận,Tổ dân phố 1,{FrontAddress},có\n"
            + $"Trần Văn Bình,cán bộ,Tổ dân phố 1,{OfficeAddress},có\n",
            Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("added").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _platform.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Milestones_follow_the_template_move_with_the_session_and_remind_their_owners_before_and_after_they_are_due()
    {
        await _smtp.StartAsync();
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-12-03T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND phường Cẩm Lệ"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}/preparation";

        // Plan 003's timeline counted back from 3 December; the invitations milestone is done once they went out.
        var prepared = await Eventually.ReachedAsync(async () => await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK),
            p => Milestone(p, "invitations").Str("state") == "done", TimeSpan.FromSeconds(30), "the invitations sent");
        Assert.Equal(
            [("opinions", "2026-11-16", "open"), ("draft-answers", "2026-11-21", "open"), ("answer-report", "2026-11-23", "open"),
             ("invitations", "2026-11-26", "done"), ("venue", "2026-12-02", "open"), ("results", "2026-12-13", "open")],
            Milestones(prepared).ToList());
        Assert.StartsWith("Ủy ban MTTQ Việt Nam", Milestone(prepared, "opinions").Str("ownerUnit"));
        Assert.Equal(["08:00:00", "08:05:00", "08:10:00", "08:30:00", "10:10:00", "10:25:00"], prepared.GetProperty("agenda").EnumerateArray().Select(i => i.Str("startsAt")));
        // Plan 003: the conclusions and the closing belong to the chair.
        Assert.Equal(["Chủ tịch UBND phường Cẩm Lệ", "Chủ tịch UBND phường Cẩm Lệ"], prepared.GetProperty("agenda").EnumerateArray().TakeLast(2).Select(i => i.Str("presenter")));

        // The office finishes one task, fixes the venue's date, adds its own task.
        await (await _client.PostJsonAsync($"{url}/milestones/draft-answers/done", """{"note": "Đã nhận đủ dự thảo của 5 phòng"}""")).JsonAsync(HttpStatusCode.OK);
        await (await _client.PutJsonAsync($"{url}/milestones/venue", """{"dueDate": "2026-12-01"}""")).JsonAsync(HttpStatusCode.OK);
        var added = await (await _client.PostJsonAsync($"{url}/milestones", """
            {"title": "In phiếu đăng ký phát biểu", "ownerUnit": "Văn phòng HĐND và UBND", "dueDate": "2026-11-25"}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("2026-11-25", "officer"), (Milestone(added, "m1").Str("dueDate"), Milestone(added, "m1").Str("ownerRole")));

        // Refused, and nothing changes: a date in the past, the legal results deadline, a programme outside the session.
        var past = await (await _client.PostJsonAsync($"{url}/milestones", """{"title": "Việc cũ", "ownerUnit": "Văn phòng", "dueDate": "2026-10-01"}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["dueDate"], past.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await (await _client.PutJsonAsync($"{url}/milestones/results", """{"dueDate": "2026-12-20"}""")).ProblemAsync(HttpStatusCode.Conflict);
        await (await _client.Delete($"{url}/milestones/results")).ProblemAsync(HttpStatusCode.Conflict);
        var agenda = await (await _client.PutJsonAsync($"{url}/agenda", """{"items": [{"startsAt": "07:30", "title": "Đón đại biểu"}, {"startsAt": "08:00", "title": " "}]}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, agenda.GetProperty("errors").GetProperty("agenda").GetArrayLength());
        var unchanged = await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(7, unchanged.GetProperty("milestones").GetArrayLength());
        Assert.Equal(6, unchanged.GetProperty("agenda").GetArrayLength());

        // The session moves a week later: the counted milestones move with it, the fixed and the done ones stay.
        await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions/{session.Str("id")}/reschedule",
            """{"startsAt": "2026-12-10T14:00:00+07:00", "reason": "Trùng lịch họp HĐND phường"}""")).JsonAsync(HttpStatusCode.OK);
        var moved = await Eventually.ReachedAsync(async () => await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK),
            p => Milestone(p, "opinions").Str("dueDate") == "2026-11-23", TimeSpan.FromSeconds(30), "milestones moved with the session");
        Assert.Equal(("2026-11-30", "2026-12-01", "2026-11-21", "2026-12-20"),
            (Milestone(moved, "answer-report").Str("dueDate"), Milestone(moved, "venue").Str("dueDate"), Milestone(moved, "draft-answers").Str("dueDate"),
             Milestone(moved, "results").Str("dueDate")));
        Assert.Equal("14:00:00", moved.GetProperty("agenda")[0].Str("startsAt"));

        // 21 November, 08:00: the Front is reminded of the opinions due on the 23rd, once; the plan for the 16th says nothing.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(7)));
        var reminder = await Eventually.ReachedAsync(() => Task.FromResult(Subjects("Nhắc việc chuẩn bị đối thoại")), s => s.Count > 0,
            TimeSpan.FromSeconds(30), "the reminder to the Front");
        var toFront = Assert.Single(reminder);
        Assert.Equal((FrontAddress, "Nhắc việc chuẩn bị đối thoại: Tổng hợp ý kiến, kiến nghị của Nhân dân, gửi Văn phòng – UBND phường Cẩm Lệ"), toFront);

        // 24 November, 08:00: the opinions are overdue, the Front hears it; the office is reminded of its own task (due the 25th).
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(7)));
        await Eventually.ReachedAsync(() => Task.FromResult(Subjects("Quá hạn").Count + Subjects("Nhắc việc").Count), n => n == 3,
            TimeSpan.FromSeconds(30), "the overdue alert and the office's reminder");
        Assert.Equal([(FrontAddress, "Quá hạn: Tổng hợp ý kiến, kiến nghị của Nhân dân, gửi Văn phòng – UBND phường Cẩm Lệ")], Subjects("Quá hạn"));
        Assert.Contains((OfficeAddress, "Nhắc việc chuẩn bị đối thoại: In phiếu đăng ký phát biểu – UBND phường Cẩm Lệ"), Subjects("Nhắc việc"));
        var overdue = await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("overdue", -1, 1), (Milestone(overdue, "opinions").Str("state"), Milestone(overdue, "opinions").GetProperty("daysLeft").GetInt32(), overdue.GetProperty("overdue").GetInt32()));

        // The province sees the commune's overdue preparation in its oversight table.
        Assert.Equal(1, await ProvincePreparationOverdueAsync(n => n == 1));

        // Done late: the office's page shows it done and nothing more is sent about it; the province's count clears.
        var done = await (await _client.PostJsonAsync($"{url}/milestones/opinions/done", "{}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, done.GetProperty("overdue").GetInt32());
        Assert.Equal(0, await ProvincePreparationOverdueAsync(n => n == 0));
        await (await _client.PostJsonAsync($"{url}/milestones/opinions/done", "{}")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Plan_001_the_invitations_milestone_is_done_when_the_invitations_went_out_not_when_the_session_was_scheduled()
    {
        // The SMTP server is down when the session is scheduled: the invitations wait in the outbox.
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "thematic", "form": "in-person", "title": "Đối thoại với hộ kinh doanh", "topic": "Sắp xếp chợ Cẩm Lệ", "startsAt": "2026-12-04T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Nhà văn hóa tổ 1"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}";
        await Eventually.ReachedAsync(async () => await (await _client.Get($"{url}/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK),
            d => d.GetProperty("items").GetArrayLength() == 2 && d.GetProperty("items").EnumerateArray().All(i => i.GetProperty("lastError").ValueKind == JsonValueKind.String),
            TimeSpan.FromSeconds(30), "the two invitations tried and waiting for the SMTP server");
        var waiting = await (await _client.Get($"{url}/preparation")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("open", Milestone(waiting, "invitations").Str("state"));

        // The server comes back: the invitations go out, and with them the milestone is done, by the platform.
        await _smtp.StartAsync();
        _platform.Clock.Advance(TimeSpan.FromMinutes(15)); // past the longest back-off
        var sent = await Eventually.ReachedAsync(async () => await (await _client.Get($"{url}/preparation")).JsonAsync(HttpStatusCode.OK),
            p => Milestone(p, "invitations").Str("state") == "done", TimeSpan.FromSeconds(60), "the invitations milestone done");
        Assert.Equal("Nền tảng (giấy mời và tin nhắn đã gửi đi)", Milestone(sent, "invitations").Str("doneBy"));
        Assert.Equal(2, _smtp.Messages().Count(m => m.Subject?.StartsWith("Giấy mời", StringComparison.Ordinal) == true));
    }

    private Task<int> ProvincePreparationOverdueAsync(Func<int, bool> reached) =>
        Eventually.ReachedAsync(async () =>
        {
            var overview = await (await _client.Get("/api/provinces/48/overview")).JsonAsync(HttpStatusCode.OK);
            return overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == Commune).GetProperty("preparationOverdue").GetInt32();
        }, reached, TimeSpan.FromSeconds(30), "the province's count of overdue preparation");

    private List<(string To, string Subject)> Subjects(string prefix) =>
        [.. _smtp.Messages().Where(m => m.Subject?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .Select(m => (m.To.Mailboxes.Single().Address, m.Subject!))];

    private static IEnumerable<(string Key, string Due, string State)> Milestones(JsonElement preparation) =>
        preparation.GetProperty("milestones").EnumerateArray()
            .Select(m => (m.GetProperty("milestone").Str("key"), m.GetProperty("milestone").Str("dueDate"), m.Str("state")));

    private static JsonElement Milestone(JsonElement preparation, string key)
    {
        var status = preparation.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("milestone").Str("key") == key);
        var merged = new Dictionary<string, JsonElement>();
        foreach (var property in status.GetProperty("milestone").EnumerateObject())
            merged[property.Name] = property.Value;
        merged["state"] = status.GetProperty("state");
        merged["daysLeft"] = status.GetProperty("daysLeft");
        return JsonSerializer.SerializeToElement(merged);
    }
}
