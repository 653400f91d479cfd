using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// The weekly digest to a province's supervisors: a recurring Quartz job (cron in Vietnam time, working days only)
/// that e-mails through the outbox to a real SMTP server, driven here by the platform's fake clock.
/// </summary>
public sealed class WeeklyDigestTests : IAsyncLifetime
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

        // The next week, again at 07:30 on Monday; the session then is past, so nothing is coming.
        _platform.Clock.SetUtcNow(firstMonday.AddDays(7));
        var second = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages()), m => m.Count(IsDigest) == 4, TimeSpan.FromSeconds(30), "second digest");
        Assert.Contains(second, m => m.Subject == "Bản tin tuần đối thoại - Thành phố Đà Nẵng - 16/11/2026"
            && m.TextBody!.Contains("1. Hội nghị trong 7 ngày tới (0)", StringComparison.Ordinal));
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

    private static bool IsDigest(MimeKit.MimeMessage message) => message.Subject is { } subject && subject.StartsWith("Bản tin tuần", StringComparison.Ordinal);
}
