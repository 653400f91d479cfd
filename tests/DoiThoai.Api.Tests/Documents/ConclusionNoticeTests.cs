using System.Net;
using System.Text;
using DoiThoai.Api.Documents;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Tests.Documents;

/// <summary>
/// The conclusion notice a resident downloads: a PDF in the official layout, Vietnamese text that a viewer shows and
/// a search finds, the commune's fonts embedded as subsets; public once concluded, refused before.
/// </summary>
public sealed class ConclusionNoticeTests : IAsyncLifetime
{
    private const string Commune = "00004"; // Phường Ba Đình, Hà Nội

    private static readonly Commune BaDinh = new(Commune, "Phường Ba Đình", CommuneKind.Phuong, "01", "Thành phố Hà Nội");

    private readonly PlatformFactory _platform = new();
    private HttpClient _officer = null!;
    private HttpClient _resident = null!;

    public async ValueTask InitializeAsync()
    {
        _officer = await _platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: Commune, name: "Văn phòng UBND phường Ba Đình");
        _resident = _platform.CreateAnonymousClient();
    }

    public async ValueTask DisposeAsync()
    {
        _officer.Dispose();
        _resident.Dispose();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task A_concluded_session_publishes_its_numbered_notice_as_a_pdf_anyone_can_read_and_none_before()
    {
        var session = await (await _officer.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ năm 2026", "startsAt": "2026-12-03T08:00:00+07:00",
             "durationMinutes": 150, "venue": "Hội trường UBND phường Ba Đình", "chair": "Chủ tịch UBND phường Ba Đình"}
            """)).JsonAsync(HttpStatusCode.Created);
        var url = $"/api/communes/{Commune}/sessions/{session.Str("id")}";

        var early = await (await _resident.Get($"{url}/conclusion.pdf")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("đã lên lịch", early.Str("detail"));

        // Minutes belong to a session held: refused before, then recorded with who wrote them.
        await (await _officer.PutJsonAsync($"{url}/minutes", """{"minutes": "Khai mạc lúc 8 giờ."}""")).ProblemAsync(HttpStatusCode.Conflict);
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 11, 0, 0, TimeSpan.FromHours(7)));
        await (await _officer.Post($"{url}/held")).JsonAsync(HttpStatusCode.OK);
        await (await _officer.PutJsonAsync($"{url}/minutes", """{"minutes": "  "}""")).ProblemAsync(HttpStatusCode.BadRequest);
        var minuted = await (await _officer.PutJsonAsync($"{url}/minutes",
            """{"minutes": "Khai mạc lúc 8 giờ 05.\nÔng Trần Văn Bình (tổ dân phố 4) hỏi về tiến độ cấp giấy chứng nhận."}""")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("Khai mạc lúc 8 giờ 05.\nÔng Trần Văn Bình (tổ dân phố 4) hỏi về tiến độ cấp giấy chứng nhận.", $"Văn phòng UBND phường Ba Đình (commune-officer {Commune})"),
            (minuted.Str("minutes"), minuted.Str("minutesRecordedBy")));
        var badSigner = await (await _officer.PostJsonAsync($"{url}/conclude", """{"conclusion": "Giao phòng Kinh tế trả lời.", "signedBy": " "}"""))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["signedBy"], badSigner.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Conflict, (await _resident.Get($"{url}/conclusion.pdf")).StatusCode);

        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(7)));
        await (await _officer.PostJsonAsync($"{url}/conclude", """
            {"conclusion": "Giao Phòng Kinh tế, Hạ tầng và Đô thị hoàn thành sửa chữa đèn chiếu sáng ngõ 35 phố Đội Cấn trước ngày 31/12/2026.\nGiao Công an phường tăng cường tuần tra khu vực chợ Ngọc Hà vào buổi tối.",
             "signedBy": "Nguyễn Văn Minh"}
            """)).JsonAsync(HttpStatusCode.OK);

        var response = await _resident.GetAsync($"{url}/conclusion.pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"thong-bao-ket-luan-1-{Commune}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        var text = pdf.Text();
        Assert.Contains("Số: 1/TB-UBND", text);
        Assert.Contains("Ba Đình, ngày 05 tháng 12 năm 2026", text);
        Assert.Contains("Ngày 03/12/2026, tại Hội trường UBND phường Ba Đình, Ủy ban nhân dân phường Ba Đình tổ chức hội nghị đối thoại định kỳ", text);
        Assert.Contains("hoàn thành sửa chữa đèn chiếu sáng ngõ 35 phố Đội Cấn trước ngày 31/12/2026.", text);
        Assert.Contains("Giao Công an phường tăng cường tuần tra khu vực chợ Ngọc Hà vào buổi tối.", text);
        Assert.Contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Minh", text);
    }

    [Fact]
    public void The_notice_is_laid_out_as_an_administrative_document_with_its_fonts_embedded_as_subsets()
    {
        using var pdf = new Poppler(ConclusionNotice.Render(BaDinh, Concluded("Giao Văn phòng HĐND và UBND phường tổng hợp, trả lời bằng văn bản các kiến nghị.", number: 12)));

        // The two heading blocks side by side, as the decree places them.
        var lines = pdf.PageLines(1);
        Assert.Matches(@"^ỦY BAN NHÂN DÂN\s{3,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", lines[0]);
        Assert.Matches(@"^PHƯỜNG BA ĐÌNH\s{3,}Độc lập - Tự do - Hạnh phúc$", lines[1]);
        Assert.Matches(@"^Số: 12/TB-UBND\s{3,}Ba Đình, ngày 05 tháng 12 năm 2026$", lines[2]);
        Assert.Equal("THÔNG BÁO", lines[3]);
        Assert.Contains(lines, line => line.StartsWith("Nơi nhận:", StringComparison.Ordinal) && line.EndsWith("TM. ỦY BAN NHÂN DÂN", StringComparison.Ordinal));
        Assert.Contains(lines, line => line == "- Lưu: VT.");
        pdf.SavePage(1, Path.Combine(ArtifactsDir(), "thong-bao-ket-luan.png"));

        var fonts = pdf.Fonts();
        Assert.Equal(4, fonts.Count);
        Assert.All(fonts, font => Assert.Equal(("CID TrueType", true, true, true), (font.Type, font.Embedded, font.Subset, font.Unicode)));
        Assert.All(fonts, font => Assert.Matches(@"^[A-Z]{6}\+DejaVuSerifCondensed", font.Name));
    }

    [Fact]
    public void A_long_conclusion_runs_on_to_further_pages_with_nothing_lost_and_decomposed_input_shown_as_written()
    {
        // Typed on a keyboard that sends base letters and combining marks: the notice shows the letters composed.
        var decomposed = "Giao Trạm Y tế phường tổ chức khám sức khỏe cho người cao tuổi.".Normalize(NormalizationForm.FormD);
        var paragraphs = Enumerable.Range(1, 40)
            .Select(i => $"{i}. Về kiến nghị số {i} của cử tri tổ dân phố {i}: giao phòng chuyên môn kiểm tra, trả lời bằng văn bản trong 10 ngày làm việc.")
            .Append(decomposed);
        var bytes = ConclusionNotice.Render(BaDinh, Concluded(string.Join('\n', paragraphs), number: 3));
        using var pdf = new Poppler(bytes);

        Assert.True(pdf.Pages() >= 2, $"40 paragraphs should not fit on one page; got {pdf.Pages()}.");
        var text = pdf.Text();
        for (var i = 1; i <= 40; i++)
            Assert.Contains($"{i}. Về kiến nghị số {i} của cử tri tổ dân phố {i}: giao phòng chuyên môn kiểm tra, trả lời bằng văn bản trong 10 ngày làm việc.", text);
        Assert.Contains("Giao Trạm Y tế phường tổ chức khám sức khỏe cho người cao tuổi.", text);
        Assert.True(bytes.Length < 120_000, $"Subsets keep a notice small enough to send; got {bytes.Length:N0} bytes.");
    }

    /// <summary>artifacts/screenshots at the repository root, where the web pages' screenshots are kept.</summary>
    private static string ArtifactsDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DoiThoaiCluster.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
    }

    private static SessionInfo Concluded(string conclusion, int number)
    {
        var start = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(7));
        var published = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(7));
        return new SessionInfo("2026-0001", Commune, SessionKind.Periodic, SessionForm.InPerson, "Hội nghị đối thoại định kỳ năm 2026",
            null, null, start, 150, "Hội trường UBND phường Ba Đình", null, null, "Chủ tịch UBND phường Ba Đình", SessionStatus.Concluded,
            start.AddDays(-7), "7 ngày", start.AddDays(-10), [new SessionChange(published, SessionChangeKind.Concluded, null, null, null)],
            Conclusion: conclusion, ResultsPublishedAt: published, ConclusionNumber: number, ConclusionSignedBy: "Nguyễn Văn Minh");
    }
}
