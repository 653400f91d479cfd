using System.Net;
using System.Text.Json;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Speakers;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Residents register to speak on the public form (no token); the chair sees the speaking order, phones masked, and
/// rearranges it; registration closes when the session starts. A platform of its own: these tests move its clock.
/// </summary>
public sealed class SpeakersTests : IAsyncLifetime
{
    private const string Commune = "00364"; // Phường Khương Đình, Hà Nội

    private readonly PlatformFactory _platform = new();
    private HttpClient _officer = null!;
    private HttpClient _resident = null!;

    public async ValueTask InitializeAsync()
    {
        _officer = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: Commune, name: "Văn phòng UBND phường Khương Đình");
        _resident = _platform.CreateAnonymousClient();
    }

    public async ValueTask DisposeAsync()
    {
        _officer.Dispose();
        _resident.Dispose();
        await _platform.DisposeAsync();
    }

    private static string Registration(string name, string phone, string opinion) => JsonSerializer.Serialize(new
    {
        fullName = name, jobTitle = "Tổ trưởng tổ dân phố", workplaceOrAddress = "Tổ dân phố 5, phường Khương Đình", phone, opinion, consent = true,
    });

    [Fact]
    public async Task Registrations_from_the_public_form_become_the_speaking_order_the_chair_rearranges_until_the_session_starts()
    {
        var session = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND phường Khương Đình"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}";

        var shown = await (await _resident.Get($"{url}/registration")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Hội nghị đối thoại định kỳ năm 2026", "Phường Khương Đình", true),
            (shown.Str("title"), shown.Str("communeName"), shown.GetProperty("openForSpeakers").GetBoolean()));

        var first = await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Nguyễn Thị Hoa", "0912 345 111", "Đề nghị lắp đèn chiếu sáng ngõ 35"))).JsonAsync(HttpStatusCode.Created);
        var second = await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Trần Văn Bình", "0987654321", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất"))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((1, 1, 2, 2), (first.GetProperty("number").GetInt32(), first.GetProperty("position").GetInt32(), second.GetProperty("number").GetInt32(), second.GetProperty("position").GetInt32()));

        // The same phone again: refused without the edit code her receipt showed, or with a wrong one; with it (typed in
        // any case) the opinion is replaced, the place kept, no second entry, and no new code.
        var code = first.Str("editCode");
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        Assert.NotEqual(code, second.Str("editCode"));
        var edit = Registration("Nguyễn Thị Hoa", "+84912345111", "Đề nghị lắp đèn chiếu sáng ngõ 35 và ngõ 37");
        var overwrite = await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Kẻ Mạo Danh", "+84912345111", "Rút đề nghị"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("mã sửa đăng ký", overwrite.Str("detail"));
        await (await _resident.PostJsonAsync($"{url}/speakers", edit.Replace("}", ",\"editCode\":\"AAAAA-AAAAA\"}"))).ProblemAsync(HttpStatusCode.Conflict);
        var again = await (await _resident.PostJsonAsync($"{url}/speakers", edit.Replace("}", $",\"editCode\":\"{code.ToLowerInvariant().Replace("-", " ")}\"}}"))).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((1, 1, true, JsonValueKind.Null), (again.GetProperty("number").GetInt32(), again.GetProperty("position").GetInt32(), again.GetProperty("updated").GetBoolean(), again.GetProperty("editCode").ValueKind));

        // The public cannot read the list; the officer reads it with phones masked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _resident.Get($"{url}/speakers")).StatusCode);
        var list = await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Nguyễn Thị Hoa", "Trần Văn Bình"], list.EnumerateArray().Select(s => s.Str("fullName")));
        Assert.Equal("Đề nghị lắp đèn chiếu sáng ngõ 35 và ngõ 37", list[0].Str("opinion"));
        Assert.Equal("09xx xxx 111", list[0].Str("phone"));

        // The chair puts the land question first; a list that leaves someone out is refused and changes nothing.
        var refused = await (await _officer.PutJsonAsync($"{url}/speakers/order", """{"numbers": [2]}""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("numbers", refused.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var reordered = await (await _officer.PutJsonAsync($"{url}/speakers/order", """{"numbers": [2, 1]}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([(2, 1), (1, 2)], reordered.EnumerateArray().Select(s => (s.GetProperty("number").GetInt32(), s.GetProperty("position").GetInt32())));
        var audit = await (await (await _platform.CreateClientAsAsync(Roles.NationalAdmin)).Get($"/api/provinces/01/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.Str("action") == "speakers.reordered");

        // Bad input: each field says why in Vietnamese, and the list is unchanged.
        var badResponse = await _resident.PostJsonAsync($"{url}/speakers", """
            {"fullName": "", "workplaceOrAddress": "Tổ 5", "phone": "12345", "opinion": "", "consent": false}
            """);
        var bad = await badResponse.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.TryGetProperty("errors", out _), bad.ToString());
        Assert.Equal(["consent", "fullName", "opinion", "phone"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(2, (await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // At 08:00 on the day the session starts: registration is closed.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(7)));
        var closed = await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Lê Văn Cường", "0901234567", "Xin phát biểu về rác thải"))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("không còn nhận đăng ký", closed.Str("detail"));
        Assert.False((await (await _resident.Get($"{url}/registration")).JsonAsync(HttpStatusCode.OK)).GetProperty("openForSpeakers").GetBoolean());
        Assert.Equal(2, (await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // A day short of 30 days after the session the numbers are still there; 30 days after, they are erased, by
        // the timed job the first registration planned (the names and opinions stay with the session's record).
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 19, 8, 0, 0, TimeSpan.FromHours(7)));
        var speakers = _platform.Services.GetRequiredService<IGrainFactory>().GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(Commune, session.Str("id")));
        Assert.Equal(0, await speakers.ErasePhonesAsync()); // a job run early erases nothing
        Assert.Equal(["09xx xxx 321", "09xx xxx 111"], (await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(s => s.Str("phone")));
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.FromHours(7)));
        var erased = await Eventually.ReachedAsync(async () => await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK),
            l => l.EnumerateArray().All(s => s.Str("phone") == ""), TimeSpan.FromSeconds(30), "the speakers' phones erased");
        Assert.Equal([("Nguyễn Thị Hoa", true), ("Trần Văn Bình", true)],
            erased.EnumerateArray().OrderBy(s => s.GetProperty("number").GetInt32())
                .Select(s => (s.Str("fullName"), s.GetProperty("phoneErasedAt").ValueKind == JsonValueKind.String)));
    }

    [Fact]
    public async Task Plan_003_the_desk_in_the_hall_registers_speakers_after_the_session_starts_until_it_is_concluded()
    {
        var session = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND phường Khương Đình"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}";

        // The session has begun: the public form is closed, the office's desk is open; the speaker need not give a phone.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.FromHours(7)));
        await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Lê Văn Cường", "0901234567", "Xin phát biểu về rác thải"))).ProblemAsync(HttpStatusCode.Conflict);
        var desk = await (await _officer.PostJsonAsync($"{url}/speakers/desk", """
            {"fullName": "Lê Văn Cường", "workplaceOrAddress": "Tổ dân phố 2", "opinion": "Xin phát biểu về thu gom rác thải"}
            """)).JsonAsync(HttpStatusCode.Created);
        Assert.Equal((1, 1), (desk.GetProperty("number").GetInt32(), desk.GetProperty("position").GetInt32()));
        await (await _resident.PostJsonAsync($"{url}/speakers/desk", """{"fullName": "A", "workplaceOrAddress": "B", "opinion": "C"}""")).ProblemAsync(HttpStatusCode.Unauthorized);

        // Held, the desk still takes speakers (with a phone, consent is asked); concluded, it closes.
        await (await _officer.PostJsonAsync($"{url}/held", "{}")).JsonAsync(HttpStatusCode.OK);
        await (await _officer.PostJsonAsync($"{url}/speakers/desk", """
            {"fullName": "Phạm Thị Dung", "workplaceOrAddress": "Tổ dân phố 7", "opinion": "Đề nghị sửa đường ngõ 12", "phone": "0903111222"}
            """)).ProblemAsync(HttpStatusCode.BadRequest);
        await (await _officer.PostJsonAsync($"{url}/speakers/desk", """
            {"fullName": "Phạm Thị Dung", "workplaceOrAddress": "Tổ dân phố 7", "opinion": "Đề nghị sửa đường ngõ 12", "phone": "0903111222", "consent": true}
            """)).JsonAsync(HttpStatusCode.Created);
        var hall = await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([("Lê Văn Cường", ""), ("Phạm Thị Dung", "09xx xxx 222")], hall.EnumerateArray().Select(s => (s.Str("fullName"), s.Str("phone"))));
        var audit = await (await (await _platform.CreateClientAsAsync(Roles.NationalAdmin)).Get($"/api/provinces/01/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, audit.GetProperty("items").EnumerateArray().Count(e => e.Str("action") == "speaker.registered-at-desk"));
        await (await _officer.PostJsonAsync($"{url}/conclude", """{"conclusion": "Giao phòng Kinh tế khảo sát ngõ 12."}""")).JsonAsync(HttpStatusCode.OK);
        await (await _officer.PostJsonAsync($"{url}/speakers/desk", """{"fullName": "Đỗ Văn Em", "workplaceOrAddress": "Tổ 1", "opinion": "Ý kiến muộn"}""")).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task One_address_cannot_fill_the_places_and_the_office_removes_a_registration_in_the_log()
    {
        var session = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "thematic", "form": "in-person", "title": "Đối thoại về chỉnh trang đô thị", "topic": "Chỉnh trang vỉa hè", "startsAt": "2026-11-25T14:00:00+07:00",
             "durationMinutes": 120, "venue": "Nhà văn hóa tổ dân phố 2"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}";
        for (var i = 0; i < SpeakerRules.MaxPerOrigin; i++)
        {
            await (await _resident.PostJsonAsync($"{url}/speakers", Registration($"Người Dân Thứ {(char)('A' + i)}", $"09123450{i:00}", "Ý kiến về vỉa hè"))).JsonAsync(HttpStatusCode.Created);
        }

        // The eleventh from the same address is refused (429) and not stored; the desk in the hall still registers.
        var refused = await (await _resident.PostJsonAsync($"{url}/speakers", Registration("Người Dân Thứ Mười Một", "0912345099", "Ý kiến về vỉa hè"))).ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("bàn đăng ký", refused.Str("detail"));
        await (await _officer.PostJsonAsync($"{url}/speakers/desk", """{"fullName": "Đỗ Văn Sáng", "workplaceOrAddress": "Tổ dân phố 2", "opinion": "Lát lại vỉa hè phố Khương Đình"}"""))
            .JsonAsync(HttpStatusCode.Created);
        Assert.Equal(SpeakerRules.MaxPerOrigin + 1, (await (await _officer.Get($"{url}/speakers")).JsonAsync(HttpStatusCode.OK)).GetArrayLength());

        // The office removes one; the public cannot; the removal is in the province's log with who did it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _resident.Delete($"{url}/speakers/3")).StatusCode);
        var removal = await (await _officer.Delete($"{url}/speakers/3")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, removal.GetProperty("removed").GetInt32());
        Assert.DoesNotContain(removal.GetProperty("speakers").EnumerateArray(), s => s.GetProperty("number").GetInt32() == 3);
        await (await _officer.Delete($"{url}/speakers/3")).ProblemAsync(HttpStatusCode.NotFound);
        var audit = await (await (await _platform.CreateClientAsAsync(Roles.NationalAdmin)).Get($"/api/provinces/01/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        var entry = audit.GetProperty("items").EnumerateArray().First(e => e.Str("action") == "speaker.removed");
        Assert.Equal(("số 3", $"Văn phòng UBND phường Khương Đình (commune-officer {Commune})"), (entry.Str("detail"), entry.Str("actor")));
    }

    [Fact]
    public async Task An_unknown_session_or_commune_is_a_clear_404_on_the_public_form()
    {
        var missing = await (await _resident.PostJsonAsync($"/api/communes/{Commune}/sessions/2026-9999/speakers", Registration("Nguyễn Văn An", "0912000111", "Ý kiến"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("2026-9999", missing.Str("detail"));
        await (await _resident.Get("/api/communes/99999/sessions/2026-0001/registration")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
