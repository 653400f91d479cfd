using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class NoticePlanTests(PlatformFactory platform)
{
    private const string Commune = "00226"; // Phường Văn Miếu - Quốc Tử Giám, Hà Nội (province 01)

    private readonly HttpClient _client = platform.CreateClient();

    private async Task ImportContactsAsync()
    {
        const string Csv = """
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Nguyễn Văn An,đại biểu,Tổ dân phố 1,0912000001,an@example.vn,có,có
            Trần Thị Bình,đại biểu,Tổ dân phố 2,0912000002,,có,
            Lê Văn Cường,đại biểu,Tổ dân phố 2,0912000003,,có,
            Phạm Thị Dung,người dân,Tổ dân phố 1,0912000004,dung@example.vn,có,có
            Hoàng Văn Em,người dân,Tổ dân phố 1,,em@example.vn,,có
            Đỗ Thị Phương,người dân,Tổ dân phố 2,0912000006,,không,
            """;
        var response = await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(Csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        await response.JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_plan_shows_recipients_texts_segments_broadcast_slots_and_reminders_before_anything_is_sent()
    {
        await ImportContactsAsync();
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường UBND phường"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}/notice-plan";

        var plan = await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK);

        Assert.Equal((6, 1), (plan.GetProperty("audienceSize").GetInt32(), plan.GetProperty("withoutAnyConsent").GetInt32()));
        var email = plan.GetProperty("email");
        Assert.Equal(3, email.GetProperty("recipients").GetInt32());
        Assert.Equal("Giấy mời: Đối thoại định kỳ năm 2026 – UBND phường Văn Miếu - Quốc Tử Giám", email.Str("subject"));
        Assert.Equal("2026-11-02T09:00:00+07:00", email.Str("sendAt"));

        var sms = plan.GetProperty("sms");
        Assert.Equal((4, "gsm7-without-diacritics", "gsm7"), (sms.GetProperty("recipients").GetInt32(), sms.Str("policy"), sms.Str("encoding")));
        Assert.StartsWith("UBND phuong Van Mieu - Quoc Tu Giam kinh moi Ong/Ba du hoi nghi doi thoai dinh ky", sms.Str("text"), StringComparison.Ordinal);
        var units = sms.GetProperty("units").GetInt32();
        Assert.Equal(units <= 160 ? 1 : (units + 152) / 153, sms.GetProperty("segments").GetInt32());
        Assert.Equal(4 * sms.GetProperty("segments").GetInt32(), sms.GetProperty("totalSegments").GetInt32());

        var loudspeaker = plan.GetProperty("loudspeaker");
        var slots = loudspeaker.GetProperty("slots").EnumerateArray().Select(s => s.GetString()).ToList();
        // From the day of the notice deadline (13/11, 7 days before), not from today: both slots on each of the 7 days
        // from 13/11 to 19/11, and 06:00 on 20/11.
        Assert.Equal(("2026-11-13T06:00:00+07:00", "2026-11-20T06:00:00+07:00", 15), (slots[0], slots[^1], slots.Count));
        Assert.True(loudspeaker.GetProperty("coversThreeConsecutiveDays").GetBoolean());
        Assert.Contains("Vào lúc 8 giờ, Thứ Sáu, ngày 20 tháng 11 năm 2026, tại Hội trường UBND phường", loudspeaker.Str("script"), StringComparison.Ordinal);

        // 17:00 the day before, and two hours before (06:00, in the quiet hours: at 07:00), to the three delegates.
        var reminders = plan.GetProperty("delegateReminders").EnumerateArray().Select(r => (r.Str("at"), r.GetProperty("recipients").GetInt32())).ToList();
        Assert.Equal([("2026-11-19T17:00:00+07:00", 3), ("2026-11-20T07:00:00+07:00", 3)], reminders);
        Assert.Equal("2026-11-12T08:00:00+07:00", plan.Str("officeWarningAt"));
        Assert.Contains(plan.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("chưa đồng ý", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_audience_of_one_hamlets_residents_and_a_province_sending_with_diacritics()
    {
        await (await _client.PutJsonAsync("/api/provinces/01/sms-policy", """{"textPolicy": "ucs2-with-diacritics"}""")).JsonAsync(HttpStatusCode.OK);
        try
        {
            var session = await (await _client.PostJsonAsync("/api/communes/00229/sessions", """
                {"kind": "urgent", "form": "in-person", "title": "Cháy chợ Kim Liên", "startsAt": "2026-11-02T14:00:00+07:00",
                 "durationMinutes": 60, "venue": "Nhà văn hóa tổ 5", "urgentReason": "Khắc phục hậu quả vụ cháy, hỗ trợ tiểu thương",
                 "audience": {"hamlets": ["Tổ dân phố 5"], "roles": ["resident"]}}
                """)).JsonAsync(HttpStatusCode.Created);
            await _client.PostAsync("/api/communes/00229/contacts/import", new StringContent("""
                Họ tên,Vai trò,Thôn,SĐT,Đồng ý SMS
                Tiểu thương A,người dân,Tổ dân phố 5,0912100001,có
                Tiểu thương B,người dân,tổ dân phố 5,0912100002,có
                Đại biểu C,đại biểu,Tổ dân phố 5,0912100003,có
                Người dân D,người dân,Tổ dân phố 6,0912100004,có
                """, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

            var plan = await (await _client.Get($"/api/communes/00229/sessions/{session.Str("id")}/notice-plan")).JsonAsync(HttpStatusCode.OK);

            Assert.Equal(2, plan.GetProperty("audienceSize").GetInt32());
            var sms = plan.GetProperty("sms");
            Assert.Equal(("ucs2", 2), (sms.Str("encoding"), sms.GetProperty("recipients").GetInt32()));
            Assert.Contains("Cháy chợ Kim Liên", sms.Str("text"), StringComparison.Ordinal);
            Assert.True(sms.GetProperty("segments").GetInt32() >= 2);
            var loudspeaker = plan.GetProperty("loudspeaker");
            Assert.True(loudspeaker.GetProperty("immediate").GetBoolean());
            Assert.Equal("2026-11-02T09:00:00+07:00", loudspeaker.GetProperty("slots")[0].GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, plan.GetProperty("officeWarningAt").ValueKind);
        }
        finally
        {
            await _client.PutJsonAsync("/api/provinces/01/sms-policy", """{"textPolicy": "gsm7-without-diacritics"}""");
        }
    }

    /// <summary>
    /// For sessions of every kind and lead time (Sơn La's communes, untouched by other tests): what the preview showed
    /// before scheduling is what the outbox then holds, channel by channel and time by time.
    /// </summary>
    [Theory]
    [InlineData("03646", "periodic", 18 * 24 + 0)]
    [InlineData("03664", "periodic", 8 * 24 + 5)]
    [InlineData("03670", "thematic", 12 * 24 + 10)]
    [InlineData("03679", "urgent", 3)]
    [InlineData("03688", "urgent", 28)]
    public async Task What_is_sent_is_what_the_preview_showed(string commune, string kind, int hoursAhead)
    {
        await (await _client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent("""
            Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Lò Văn Thắng,đại biểu,Bản Hẹo,0912300001,thang@example.vn,có,có
            Cầm Thị Xuân,đại biểu,Bản Hẹo,0912300002,,có,
            Quàng Văn Hoan,người dân,Bản Mòng,0912300003,hoan@example.vn,có,có
            Tòng Thị Phượng,người dân,Bản Mòng,,phuong@example.vn,,có
            """, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        await (await _client.PutJsonAsync($"/api/communes/{commune}/loudspeakers", """
            {"slots": ["06:00", "11:30", "17:00"], "clusters": [{"id": "ban-heo", "name": "Cụm loa bản Hẹo", "hamlets": ["Bản Hẹo"]},
                                                               {"id": "ban-mong", "name": "Cụm loa bản Mòng", "hamlets": ["Bản Mòng"]}]}
            """)).JsonAsync(HttpStatusCode.OK);
        var now = platform.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(hoursAhead).ToOffset(TimeSpan.FromHours(7));
        var extra = kind switch
        {
            "urgent" => ", \"urgentReason\": \"Nguồn nước bị ô nhiễm sau lũ\"",
            "thematic" => ", \"topic\": \"Nước sạch nông thôn\"",
            _ => "",
        };
        var draft = $$"""
            {"kind": "{{kind}}", "form": "in-person", "title": "Đối thoại về nước sinh hoạt", "startsAt": "{{start:yyyy-MM-dd'T'HH:mm:ssK}}",
             "durationMinutes": 90, "venue": "Nhà văn hóa bản Hẹo"{{extra}} }
            """;

        var plan = await (await _client.PostJsonAsync($"/api/communes/{commune}/sessions/preview", draft)).JsonAsync(HttpStatusCode.OK);
        var session = await (await _client.PostJsonAsync($"/api/communes/{commune}/sessions", draft)).JsonAsync(HttpStatusCode.Created);

        var email = plan.GetProperty("email");
        var sms = plan.GetProperty("sms");
        var slots = plan.GetProperty("loudspeaker").GetProperty("slots").EnumerateArray().Select(s => DateTimeOffset.Parse(s.GetString()!, CultureInfo.InvariantCulture)).ToList();
        var reminders = plan.GetProperty("delegateReminders").EnumerateArray()
            .Select(r => (DateTimeOffset.Parse(r.Str("at"), CultureInfo.InvariantCulture), r.GetProperty("recipients").GetInt32())).ToList();
        var expected = email.GetProperty("recipients").GetInt32() + sms.GetProperty("recipients").GetInt32() + 2 * slots.Count + reminders.Sum(r => r.Item2);
        var rows = await Eventually.ReachedAsync(() => RowsAsync(commune, session.Str("id")), r => r.Count >= expected,
            TimeSpan.FromSeconds(30), "the session's messages planned");

        static DateTimeOffset[] Due(IEnumerable<Row> rows) => [.. rows.Select(r => r.DueAt)];
        var invitations = rows.Where(r => r.Channel == "email" && r.Notice == "invitation").ToList();
        Assert.Equal(email.GetProperty("recipients").GetInt32(), invitations.Count);
        Assert.All(Due(invitations), at => Assert.Equal(DateTimeOffset.Parse(email.Str("sendAt"), CultureInfo.InvariantCulture), at));
        var announcements = rows.Where(r => r.Channel == "sms" && r.Notice == "announcement").ToList();
        Assert.Equal(sms.GetProperty("recipients").GetInt32(), announcements.Count);
        Assert.All(Due(announcements), at => Assert.Equal(DateTimeOffset.Parse(sms.Str("sendAt"), CultureInfo.InvariantCulture), at));
        var broadcasts = rows.Where(r => r.Channel == "loudspeaker").ToList();
        Assert.Equal(slots, broadcasts.Select(r => r.DueAt).Distinct().Order());
        Assert.Equal(2 * slots.Count, broadcasts.Count); // both clusters reach the audience
        Assert.Equal(reminders, rows.Where(r => r.Notice.StartsWith("reminder-", StringComparison.Ordinal))
            .GroupBy(r => r.DueAt).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        Assert.Equal(expected, rows.Count); // nothing the preview did not show
    }

    private sealed record Row(string Notice, string Channel, DateTimeOffset DueAt);

    private async Task<List<Row>> RowsAsync(string commune, string id)
    {
        var report = await (await _client.Get($"/api/communes/{commune}/sessions/{id}/deliveries?pageSize=500")).JsonAsync(HttpStatusCode.OK);
        return [.. report.GetProperty("items").EnumerateArray()
            .Select(i => new Row(i.Str("notice"), i.Str("channel"), DateTimeOffset.Parse(i.Str("dueAt"), CultureInfo.InvariantCulture)))];
    }

    [Fact]
    public async Task A_cancelled_or_unknown_session_has_no_plan()
    {
        var session = await (await _client.PostJsonAsync("/api/communes/00235/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại", "startsAt": "2026-11-25T08:00:00+07:00", "durationMinutes": 60, "venue": "Hội trường"}
            """)).JsonAsync(HttpStatusCode.Created);
        await (await _client.PostJsonAsync($"/api/communes/00235/sessions/{session.Str("id")}/cancel", """{"reason": "Trùng lịch"}""")).JsonAsync(HttpStatusCode.OK);

        await (await _client.Get($"/api/communes/00235/sessions/{session.Str("id")}/notice-plan")).ProblemAsync(HttpStatusCode.Conflict);
        await (await _client.Get("/api/communes/00235/sessions/2026-9999/notice-plan")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_sms_policy_is_a_400_problem()
    {
        await (await _client.PutJsonAsync("/api/provinces/01/sms-policy", """{"textPolicy": "latin1"}""")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
