using System.Net;
using System.Text.Json;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Tests;

/// <summary>
/// A commune's public page as a resident gets it, with no token: coming dialogues and urgent alerts without anyone's
/// personal data, what was called off, the published results; a petition looked up by its number and the last four
/// digits of the phone given with it, and a guesser slowed down. A platform of its own: it sets its own limits.
/// </summary>
public sealed class PublicPageTests : IAsyncLifetime
{
    private const string Commune = "00316"; // Phường Định Công, Hà Nội

    private readonly PlatformFactory _platform = new();
    private HttpClient _officer = null!;
    private HttpClient _resident = null!;

    public async ValueTask InitializeAsync()
    {
        _platform.Settings["Auth:LookupRequestsPerMinute"] = "10";
        _officer = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: Commune, name: "Văn phòng UBND phường Định Công");
        _resident = _platform.CreateAnonymousClient();
    }

    public async ValueTask DisposeAsync()
    {
        _officer.Dispose();
        _resident.Dispose();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task The_public_page_shows_coming_and_called_off_dialogues_urgent_alerts_and_results_but_no_one_s_personal_data()
    {
        await (await _officer.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(
            "Họ và tên,Thôn/Tổ dân phố,Số điện thoại,Đồng ý SMS\nLê Văn Định,Tổ 5,0912 000 555,có\n", System.Text.Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        var periodic = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ cuối năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 180, "venue": "Hội trường UBND phường", "chair": "Chủ tịch UBND phường"}
            """)).JsonAsync(HttpStatusCode.Created);
        var urgent = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "urgent", "form": "online", "title": "Đối thoại khẩn về sự cố lún nứt chung cư", "startsAt": "2026-11-02T19:00:00+07:00",
             "durationMinutes": 60, "onlineUrl": "https://hop.dinhcong.hanoi.gov.vn/lun-nut", "urgentReason": "Chung cư tổ 5 lún nứt, 40 hộ phải sơ tán"}
            """)).JsonAsync(HttpStatusCode.Created);
        var called = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "thematic", "form": "in-person", "title": "Đối thoại về chợ tạm", "startsAt": "2026-11-25T14:00:00+07:00",
             "durationMinutes": 120, "venue": "Nhà văn hóa tổ 2", "topic": "Di dời chợ tạm tổ 2"}
            """)).JsonAsync(HttpStatusCode.Created);
        await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions/{called.Str("id")}/cancel", """{"reason": "Chợ tạm đã được giữ nguyên theo ý kiến người dân"}"""))
            .JsonAsync(HttpStatusCode.OK);

        var response = await _resident.GetAsync($"/api/public/communes/{Commune}", TestContext.Current.CancellationToken);
        var page = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.Equal("Phường Định Công", page.Str("name"));
        var upcoming = page.GetProperty("upcoming").EnumerateArray().ToDictionary(s => s.Str("id"));
        Assert.Equal(("scheduled", "Hội trường UBND phường", $"/dang-ky.html?xa={Commune}&phien={periodic.Str("id")}"),
            (upcoming[periodic.Str("id")].Str("status"), upcoming[periodic.Str("id")].Str("venue"), upcoming[periodic.Str("id")].Str("registrationLink")));
        Assert.Equal(("cancelled", "Chợ tạm đã được giữ nguyên theo ý kiến người dân"), (upcoming[called.Str("id")].Str("status"), upcoming[called.Str("id")].Str("cancelReason")));
        Assert.Null(upcoming[called.Str("id")].GetProperty("registrationLink").GetString());
        var alert = Assert.Single(page.GetProperty("urgentAlerts").EnumerateArray());
        Assert.Equal((urgent.Str("id"), "https://hop.dinhcong.hanoi.gov.vn/lun-nut"), (alert.Str("id"), alert.Str("onlineUrl")));
        Assert.Equal($"/api/communes/{Commune}/calendar.ics", page.Str("calendarFeed"));

        // Nothing personal: not the contact's name or phone, not the officer's name.
        var text = page.GetRawText();
        Assert.DoesNotContain("Lê Văn Định", text, StringComparison.Ordinal);
        Assert.DoesNotContain("555", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Văn phòng UBND phường Định Công", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_petitioner_looks_up_their_petition_with_its_number_and_four_phone_digits_and_a_guesser_learns_nothing_and_is_slowed()
    {
        var petition = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions", """
            {"source": "letter", "field": "land", "content": "Đề nghị xác định lại ranh giới thửa đất số 112",
             "petitionerName": "Đào Thị Yến", "petitionerPhone": "0983 456 789"}
            """)).JsonAsync(HttpStatusCode.Created);
        var id = petition.Str("id");
        await (await _officer.PostJsonAsync($"/api/communes/{Commune}/petitions/{id}/assign", """{"unit": "Phòng Kinh tế", "dueDate": "2026-11-20"}"""))
            .JsonAsync(HttpStatusCode.OK);

        var found = await (await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/{id}?phone=6789", TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((id, "assigned", "Phòng Kinh tế", "2026-11-16"), (found.Str("id"), found.Str("status"), found.Str("assignedUnit"), found.Str("owedBy")));
        Assert.DoesNotContain("Đào Thị Yến", found.GetRawText(), StringComparison.Ordinal);

        // Wrong digits and an unknown number read the same; three digits are not enough.
        var wrong = await (await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/{id}?phone=6788", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await (await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/KN-2026-9999?phone=6789", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(wrong.Str("detail"), unknown.Str("detail"));
        await (await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/{id}?phone=789", TestContext.Current.CancellationToken)).ProblemAsync(HttpStatusCode.BadRequest);

        // Ten lookups a minute from one address (the window opens at its first lookup, above), then 429 with a wait.
        for (var i = 5; i <= 10; i++)
        {
            using var allowed = await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/{id}?phone={1000 + i}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var last = await _resident.GetAsync($"/api/public/communes/{Commune}/petitions/{id}?phone=6789", TestContext.Current.CancellationToken);
        Assert.NotNull(last.Headers.RetryAfter);
        var refused = await last.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("quá nhiều yêu cầu", refused.Str("detail"), StringComparison.Ordinal);
    }
}
