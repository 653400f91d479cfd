using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Invitees by quota (plans 002, 003): the office sets the groups, each hamlet head chooses their hamlet's people through
/// the link their e-mail carries, the office chooses the delegates; the people chosen outside the audience are invited;
/// the heads still short are reminded two days before the names are due and the office is alerted the day after.
/// Through the real outbox, dispatcher and SMTP server; a platform of its own, because it moves the clock.
/// </summary>
public sealed partial class InviteesTests : IAsyncLifetime
{
    private const string Commune = "20260"; // Phường Cẩm Lệ
    private const string PublicUrl = "https://doithoai.camle.danang.gov.vn/";
    private const string Head1 = "totruong1@camle.vn";
    private const string Head2 = "totruong2@camle.vn";
    private const string Office = "vanphong@camle.danang.gov.vn";

    private readonly SmtpSink _smtp = new();
    private readonly PlatformFactory _platform = new();
    private HttpClient _client = null!;
    private HttpClient _anonymous = null!;

    public async ValueTask InitializeAsync()
    {
        await _smtp.StartAsync();
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND phường Cẩm Lệ <ubnd@camle.danang.gov.vn>";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _platform.Settings["Platform:PublicUrl"] = PublicUrl;
        _client = _platform.CreateClient();
        _anonymous = _platform.CreateAnonymousClient();
        var report = await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(
            "Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\n"
            + $"Trần Văn Bình,cán bộ,Tổ dân phố 1,{Office},có\n"
            + $"Nguyễn Văn Hải,tổ trưởng,Tổ dân phố 1,{Head1},có\n"
            + $"Phạm Thị Lan,tổ trưởng,Tổ dân phố 2,{Head2},có\n"
            + "Võ Thị Yến,người dân,Tổ dân phố 1,yen@gmail.com,có\n"
            + "Lê Văn An,người dân,Tổ dân phố 1,an@gmail.com,có\n"
            + "Đỗ Minh Khoa,người dân,Tổ dân phố 1,khoa@gmail.com,không\n"
            + "Hồ Thị Bích,người dân,Tổ dân phố 1,bich@gmail.com,có\n"
            + "Mai Văn Tùng,người dân,Tổ dân phố 2,tung@gmail.com,có\n"
            + "Lý Thị Hoa,người dân,Tổ dân phố 2,hoa@gmail.com,có\n"
            + "Đặng Quốc Việt,đại biểu,Tổ dân phố 10,viet@danang.gov.vn,có\n"
            + "Ngô Thanh Tâm,đại biểu,Tổ dân phố 2,tam@danang.gov.vn,có\n",
            Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(11, report.GetProperty("added").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        _anonymous.Dispose();
        await _platform.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Plan_003_hamlet_heads_fill_their_quota_through_their_link_before_the_notice_deadline_are_reminded_while_short_and_late_choices_are_kept_as_late()
    {
        // The session is announced to the delegates, heads and officers; residents come by quota.
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-12-03T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND phường Cẩm Lệ", "audience": {"roles": ["delegate", "hamlet-head", "officer"]}}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}/invitees";

        var set = await (await _client.PutJsonAsync($"{url}/groups", """
            {"groups": [
              {"name": "Đại biểu HĐND phường", "role": "delegate", "minimum": 2, "maximum": 2},
              {"name": "Tổ dân phố 1", "hamlet": "tổ dân phố 1", "role": "resident", "minimum": 3, "maximum": 3},
              {"name": "Tổ dân phố 2", "hamlet": "Tổ dân phố 2", "role": "resident", "minimum": 2, "maximum": 5}]}
            """)).JsonAsync(HttpStatusCode.OK);
        // The invitations go by the notice deadline (26/11): the names are due two working days before it, 23/11
        // (24/11 is Culture Day).
        Assert.Equal(("2026-11-23", 7, 0, 3), (set.Str("deadline"), set.GetProperty("wanted").GetInt32(), set.GetProperty("chosen").GetInt32(), set.GetProperty("groupsShort").GetInt32()));
        Assert.Equal(["Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 10"], set.GetProperty("hamlets").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal([("g1", null, "Văn phòng HĐND và UBND"), ("g2", "Tổ dân phố 1", "Nguyễn Văn Hải"), ("g3", "Tổ dân phố 2", "Phạm Thị Lan")],
            set.GetProperty("groups").EnumerateArray().Select(g => (g.Str("key"), g.GetProperty("hamlet").GetString(), g.GetProperty("filledBy")[0].GetString())));

        // Refused, and nothing changes: a hamlet the registry does not know, a maximum under the minimum, a group of officers.
        var refused = await (await _client.PutJsonAsync($"{url}/groups", """
            {"groups": [{"name": "Tổ dân phố 9", "hamlet": "Tổ dân phố 9", "minimum": 5, "maximum": 7},
                        {"name": "Trường học", "minimum": 3, "maximum": 1}, {"name": "Cán bộ", "role": "officer", "minimum": 1, "maximum": 1}]}
            """)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, refused.GetProperty("errors").GetProperty("groups").GetArrayLength());
        Assert.Equal(3, (await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK)).GetProperty("groups").GetArrayLength());

        // Each head got their own link; the code is in the fragment, so it never reaches a server's access log.
        var code1 = await LinkCodeAsync(Head1, "g2");
        var code2 = await LinkCodeAsync(Head2, "g3");
        Assert.NotEqual(code1, code2);

        // A wrong code, a missing one, or the other head's code opens nothing.
        await (await Fill(HttpMethod.Get, $"{url}/groups/g2/fill", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Fill(HttpMethod.Get, $"{url}/groups/g2/fill", code2)).ProblemAsync(HttpStatusCode.NotFound);
        await (await Fill(HttpMethod.Get, $"{url}/groups/g2/fill", "aaaaaaaaaaaa")).ProblemAsync(HttpStatusCode.NotFound);

        // Head 1 sees the residents of their own group, by given name, without addresses, and chooses two of three.
        var page = await (await Fill(HttpMethod.Get, $"{url}/groups/g2/fill", code1)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["Lê Văn An", "Hồ Thị Bích", "Đỗ Minh Khoa", "Võ Thị Yến"], page.GetProperty("candidates").EnumerateArray().Select(c => c.Str("fullName")));
        Assert.DoesNotContain("@", page.GetRawText(), StringComparison.Ordinal);
        var ids = page.GetProperty("candidates").EnumerateArray().ToDictionary(c => c.Str("fullName"), c => c.Str("contactId"));
        var other = (await (await _client.Get($"{url}/groups/g3/candidates")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(c => c.Str("fullName"), c => c.Str("contactId"));

        var wrongHamlet = await (await Fill(HttpMethod.Put, $"{url}/groups/g2/fill", code1, ids["Lê Văn An"], other["Mai Văn Tùng"])).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Mai Văn Tùng", wrongHamlet.GetProperty("errors").GetProperty("contactIds")[0].GetString(), StringComparison.Ordinal);
        await (await Fill(HttpMethod.Put, $"{url}/groups/g2/fill", code1, [.. ids.Values])).ProblemAsync(HttpStatusCode.BadRequest); // four for three seats
        var filled = await (await Fill(HttpMethod.Put, $"{url}/groups/g2/fill", code1, ids["Võ Thị Yến"], ids["Lê Văn An"])).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, filled.GetProperty("candidates").EnumerateArray().Count(c => c.GetProperty("chosen").GetBoolean()));

        // Head 2 fills their group; the office chooses the delegates.
        await (await Fill(HttpMethod.Put, $"{url}/groups/g3/fill", code2, other["Mai Văn Tùng"], other["Lý Thị Hoa"])).JsonAsync(HttpStatusCode.OK);
        var delegates = (await (await _client.Get($"{url}/groups/g1/candidates")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Select(c => c.Str("contactId")).ToList();
        var list = await (await _client.PutJsonAsync($"{url}/groups/g1/members", JsonSerializer.Serialize(new { contactIds = delegates }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((7, 6, 1), (list.GetProperty("wanted").GetInt32(), list.GetProperty("chosen").GetInt32(), list.GetProperty("groupsShort").GetInt32()));
        var g2 = list.GetProperty("groups")[1];
        Assert.Equal((1, "Nguyễn Văn Hải (trưởng thôn, tổ trưởng)"), (g2.GetProperty("missing").GetInt32(), g2.GetProperty("members")[0].Str("addedBy")));

        // The residents chosen were outside the audience: each with an address and consent gets their own invitation; the
        // delegates, already in the audience, get no second one.
        await Eventually.ReachedAsync(() => Task.FromResult(Invitations("yen@gmail.com") + Invitations("an@gmail.com") + Invitations("tung@gmail.com") + Invitations("hoa@gmail.com")),
            n => n == 4, TimeSpan.FromSeconds(30), "the chosen residents' invitations");
        Assert.Equal((1, 1, 0), (Invitations("viet@danang.gov.vn"), Invitations("tam@danang.gov.vn"), Invitations("khoa@gmail.com")));

        // 21 November, 08:00: only head 1, still short, is reminded, with what is missing.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(7)));
        var reminded = await Eventually.ReachedAsync(() => Task.FromResult(Mails("Nhắc chọn người")), m => m.Count > 0, TimeSpan.FromSeconds(30), "the reminder to head 1");
        Assert.Equal([(Head1, "Nhắc chọn người dự hội nghị đối thoại: Tổ dân phố 1 còn thiếu 1 người – UBND phường Cẩm Lệ")], reminded.Select(m => (m.To, m.Subject)));
        Assert.Contains($"nhom=g2#ma={code1}", reminded[0].Body, StringComparison.Ordinal);

        // 24 November, 08:00, the names were due yesterday: the office is told which group is short.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(7)));
        var alert = await Eventually.ReachedAsync(() => Task.FromResult(Mails("Còn thiếu người")), m => m.Count > 0, TimeSpan.FromSeconds(30), "the office's alert");
        Assert.Equal(Office, Assert.Single(alert).To);
        Assert.Contains("- Tổ dân phố 1: thiếu 1 người", alert[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tổ dân phố 2", alert[0].Body, StringComparison.Ordinal);
        Assert.Single(Mails("Nhắc chọn người"));

        // After the names were due the head can no longer add anyone; the office can, saying why, and the lateness is
        // kept with the person, shown in the list and counted by the province (issue 25: invited by the notice deadline).
        var tooLate = await (await Fill(HttpMethod.Put, $"{url}/groups/g2/fill", code1, ids["Võ Thị Yến"], ids["Lê Văn An"], ids["Hồ Thị Bích"])).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("23/11/2026", tooLate.Str("detail"), StringComparison.Ordinal);
        var withoutReason = await (await _client.PutJsonAsync($"{url}/groups/g2/members",
            JsonSerializer.Serialize(new { contactIds = new[] { ids["Võ Thị Yến"], ids["Lê Văn An"], ids["Hồ Thị Bích"] } }))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("lateReason", withoutReason.Str("detail"), StringComparison.Ordinal);
        var late = await (await _client.PutJsonAsync($"{url}/groups/g2/members", JsonSerializer.Serialize(new
        {
            contactIds = new[] { ids["Võ Thị Yến"], ids["Lê Văn An"], ids["Hồ Thị Bích"] },
            lateReason = "Tổ trưởng báo thiếu người do một người đi công tác",
        }))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 0), (late.GetProperty("chosenLate").GetInt32(), late.GetProperty("groupsShort").GetInt32()));
        var members = late.GetProperty("groups")[1].GetProperty("members").EnumerateArray().ToDictionary(m => m.Str("fullName"), m => m.GetProperty("chosenLate").GetBoolean());
        Assert.Equal((true, false), (members["Hồ Thị Bích"], members["Võ Thị Yến"]));
        await Eventually.ReachedAsync(async () => await (await _client.Get("/api/provinces/48/overview")).JsonAsync(HttpStatusCode.OK),
            o => o.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == Commune).GetProperty("inviteesChosenLate").GetInt32() == 1,
            TimeSpan.FromSeconds(10), "the province counting the late choice");
    }

    private async Task<string> LinkCodeAsync(string head, string group)
    {
        var request = await Eventually.ReachedAsync(() => Task.FromResult(Mails("Đề nghị chọn người").Where(m => m.To == head).ToList()), m => m.Count > 0,
            TimeSpan.FromSeconds(30), $"the request to {head}");
        var match = LinkPattern().Match(Assert.Single(request).Body);
        Assert.True(match.Success, request[0].Body);
        Assert.Equal(group, match.Groups["group"].Value);
        return match.Groups["code"].Value;
    }

    private Task<HttpResponseMessage> Fill(HttpMethod method, string url, string? code, params string[] contactIds)
    {
        var request = new HttpRequestMessage(method, url);
        if (code is not null)
        {
            request.Headers.Add("X-Invitee-Code", code);
        }

        if (method == HttpMethod.Put)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(new { contactIds }), Encoding.UTF8, "application/json");
        }

        return _anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private int Invitations(string address) =>
        _smtp.Messages().Count(m => m.To.Mailboxes.Single().Address == address && m.Subject?.StartsWith("Giấy mời:", StringComparison.Ordinal) == true);

    private List<(string To, string Subject, string Body)> Mails(string prefix) =>
        [.. _smtp.Messages().Where(m => m.Subject?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .Select(m => (m.To.Mailboxes.Single().Address, m.Subject!, m.TextBody ?? ""))];

    [GeneratedRegex(@"https://doithoai\.camle\.danang\.gov\.vn/moi\.html\?xa=20260&phien=2026-\d{4}&nhom=(?<group>g\d+)#ma=(?<code>[a-z2-9]{12})")]
    private static partial Regex LinkPattern();
}
