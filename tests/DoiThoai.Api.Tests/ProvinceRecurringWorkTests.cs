using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// A province's recurring work, Quartz cron jobs in Vietnam time on working days only, e-mailing through the outbox to a
/// real SMTP server, driven here by the platform's fake clock: the weekly digest to its supervisors, and the reminders to
/// communes without a periodic dialogue before the date its instruction set.
/// </summary>
public sealed class ProvinceRecurringWorkTests : IAsyncLifetime
{
    private const string DaNang = "48";
    private const string CamLe = "20260";

    private readonly SmtpSink _smtp = new();
    private readonly PlatformFactory _platform = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _smtp.StartAsync();
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND thành phố Đà Nẵng <ubnd@danang.gov.vn>";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _client = _platform.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_digest_reaches_the_supervisors_on_its_day_and_time_each_week_and_tells_what_is_coming()
    {
        // Monday 2 November 2026, 09:00: this week's 07:30 has passed, so the first digest is next Monday's.
        var settings = await (await _client.PutJsonAsync($"/api/provinces/{DaNang}/digest", """
            {"day": "monday", "at": "07:30", "recipients": ["giamsat1@danang.gov.vn", "GiamSat2@danang.gov.vn", "giamsat1@danang.gov.vn"]}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("monday", "07:30", 2), (settings.Str("day"), settings.Str("at"), settings.GetProperty("recipients").GetArrayLength()));
        Assert.DoesNotContain("giamsat1@", settings.GetRawText(), StringComparison.Ordinal); // masked when read back

        await (await _client.PostJsonAsync($"/api/communes/{CamLe}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại về chỉnh trang đô thị phường Cẩm Lệ",
             "startsAt": "2026-11-12T08:00:00+07:00", "durationMinutes": 120, "venue": "Hội trường UBND phường Cẩm Lệ"}
            """)).JsonAsync(HttpStatusCode.Created);

        var firstMonday = new DateTimeOffset(2026, 11, 9, 7, 30, 0, TimeSpan.FromHours(7));
        _platform.Clock.SetUtcNow(firstMonday);
        var first = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsDigest) == 2, TimeSpan.FromSeconds(30), "first digest");
        var digest = first.First(IsDigest);
        Assert.Equal("Bản tin tuần đối thoại - Thành phố Đà Nẵng - 09/11/2026", digest.Subject);
        Assert.Equal(["giamsat1@danang.gov.vn", "giamsat2@danang.gov.vn"], first.Where(IsDigest).Select(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).Order());
        var body = digest.TextBody;
        Assert.Contains("1. Hội nghị trong 7 ngày tới (1)", body, StringComparison.Ordinal);
        Assert.Contains("08:00 ngày 12/11/2026: Phường Cẩm Lệ — định kỳ \"Đối thoại về chỉnh trang đô thị phường Cẩm Lệ\"", body, StringComparison.Ordinal);
        Assert.Contains("Chưa có hội nghị định kỳ năm 2026", body, StringComparison.Ordinal);

        var sent = await (await _client.Get($"/api/provinces/{DaNang}/digest")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(firstMonday, sent.GetProperty("lastSentAt").GetDateTimeOffset()); // fired at its time, not before
        Assert.Equal(2, sent.GetProperty("lastSentTo").GetInt32());

        // Monday 16 November becomes a day off (the official list replaced): the digest skips it and comes on the 23rd,
        // again at 07:30; the session then is past, so nothing is coming.
        await (await _client.PutJsonAsync("/api/holidays/2026", """
            {"days": [{"date": "2026-01-01", "name": "Tết Dương lịch"}, {"date": "2026-11-16", "name": "Nghỉ theo quyết định của Thủ tướng"}]}
            """)).JsonAsync(HttpStatusCode.OK);
        await Eventually.ReachedAsync(() => Task.FromResult(NextDigest()), at => at == firstMonday.AddDays(14), TimeSpan.FromSeconds(30), "the digest moved past the day off");
        _platform.Clock.SetUtcNow(firstMonday.AddDays(14));
        var second = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsDigest) == 4, TimeSpan.FromSeconds(30), "second digest");
        Assert.Contains(second, m => m.Subject == "Bản tin tuần đối thoại - Thành phố Đà Nẵng - 23/11/2026"
            && m.TextBody!.Contains("1. Hội nghị trong 7 ngày tới (0)", StringComparison.Ordinal));
        Assert.DoesNotContain(second, m => m.Subject!.EndsWith("16/11/2026", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_outside_working_hours_or_a_wrong_address_is_refused_and_changes_nothing()
    {
        var problem = await (await _client.PutJsonAsync($"/api/provinces/{DaNang}/digest", """
            {"day": "sunday", "at": "23:15", "recipients": ["khong-phai-dia-chi"]}
            """)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Lịch bản tin tuần chưa hợp lệ.", problem.Str("detail"));
        var errors = problem.GetProperty("errors");
        Assert.Contains("thứ Hai đến thứ Sáu", errors.GetProperty("day")[0].GetString()!, StringComparison.Ordinal);
        Assert.Contains("07:00 đến 21:59", errors.GetProperty("at")[0].GetString()!, StringComparison.Ordinal);
        Assert.StartsWith("Địa chỉ thứ 1", errors.GetProperty("recipients")[0].GetString()!, StringComparison.Ordinal);

        var unchanged = await (await _client.Get($"/api/provinces/{DaNang}/digest")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("monday", "07:30", 0), (unchanged.Str("day"), unchanged.Str("at"), unchanged.GetProperty("recipients").GetArrayLength()));
    }

    [Fact]
    public async Task Communes_without_a_periodic_dialogue_are_reminded_ten_five_and_one_working_days_before_the_instructions_date()
    {
        const string HaiVan = "20194";
        foreach (var (commune, name) in new[] { (CamLe, "camle"), (HaiVan, "haivan") })
        {
            var csv = $"Họ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\nTrần Văn Phòng,cán bộ,Văn phòng,Tổ 1,,vanphong@{name}.danang.gov.vn,không,có\n";
            await (await _client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"),
                TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        }

        // Hải Vân has scheduled its periodic dialogue; Cẩm Lệ has not.
        await (await _client.PostJsonAsync($"/api/communes/{HaiVan}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026 phường Hải Vân",
             "startsAt": "2026-11-18T08:00:00+07:00", "durationMinutes": 120, "venue": "Hội trường UBND phường Hải Vân"}
            """)).JsonAsync(HttpStatusCode.Created);
        var issued = await (await _client.PostJsonAsync($"/api/provinces/{DaNang}/instructions", """
            {"text": "Các xã, phường tổ chức hội nghị đối thoại định kỳ năm 2026 trước ngày 20/11/2026.", "periodicBy": "2026-11-20"}
            """)).JsonAsync(HttpStatusCode.OK);
        var id = issued.Str("id");

        // Friday 6 November, 08:00: ten working days left (9–13 and 16–20 November).
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 6, 8, 0, 0, TimeSpan.FromHours(7)));
        var first = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsReminder) == 1, TimeSpan.FromSeconds(30), "first reminder");
        var reminder = first.Single(IsReminder);
        Assert.Equal("vanphong@camle.danang.gov.vn", reminder.To.Mailboxes.Single().Address);
        Assert.Equal("Nhắc tổ chức hội nghị đối thoại định kỳ trước 20/11/2026 – UBND phường Cẩm Lệ", reminder.Subject);
        Assert.Contains($"Theo chỉ đạo {id} của Thành phố Đà Nẵng", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("Còn 10 ngày làm việc", reminder.TextBody, StringComparison.Ordinal);

        // Friday 13 November: five left; Cẩm Lệ is told again, and only Cẩm Lệ.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 13, 8, 0, 0, TimeSpan.FromHours(7)));
        var second = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsReminder) == 2, TimeSpan.FromSeconds(30), "second reminder");
        Assert.Contains(second, m => IsReminder(m) && m.TextBody!.Contains("Còn 5 ngày làm việc", StringComparison.Ordinal));
        Assert.All(second.Where(IsReminder), m => Assert.Equal("vanphong@camle.danang.gov.vn", m.To.Mailboxes.Single().Address));

        // Thursday 19 November: the last working day before the date.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.FromHours(7)));
        var third = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsReminder) == 3, TimeSpan.FromSeconds(30), "last reminder");
        Assert.Contains(third, m => IsReminder(m) && m.TextBody!.Contains("Còn 1 ngày làm việc", StringComparison.Ordinal));
    }

    /// <summary>When the digest's trigger fires next, as Quartz's table holds it.</summary>
    private DateTimeOffset? NextDigest()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_platform.DataDir, "jobs.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE JOB_GROUP = 'province/{DaNang}' AND JOB_NAME = 'weekly-digest'";
        return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    private static bool IsReminder(MimeKit.MimeMessage message) => message.Subject is { } subject && subject.StartsWith("Nhắc tổ chức hội nghị", StringComparison.Ordinal);

    private static bool IsDigest(MimeKit.MimeMessage message) => message.Subject is { } subject && subject.StartsWith("Bản tin tuần", StringComparison.Ordinal);
}
