using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;
using DoiThoai.Grains.Abstractions.Delivery;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DoiThoai.Api.Tests;

/// <summary>Invitations by e-mail through MailKit to a real SMTP server (aiosmtpd), tracked message by message.</summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    private const string Commune = "20260"; // Phường Cẩm Lệ

    private readonly SmtpSink _smtp = new();
    private readonly PlatformFactory _platform = new();
    private HttpClient? _started;

    /// <summary>The API; the platform starts on first use, so a test may change its settings before.</summary>
    private HttpClient Api => _started ??= _platform.CreateClient();

    public ValueTask InitializeAsync()
    {
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND phường Cẩm Lệ <ubnd@camle.danang.gov.vn>";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>200 people over 4 hamlets; every fifth has not agreed to e-mail, every tenth has no address.</summary>
    private async Task<HashSet<string>> ImportAsync(int people, bool smsConsent = true)
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        var consenting = new HashSet<string>();
        for (var i = 0; i < people; i++)
        {
            var email = i % 10 == 9 ? "" : $"nguoi{i}@example.vn";
            var agrees = i % 5 != 0;
            if (email.Length > 0 && agrees)
            {
                consenting.Add(email);
            }

            csv.Append($"Nguyễn Thị Hoà {i},{(i < 20 ? "đại biểu" : "người dân")},{(i < 20 ? "Tổ trưởng" : "")},Tổ dân phố {i % 4 + 1},09{i:D8},{email},{(smsConsent ? "có" : "không")},{(agrees ? "có" : "không")}\n");
        }

        var response = await Api.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        var report = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(people, report.GetProperty("added").GetInt32());
        return consenting;
    }

    private async Task<JsonElement> ScheduleAsync() => await (await Api.PostJsonAsync($"/api/communes/{Commune}/sessions", """
        {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026",
         "startsAt": "2026-11-20T08:00:00+07:00", "durationMinutes": 150, "venue": "Hội trường UBND phường Cẩm Lệ"}
        """)).JsonAsync(HttpStatusCode.Created);

    private async Task<JsonElement> EmailTallyAsync(string sessionId)
    {
        var report = await (await Api.Get($"/api/communes/{Commune}/sessions/{sessionId}/deliveries?channel=email&pageSize=500")).JsonAsync(HttpStatusCode.OK);
        return report.GetProperty("byChannel").EnumerateArray().FirstOrDefault(t => t.Str("channel") == "email");
    }

    private static int Count(JsonElement tally, string status) =>
        tally.ValueKind == JsonValueKind.Undefined ? 0 : tally.GetProperty(status).GetInt32();

    [Fact]
    public async Task Every_consenting_address_receives_exactly_one_invitation_with_its_calendar_and_a_rerun_sends_nothing_more()
    {
        await _smtp.StartAsync();
        var ready = await (await Api.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("email").Str("status"));
        using var figures = new DeliveryFigures(_platform.Services.GetRequiredService<DoiThoai.Silo.Telemetry.DeliveryMetrics>().Meter);
        var consenting = await ImportAsync(200);
        var session = await ScheduleAsync();
        var id = session.Str("id");

        var tally = await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "sent") == consenting.Count,
            TimeSpan.FromSeconds(60), $"{consenting.Count} invitations sent");
        Assert.Equal((0, 0), (Count(tally, "pending"), Count(tally, "failed")));

        var mails = _smtp.Messages();
        Assert.Equal(consenting.Count, mails.Count);

        // The platform's own metrics saw the same: one "sent" per invitation, each with how late after it was due.
        Assert.Equal(consenting.Count, figures.Count("doithoai.delivery.messages", ("channel", "email"), ("outcome", "sent")));
        Assert.Equal(consenting.Count, figures.Count("doithoai.delivery.lateness", ("channel", "email")));
        Assert.Equal(consenting.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());

        var mail = mails.Single(m => m.To.Mailboxes.Single().Address == "nguoi1@example.vn");
        Assert.Equal("Giấy mời: Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân năm 2026 – UBND phường Cẩm Lệ", mail.Subject);
        Assert.Equal("ubnd@camle.danang.gov.vn", mail.From.Mailboxes.Single().Address);
        Assert.Contains("Kính gửi: Ông/Bà Nguyễn Thị Hoà 1 – Tổ trưởng.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Thời gian: 08:00, Thứ Sáu, ngày 20/11/2026 (dự kiến 2 giờ 30 phút).", mail.TextBody, StringComparison.Ordinal);
        // A mail client sees an invitation: text and HTML letters and the calendar as alternatives, the calendar's
        // METHOD in its Content-Type as inside it (RFC 6047), the office as organiser, this recipient as attendee.
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Empty(mail.Attachments);
        var html = mail.HtmlBody;
        Assert.Contains("GIẤY MỜI", html, StringComparison.Ordinal);
        Assert.Contains("PHƯỜNG CẨM LỆ", html, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", html, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Ông/Bà Nguyễn Thị Hoà 1 – Tổ trưởng.", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)(src|href)\\s*=\\s*\"?(https?:|//)|url\\(", html); // nothing fetched from elsewhere
        var (method, invitation) = await CalendarOfAsync(mail);
        Assert.Equal("REQUEST", method);
        Assert.Equal($"{Commune}-{id}@doithoai-cluster", invitation.Uid);
        Assert.Equal(new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc), invitation.Start!.AsUtc);
        Assert.Equal(new Uri("mailto:ubnd@camle.danang.gov.vn"), invitation.Organizer!.Value);
        var attendee = Assert.Single(invitation.Attendees);
        Assert.Equal((new Uri("mailto:nguoi1@example.vn"), "NEEDS-ACTION", false), (attendee.Value, attendee.ParticipationStatus, attendee.Rsvp));

        // The fan-out is idempotent: making the invitations again adds no message and sends nothing.
        var notices = _platform.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(Commune, id));
        Assert.Equal(0, await notices.ExpandAsync(new SessionNotice(SessionNoticeKind.Invitation)));
        Assert.Equal(consenting.Count, Count(await EmailTallyAsync(id), "sent"));

        var page = await (await Api.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=email&pageSize=5")).JsonAsync(HttpStatusCode.OK);
        var item = page.GetProperty("items")[0];
        Assert.Equal(("invitation", "sent"), (item.Str("notice"), item.Str("status")));
        Assert.Matches(@"^ng\*\*\*@example\.vn$", item.Str("maskedAddress"));
        Assert.DoesNotContain("nguoi", page.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The calendar part of a mail as a client reads it: the method of its Content-Type, checked against the one inside, and its event.</summary>
    private static async Task<(string Method, Ical.Net.CalendarComponents.CalendarEvent Event)> CalendarOfAsync(MimeMessage mail)
    {
        var part = Assert.IsType<TextPart>(mail.BodyParts.Single(p => p.ContentType.MimeType == "text/calendar"));
        using var ics = new MemoryStream();
        await part.Content!.DecodeToAsync(ics, TestContext.Current.CancellationToken);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(ics.ToArray()))!;
        Assert.Equal(part.ContentType.Parameters["method"], calendar.Method);
        return (calendar.Method!, Assert.Single(calendar.Events));
    }

    [Fact]
    public async Task A_move_updates_and_a_cancellation_withdraws_the_invitation_the_client_holds_and_replies_reach_the_office_when_it_reads_them()
    {
        _platform.Settings["Email:Smtp:ReplyTo"] = "Văn phòng HĐND và UBND phường Cẩm Lệ <vanphong@camle.danang.gov.vn>";
        await _smtp.StartAsync();
        await ImportAsync(10);
        var id = (await ScheduleAsync()).Str("id");
        const string Person = "nguoi1@example.vn";
        List<MimeMessage> To() => [.. _smtp.Messages().Where(m => m.To.Mailboxes.Single().Address == Person)];
        await Eventually.ReachedAsync(() => Task.FromResult(To().Count), n => n == 1, TimeSpan.FromSeconds(30), "the invitation");

        await (await Api.PostJsonAsync($"/api/communes/{Commune}/sessions/{id}/reschedule",
            """{"startsAt": "2026-11-23T14:00:00+07:00", "reason": "Trùng lịch tiếp công dân của Chủ tịch"}""")).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => Task.FromResult(To().Count), n => n == 2, TimeSpan.FromSeconds(30), "the notice of the move");
        await (await Api.PostJsonAsync($"/api/communes/{Commune}/sessions/{id}/cancel",
            """{"reason": "Bão số 13 đổ bộ"}""")).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => Task.FromResult(To().Count), n => n == 3, TimeSpan.FromSeconds(30), "the notice of the cancellation");

        string[] kinds = ["Giấy mời:", "Thông báo dời lịch:", "Thông báo hủy:"];
        var mails = kinds.Select(kind => To().Single(m => m.Subject?.StartsWith(kind, StringComparison.Ordinal) == true)).ToList();
        var calendars = new List<(string Method, Ical.Net.CalendarComponents.CalendarEvent Event)>();
        foreach (var mail in mails)
        {
            calendars.Add(await CalendarOfAsync(mail));
            Assert.Equal("vanphong@camle.danang.gov.vn", mail.ReplyTo.Mailboxes.Single().Address);
        }

        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], calendars.Select(c => c.Method));
        Assert.Single(calendars.Select(c => c.Event.Uid).Distinct()); // one event, updated then withdrawn
        var sequences = calendars.Select(c => c.Event.Sequence).ToList();
        Assert.True(sequences[0] < sequences[1] && sequences[1] < sequences[2], string.Join(", ", sequences));
        Assert.Equal(new DateTime(2026, 11, 23, 7, 0, 0, DateTimeKind.Utc), calendars[1].Event.Start!.AsUtc);
        Assert.Equal(Ical.Net.EventStatus.Cancelled, calendars[2].Event.Status);
        Assert.All(calendars, c => Assert.Equal(new Uri("mailto:vanphong@camle.danang.gov.vn"), c.Event.Organizer!.Value));
        // The office reads replies: each invitation asks for one; a cancellation asks for none.
        Assert.Equal([true, true, false], calendars.Select(c => Assert.Single(c.Event.Attendees).Rsvp));
        Assert.Equal(["GIẤY MỜI", null, null], mails.Select(m => m.HtmlBody!.Contains("GIẤY MỜI", StringComparison.Ordinal) ? "GIẤY MỜI" : null));
    }

    [Fact]
    public async Task Invitations_of_a_session_scheduled_late_at_night_wait_for_seven_in_the_morning()
    {
        await _smtp.StartAsync();
        var consenting = await ImportAsync(10);
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 23, 10, 0, TimeSpan.FromHours(7)));
        var id = (await ScheduleAsync()).Str("id");

        var waiting = await Eventually.ReachedAsync(
            async () => await (await Api.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("items").GetArrayLength() == consenting.Count, TimeSpan.FromSeconds(30), "invitations queued");
        Assert.All(waiting.GetProperty("items").EnumerateArray(), i => Assert.Equal(("pending", "2026-11-03T07:00:00+07:00"), (i.Str("status"), i.Str("dueAt"))));
        Assert.Empty(_smtp.Messages());

        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 3, 7, 0, 0, TimeSpan.FromHours(7)));
        await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "sent") == consenting.Count, TimeSpan.FromSeconds(30), "invitations sent at 07:00");
        Assert.Equal(consenting.Count, _smtp.Messages().Count);
    }

    [Fact]
    public async Task With_the_SMTP_server_down_invitations_wait_and_all_go_once_it_is_back()
    {
        var consenting = await ImportAsync(20);
        var id = (await ScheduleAsync()).Str("id");

        var waiting = await Eventually.ReachedAsync(async () =>
            await (await Api.Get($"/api/communes/{Commune}/sessions/{id}/deliveries?channel=email")).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("items").GetArrayLength() == consenting.Count
                && r.GetProperty("items").EnumerateArray().All(i => i.GetProperty("lastError").ValueKind == JsonValueKind.String),
            TimeSpan.FromSeconds(30), "every invitation tried once and its failure recorded");
        var first = waiting.GetProperty("items")[0];
        Assert.Equal("pending", first.Str("status"));
        Assert.False(string.IsNullOrEmpty(first.Str("lastError")));
        Assert.Empty(_smtp.Messages());
        // The operator sees the e-mail channel unreachable; the platform stays in service (its invitations wait).
        var down = await (await Api.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Degraded", down.Str("status"));
        Assert.Equal("Degraded", down.GetProperty("checks").GetProperty("email").Str("status"));

        await _smtp.StartAsync();
        _platform.Clock.Advance(TimeSpan.FromMinutes(15)); // past the longest back-off

        await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "sent") == consenting.Count, TimeSpan.FromSeconds(60), "all invitations sent after the outage");
        var mails = _smtp.Messages();
        Assert.Equal(consenting.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
    }

    [Fact]
    public async Task The_day_before_the_notice_deadline_officers_are_warned_of_invitations_still_out_and_only_then()
    {
        var consenting = await ImportAsync(12);
        await ImportOfficerAsync();
        var session = await ScheduleAsync();
        var id = session.Str("id");
        var deadline = session.GetProperty("noticeDeadline").GetDateTimeOffset();
        var plan = await (await Api.Get($"/api/communes/{Commune}/sessions/{id}/notice-plan")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(deadline.AddDays(-1), plan.GetProperty("officeWarningAt").GetDateTimeOffset());

        // The SMTP server is down: invitations wait, retried. The day before the deadline the office hears of it.
        await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "pending") == consenting.Count + 1, TimeSpan.FromSeconds(30), "invitations waiting");
        Assert.DoesNotContain(await NoticesAsync(id), n => n.StartsWith("office-warning-", StringComparison.Ordinal));

        _platform.Clock.SetUtcNow(deadline.AddDays(-1));
        var notices = await Eventually.ReachedAsync(() => NoticesAsync(id), n => n.Any(x => x.StartsWith("office-warning-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the office warning queued");
        Assert.Single(notices, n => n.StartsWith("office-warning-", StringComparison.Ordinal));

        await _smtp.StartAsync();
        _platform.Clock.Advance(TimeSpan.FromMinutes(15));
        await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "sent") == consenting.Count + 2, TimeSpan.FromSeconds(60), "invitations and the warning sent");
        var warning = Assert.Single(_smtp.Messages(), m => m.Subject?.StartsWith("Cảnh báo hạn thông báo", StringComparison.Ordinal) == true);
        Assert.Equal("vanphong@camle.danang.gov.vn", warning.To.Mailboxes.Single().Address);
        // Nobody configured the SMS gateway here: the announcements wait too, and the office is told.
        Assert.Contains($"còn {consenting.Count + 1} giấy mời qua email chưa gửi đi, 12 tin nhắn SMS chưa gửi đi.", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("20/11/2026", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_warning_reaches_the_office_when_every_invitation_went_out()
    {
        await _smtp.StartAsync();
        var consenting = await ImportAsync(8, smsConsent: false);
        await ImportOfficerAsync();
        var session = await ScheduleAsync();
        var id = session.Str("id");
        await Eventually.ReachedAsync(() => EmailTallyAsync(id), t => Count(t, "sent") == consenting.Count + 1, TimeSpan.FromSeconds(30), "invitations sent");

        // Run the check itself (as its timed job would at its time): with everything sent it adds no message.
        var deadline = session.GetProperty("noticeDeadline").GetDateTimeOffset();
        _platform.Clock.SetUtcNow(deadline.AddDays(-1));
        var notices = _platform.Services.GetRequiredService<IGrainFactory>().GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(Commune, id));
        Assert.Equal(0, await notices.ExpandAsync(SessionNotice.DeadlineCheck(deadline)));
        Assert.DoesNotContain(await NoticesAsync(id), n => n.StartsWith("office-warning-", StringComparison.Ordinal));
        Assert.Equal(consenting.Count + 1, _smtp.Messages().Count);
    }

    /// <summary>The commune office's officer, who hears of invitations still out.</summary>
    private async Task ImportOfficerAsync()
    {
        var report = await (await Api.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(
            "Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\nTrần Văn Bình,cán bộ,Tổ dân phố 1,vanphong@camle.danang.gov.vn,có\n",
            Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("added").GetInt32());
    }

    private async Task<List<string>> NoticesAsync(string sessionId)
    {
        var report = await (await Api.Get($"/api/communes/{Commune}/sessions/{sessionId}/deliveries?pageSize=500")).JsonAsync(HttpStatusCode.OK);
        return report.GetProperty("items").EnumerateArray().Select(i => i.Str("notice")).ToList();
    }
}
