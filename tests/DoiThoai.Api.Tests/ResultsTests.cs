using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;
using MimeKit;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Issue 25 end to end, on the real servers: a dialogue of Xã Thượng Hồng scheduled with its organisers, prepared, held,
/// concluded item by item, signed and published — the conclusion notice numbered, received by e-mail with its PDF and by
/// SMS through Kannel, heard on the commune's Icecast mount in the next slot, posted on the public list — the item to be
/// handled followed as a task until closed, the linked petition's petitioner told each step, and the province seeing the
/// results on time, while a commune that published after 10 days shows as late. A platform of its own: it moves the clock.
/// </summary>
public sealed class ResultsTests : IAsyncLifetime
{
    private const string Commune = "10993";  // Xã Thượng Hồng, Hải Phòng
    private const string Late = "10714";     // Phường Nhị Chiểu, Hải Phòng
    private const string Secret = "dlr-results-secret";
    private const string Office = "vanphong@thuonghong.haiphong.gov.vn";
    private const string Head1 = "truongthon1@thuonghong.vn";
    private const string Front = "mattran@thuonghong.vn";
    private const string Petitioner = "hoa.nguyen@example.vn";

    private readonly SmtpSink _smtp = new();
    private readonly KannelGateway _kannel = new();
    private readonly IcecastServer _icecast = new();
    private readonly PlatformFactory _platform = new();
    private readonly int _port = Ports.Free();
    private HttpClient _client = null!;
    private HttpClient _resident = null!;

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(_smtp.StartAsync(), _kannel.StartAsync(), _icecast.StartAsync());
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND xã Thượng Hồng <ubnd@thuonghong.haiphong.gov.vn>";
        _platform.Settings["Sms:Kannel:SendUrl"] = _kannel.SendUrl;
        _platform.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        _platform.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        _platform.Settings["Sms:Kannel:DlrSecret"] = Secret;
        _platform.Settings["Sms:Kannel:DlrUrl"] = $"http://127.0.0.1:{_port}/api/sms/dlr";
        _platform.Settings["Loudspeaker:Icecast:Url"] = _icecast.Url;
        _platform.Settings["Loudspeaker:Icecast:SourcePassword"] = IcecastServer.SourcePassword;
        _platform.Settings["Loudspeaker:Icecast:WordsPerMinute"] = "320";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _platform.Settings["Platform:PublicUrl"] = "https://doithoai.haiphong.gov.vn/";
        _platform.UseKestrel(_port);
        _platform.StartServer();
        _client = _platform.CreateClient();
        _resident = _platform.CreateAnonymousClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await Task.WhenAll(_smtp.DisposeAsync().AsTask(), _kannel.DisposeAsync().AsTask(), _icecast.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task A_dialogue_is_concluded_published_within_ten_days_received_by_mail_sms_and_loudspeaker_and_followed_up()
    {
        var contacts = await ImportAsync();
        var frontContact = contacts["Lê Văn Mạnh"];
        var session = await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", $$$$"""
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND xã Thượng Hồng", "audience": {"roles": ["delegate", "hamlet-head", "front-committee", "officer"]},
             "organisers": {"chair": {"name": "Đỗ Văn Hùng", "title": "Chủ tịch UBND xã Thượng Hồng"},
                            "councilRepresentative": {"name": "Vũ Thị Liên", "title": "Phó Chủ tịch HĐND xã"},
                            "frontRepresentative": {"name": "Lê Văn Mạnh", "title": "Chủ tịch Ủy ban MTTQ Việt Nam xã", "contactId": "{{{{frontContact}}}}"},
                            "secretary": {"name": "Phạm Thu Trang", "title": "Công chức Văn phòng HĐND và UBND"}}}
            """)).JsonAsync(HttpStatusCode.Created);
        var id = session.Str("id");
        var url = $"/api/communes/{Commune}/sessions/{id}";

        // The invitation names the co-organisers (Điều 43) and goes out; the office then has the plan and the forms.
        var invitation = await Eventually.ReachedAsync(() => Task.FromResult(Mails(Head1, "Giấy mời")), m => m.Count == 1, TimeSpan.FromSeconds(30), "the invitation");
        Assert.Contains("Đồng chủ trì (Thường trực HĐND): Vũ Thị Liên, Phó Chủ tịch HĐND xã.", invitation[0].TextBody, StringComparison.Ordinal);
        var documents = await (await _client.Get($"{url}/documents")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([true, true, true, true, true, false, false], documents.EnumerateArray().Select(d => d.GetProperty("available").GetBoolean()));
        var plan = await _client.GetAsync($"{url}/documents/ke-hoach.docx", TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (plan.StatusCode, plan.Content.Headers.ContentType?.MediaType));
        using (var form = new Poppler(await (await _client.GetAsync($"{url}/documents/phieu-dang-ky-phat-bieu.pdf", TestContext.Current.CancellationToken)).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Contains("PHIẾU ĐĂNG KÝ PHÁT BIỂU Ý KIẾN", form.Text(), StringComparison.Ordinal);
        }

        await (await _client.Get($"{url}/documents/bien-ban.pdf")).ProblemAsync(HttpStatusCode.Conflict);

        // A petition raised before the session, with the petitioner's phone and e-mail.
        var petition = (await (await _client.PostJsonAsync($"/api/communes/{Commune}/petitions", $$"""
            {"sessionId": "{{id}}", "source": "before-session", "field": "infrastructure", "content": "Đề nghị lắp đèn chiếu sáng đường trục thôn Đông",
             "petitionerName": "Nguyễn Thị Hoa", "petitionerPhone": "0912 345 678", "petitionerEmail": "{{Petitioner}}"}
            """)).JsonAsync(HttpStatusCode.Created)).Str("id");

        // Held; the secretary's minutes; the conclusion drafted item by item (one refused item first: it changes nothing).
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.FromHours(7)));
        await (await _client.Post($"{url}/held")).JsonAsync(HttpStatusCode.OK);

        // The clock jumped a week, as if the head-end had been down: the broadcasts announcing the session never aired. None
        // airs now, late and back to back: a missed slot is dropped, and once held, what still waits is cancelled.
        var stale = await Eventually.ReachedAsync(async () => await (await _client.Get($"{url}/deliveries?channel=loudspeaker&pageSize=500")).JsonAsync(HttpStatusCode.OK),
            d => d.GetProperty("items").EnumerateArray().All(i => i.Str("status") != "pending"), TimeSpan.FromSeconds(30), "the stale broadcasts dropped or cancelled");
        Assert.All(stale.GetProperty("items").EnumerateArray(), i => Assert.True(
            i.Str("status") == "cancelled" && i.Str("lastError").StartsWith("Hội nghị đã diễn ra", StringComparison.Ordinal)
            || i.Str("status") == "failed" && i.Str("lastError").StartsWith("Không phát: đã quá giờ phát", StringComparison.Ordinal), i.ToString()));
        await (await _client.PutJsonAsync($"{url}/minutes", """{"minutes": "Hội nghị khai mạc lúc 8 giờ.\nCó 9 ý kiến của Nhân dân."}""")).JsonAsync(HttpStatusCode.OK);
        using (var minutes = new Poppler(await (await _client.GetAsync($"{url}/documents/bien-ban.pdf", TestContext.Current.CancellationToken)).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)))
        {
            var text = minutes.Text();
            Assert.Contains("Thư ký: Phạm Thu Trang, Công chức Văn phòng HĐND và UBND.", text, StringComparison.Ordinal);
            Assert.Contains("Có 9 ý kiến của Nhân dân.", text, StringComparison.Ordinal);
        }

        var refused = await (await _client.PutJsonAsync($"{url}/conclusion", """
            {"items": [{"matter": "Đèn chiếu sáng", "outcome": "to-be-handled"}]}
            """)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(2, refused.GetProperty("errors").GetProperty("items").GetArrayLength()); // no unit, no due date
        var draft = await (await _client.PutJsonAsync($"{url}/conclusion", $$"""
            {"items": [
               {"matter": "Tiến độ cấp giấy chứng nhận quyền sử dụng đất thôn Tây", "outcome": "answered-at-session", "answer": "Hồ sơ được giải quyết trong tháng 12/2026"},
               {"matter": "Lắp đèn chiếu sáng đường trục thôn Đông", "outcome": "to-be-handled", "unit": "Phòng Kinh tế", "dueDate": "2026-12-31", "petitionId": "{{petition}}"},
               {"matter": "Giá bồi thường đường vành đai", "outcome": "beyond-commune", "sentTo": "UBND thành phố Hải Phòng"}],
             "closingRemarks": "Đề nghị các thôn tiếp tục phát huy vai trò tự quản."}
            """)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((3, false), (draft.GetProperty("items").GetArrayLength(), draft.GetProperty("signed").GetBoolean()));

        // Signed: concluded, but nothing is published yet, and the 10 days still run.
        await (await _client.Post($"{url}/results/publish")).ProblemAsync(HttpStatusCode.Conflict);
        var signed = await (await _client.PostJsonAsync($"{url}/conclusion/sign", """{"signedBy": "Đỗ Văn Hùng"}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("concluded", "2026-11-30"), ((await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK)).Str("status"), signed.Str("resultsDue")));
        await (await _client.PutJsonAsync($"{url}/conclusion", """{"items": []}""")).ProblemAsync(HttpStatusCode.Conflict);
        await (await _resident.Get($"{url}/conclusion.pdf")).ProblemAsync(HttpStatusCode.Conflict);

        // Two days before day 10 (28/11, 08:00) the office is warned the results are still owed.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(7)));
        var warned = await Eventually.ReachedAsync(() => Task.FromResult(Mails(Office, "Sắp hết hạn công bố kết quả đối thoại")), m => m.Count == 1,
            TimeSpan.FromSeconds(30), "the office warned two days before the results are due");
        Assert.Contains("30/11/2026", warned[0].TextBody, StringComparison.Ordinal);

        // Công bố kết quả, 29/11, 09:00: the notice is numbered, and the results go out.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(7)));
        var heard = _icecast.ListenAsync($"/xa-{Commune}-toan-xa.mp3", TimeSpan.FromSeconds(120));
        var published = await (await _client.Post($"{url}/results/publish")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("1/TB-UBND", false), (published.Str("noticeReference"), published.GetProperty("publishedLate").GetBoolean()));
        await (await _client.Post($"{url}/results/publish")).ProblemAsync(HttpStatusCode.Conflict);

        // By e-mail with the PDF attached, to the hamlet heads, the invitees and the co-organisers: what anyone downloads.
        var mails = await Eventually.ReachedAsync(() => Task.FromResult(_smtp.Messages().Where(m => m.Subject?.StartsWith("Thông báo kết luận số 1/TB-UBND", StringComparison.Ordinal) == true).ToList()),
            m => m.Count == 4, TimeSpan.FromSeconds(30), "the results by e-mail");
        Assert.Equal(new[] { Front, Head1, Office, "truongthon2@thuonghong.vn" }.Order(StringComparer.Ordinal),
            mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var attached = Assert.IsType<MimePart>(Assert.Single(mails[0].Attachments), exactMatch: false);
        Assert.Equal(("application/pdf", $"thong-bao-ket-luan-{Commune}-{id}.pdf"), (attached.ContentType.MimeType, attached.FileName));
        using var sent = new MemoryStream();
        await attached.Content!.DecodeToAsync(sent, TestContext.Current.CancellationToken);
        var download = await _resident.GetAsync($"{url}/conclusion.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(sent.ToArray(), await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)); // the notice as sent is the notice as posted
        using (var pdf = new Poppler(sent.ToArray()))
        {
            var text = pdf.Text();
            Assert.Contains("Số: 1/TB-UBND", text, StringComparison.Ordinal);
            Assert.Contains("Thượng Hồng, ngày 29 tháng 11 năm 2026", text, StringComparison.Ordinal);
            Assert.Contains("giao Phòng Kinh tế giải quyết, báo cáo kết quả trước ngày 31/12/2026", text, StringComparison.Ordinal);
            Assert.Contains("đồng chủ trì: Vũ Thị Liên", text, StringComparison.Ordinal);
            Assert.Contains("Đỗ Văn Hùng", text, StringComparison.Ordinal);
        }

        // By SMS, a short summary and the public link, to those who take SMS (the province's policy strips diacritics).
        var texts = await Eventually.ReachedAsync(() => Task.FromResult(_kannel.Received.Where(m => m.Text.Contains("cong bo ket qua", StringComparison.Ordinal)).ToList()),
            r => r.Count == 3, TimeSpan.FromSeconds(30), "the results by SMS");
        Assert.All(texts, m => Assert.Contains($"https://doithoai.haiphong.gov.vn/kq/{Commune}/{id}", m.Text, StringComparison.Ordinal));
        var redirect = await _resident.GetAsync($"/kq/{Commune}/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, redirect.StatusCode); // followed to the PDF
        Assert.Equal("application/pdf", redirect.Content.Headers.ContentType?.MediaType);

        // On the loudspeakers, in the next slot (17:00): heard on the commune's mount.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.FromHours(7)));
        var (seconds, rms) = await heard;
        Assert.True(seconds > 5 && rms > 0.02, $"The results announcement was not heard ({seconds} s, RMS {rms}).");
        await Eventually.ReachedAsync(async () => await (await _client.Get($"{url}/deliveries?channel=loudspeaker&pageSize=500")).JsonAsync(HttpStatusCode.OK),
            d => d.GetProperty("items").EnumerateArray().Any(i => i.Str("notice") == "results-broadcast-20261129-1700" && i.Str("status") == "sent"),
            TimeSpan.FromSeconds(60), "the 17:00 results broadcast recorded as sent: " + _icecast.Log());

        // Posted on the commune's public list; the province sees the results published on time, the follow-up open.
        var list = await (await _resident.Get($"/api/communes/{Commune}/results")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("1/TB-UBND", 3), (list[0].Str("noticeReference"), list[0].GetProperty("items").GetArrayLength()));
        var overview = await (await _client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);
        var row = overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == Commune);
        Assert.Equal((0, 1, 0), (row.GetProperty("resultsLate").GetInt32(), row.GetProperty("followUpsOpen").GetInt32(), row.GetProperty("followUpsOverdue").GetInt32()));

        // The petition raised before the session is now the Economic office's, and its petitioner was told so.
        var assigned = await (await _client.Get($"/api/communes/{Commune}/petitions/{petition}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("assigned", "Phòng Kinh tế", "2026-12-31"), (assigned.Str("status"), assigned.Str("assignedUnit"), assigned.Str("dueDate")));
        await Eventually.ReachedAsync(() => Task.FromResult(Mails(Petitioner, "Kết luận về kiến nghị")), m => m.Count == 1, TimeSpan.FromSeconds(30), "the petitioner told the outcome");

        // 29/12, 08:00, two days before the task is due: the officers are reminded; 01/01 it is overdue for the province.
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 29, 8, 0, 0, TimeSpan.FromHours(7)));
        await Eventually.ReachedAsync(() => Task.FromResult(Mails(Office, "Nhắc thực hiện kết luận đối thoại")), m => m.Count == 1, TimeSpan.FromSeconds(30), "the follow-up reminder");
        _platform.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(7)));
        var results = await (await _client.Get($"{url}/results")).JsonAsync(HttpStatusCode.OK);
        var task = results.GetProperty("followUps")[0];
        Assert.Equal(("f1", true), (task.GetProperty("task").Str("key"), task.GetProperty("overdue").GetBoolean()));

        // Closed with what was done: the petition is answered with it, and its petitioner hears the answer.
        var closed = await (await _client.PostJsonAsync($"{url}/follow-ups/f1/close", """{"whatWasDone": "Đã lắp 12 bóng đèn đường trục thôn Đông ngày 02/01/2027."}"""))
            .JsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, closed.GetProperty("followUps")[0].GetProperty("task").GetProperty("closedAt").ValueKind);
        var answered = await Eventually.ReachedAsync(async () => await (await _client.Get($"/api/communes/{Commune}/petitions/{petition}")).JsonAsync(HttpStatusCode.OK),
            p => p.Str("status") == "answered", TimeSpan.FromSeconds(30), "the petition answered");
        Assert.Contains("Đã lắp 12 bóng đèn", answered.Str("answer"), StringComparison.Ordinal);
        await Eventually.ReachedAsync(() => Task.FromResult(Mails(Petitioner, "Trả lời kiến nghị")), m => m.Count == 1, TimeSpan.FromSeconds(30), "the answer to the petitioner");
        await (await _client.PostJsonAsync($"{url}/follow-ups/f1/close", """{"whatWasDone": "Lần nữa"}""")).ProblemAsync(HttpStatusCode.Conflict);

        var audit = await (await _client.Get($"/api/provinces/31/audit?commune={Commune}")).JsonAsync(HttpStatusCode.OK);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.Str("action")).ToList();
        Assert.Subset(actions.ToHashSet(), new HashSet<string> { "results.conclusion-drafted", "results.signed", "results.published", "follow-up.closed" });
    }

    [Fact]
    public async Task Results_published_after_ten_days_show_as_late_to_the_province()
    {
        // A dialogue held on 15/10 (recorded after the fact), concluded and published on 2/11: 18 days.
        var recorded = await (await _client.PostJsonAsync($"/api/communes/{Late}/sessions/past", """
            {"session": {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại năm 2026", "startsAt": "2026-10-15T08:00:00+07:00",
                         "durationMinutes": 120, "venue": "Hội trường UBND phường"},
             "minutes": "Hội nghị có 7 ý kiến của Nhân dân.", "reason": "Hội nghị tổ chức trước khi phường dùng nền tảng"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Late}/sessions/{recorded.Str("id")}";
        var overdue = await (await _client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(overdue.GetProperty("resultsLate").EnumerateArray(), r => r.Str("communeCode") == Late && r.GetProperty("publishedAt").ValueKind == JsonValueKind.Null);

        await (await _client.PostJsonAsync($"{url}/conclude", """{"conclusion": "Giao các phòng chuyên môn trả lời bằng văn bản.", "signedBy": "Lãnh Duy Tiến"}""")).JsonAsync(HttpStatusCode.OK);
        var published = await (await _client.Post($"{url}/results/publish")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("1/TB-UBND", true), (published.Str("noticeReference"), published.GetProperty("publishedLate").GetBoolean()));

        var overview = await (await _client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);
        var late = overview.GetProperty("resultsLate").EnumerateArray().Single(r => r.Str("communeCode") == Late);
        Assert.Equal(("2026-10-25", "2026-11-02T09:00:00+07:00"), (late.Str("due"), late.Str("publishedAt")));
        Assert.Equal(1, overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == Late).GetProperty("resultsLate").GetInt32());
    }

    /// <summary>The office, two hamlet heads, the Front, a delegate, residents and the petitioner's commune: names to ids.</summary>
    private async Task<Dictionary<string, string>> ImportAsync()
    {
        const string Csv = "Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n"
            + $"Trần Văn Bình,cán bộ,Thôn Đông,0913000001,{Office},có,có\n"
            + $"Nguyễn Văn Hải,tổ trưởng,Thôn Đông,0913000002,{Head1},có,có\n"
            + "Phạm Thị Lan,tổ trưởng,Thôn Tây,0913000003,truongthon2@thuonghong.vn,không,có\n"
            + $"Lê Văn Mạnh,mặt trận,Thôn Tây,0913000004,{Front},có,có\n"
            + "Đặng Quốc Việt,đại biểu,Thôn Tây,0913000005,,không,không\n"
            + "Võ Thị Yến,người dân,Thôn Đông,0913000006,yen@gmail.com,có,có\n";
        var report = await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(Csv, Encoding.UTF8, "text/csv"),
            TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(6, report.GetProperty("added").GetInt32());
        var list = await (await _client.Get($"/api/communes/{Commune}/contacts?pageSize=50")).JsonAsync(HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray().ToDictionary(c => c.Str("fullName"), c => c.Str("id"));
    }

    private List<MimeMessage> Mails(string to, string subjectPrefix) =>
        [.. _smtp.Messages().Where(m => m.To.Mailboxes.Single().Address == to && m.Subject?.StartsWith(subjectPrefix, StringComparison.Ordinal) == true)];
}
