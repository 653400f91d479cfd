using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.TestServers;

namespace DoiThoai.Documents.Tests;

/// <summary>
/// Issue 25's paperwork: each document of plan 003's dialogue, as PDF and DOCX, read back as a reader and a checker would
/// (pdftotext, pdffonts, qpdf --check; the Open XML SDK and its validator), in the layout of Nghị định 30/2020; the first
/// page of each is kept as a PNG in artifacts/documents.
/// </summary>
public sealed class DocumentsTests
{
    /// <summary>Running text, found as is in both formats.</summary>
    private static readonly Dictionary<DocumentKind, string[]> Expected = new()
    {
        [DocumentKind.Plan] = ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "III. THÀNH PHẦN", "Đồng chủ trì (Thường trực HĐND): Nguyễn Văn Quang, Phó Chủ tịch HĐND phường",
            "Thư ký: Vũ Minh Đức", "Công an phường Nhị Chiểu: bảo đảm an ninh, trật tự", "3. Kinh phí", "Số: /KH-UBND"],
        [DocumentKind.Invitation] = ["GIẤY MỜI", "Kính gửi: Trần Văn Bình – Tổ trưởng Tổ dân phố Phú Thứ 4", "trân trọng kính mời Ông/Bà dự",
            "08 giờ 00, Thứ Sáu, ngày 18/12/2026", "trực tiếp tại Hội trường Nhà văn hóa Tổ dân phố Phú Thứ 2", "Phối hợp tổ chức (Ban Thường trực Ủy ban MTTQ): Phạm Thị Hằng"],
        [DocumentKind.AnswerReport] = ["BÁO CÁO", "Tổng số: 4 ý kiến, kiến nghị; đã trả lời 1", "II. Ý KIẾN ĐĂNG KÝ PHÁT BIỂU TẠI HỘI NGHỊ", "CHÁNH VĂN PHÒNG"],
        [DocumentKind.SpeakerForm] = ["PHIẾU ĐĂNG KÝ PHÁT BIỂU Ý KIẾN", "Họ và tên:", "Nơi công tác hoặc địa chỉ (thôn, tổ dân phố):", "Số điện thoại:", "NGƯỜI ĐĂNG KÝ"],
        [DocumentKind.OpinionForm] = ["PHIẾU LẤY Ý KIẾN CỦA NHÂN DÂN", "Đất đai, xây dựng:", "An ninh, trật tự:", "trước ngày 01/12/2026", "NGƯỜI GÓP Ý"],
        [DocumentKind.Minutes] = ["BIÊN BẢN", "Chủ trì: Lãnh Duy Tiến, Chủ tịch UBND phường Nhị Chiểu", "Thư ký: Vũ Minh Đức", "Có 14 ý kiến phát biểu của Nhân dân.",
            "III. KẾT LUẬN CỦA CHỦ TRÌ", "THƯ KÝ", "CHỦ TRÌ"],
        [DocumentKind.ConclusionNotice] = ["THÔNG BÁO", "Số: 12/TB-UBND", "Nhị Chiểu, ngày 22 tháng 12 năm 2026",
            "1. Các ý kiến, kiến nghị đã được trả lời tại hội nghị", "2. Các nội dung đã được giải quyết", "3. Các nội dung giao cơ quan, đơn vị giải quyết",
            "4. Các nội dung vượt thẩm quyền cấp xã, đã chuyển cơ quan có thẩm quyền",
            "giao Phòng Kinh tế, Hạ tầng và Đô thị giải quyết, báo cáo kết quả trước ngày 27/01/2027", "đã chuyển UBND thành phố Hải Phòng xem xét, giải quyết theo thẩm quyền",
            "Đề nghị các tổ dân phố tiếp tục phát huy vai trò tự quản.", "Lãnh Duy Tiến"],
    };

    /// <summary>Text in table cells: as is in the DOCX; in the PDF a reader takes the columns line by line, so each word is looked for.</summary>
    private static readonly Dictionary<DocumentKind, string[]> InTables = new()
    {
        [DocumentKind.Plan] = ["Tổ dân phố Phú Thứ 8", "Trạm Y tế số 1", "Tổng hợp ý kiến, kiến nghị của Nhân dân, gửi Văn phòng", "01/12/2026", "Bế mạc hội nghị"],
        [DocumentKind.AnswerReport] = ["Đề nghị nạo vét cống thoát nước ngõ 28 trước mùa mưa", "Phường đã nạo vét xong ngày 10/12/2026.", "Nguyễn Thị Hoa 3", "Trần Văn Bình"],
        [DocumentKind.Minutes] = ["Lê Thị Thu", "Tổ dân phố Phú Thứ 7"],
    };

    public static TheoryData<DocumentKind> Kinds() => [.. Enum.GetValues<DocumentKind>()];

    private static InvitationAddressee? AddresseeFor(DocumentKind kind) =>
        kind == DocumentKind.Invitation ? new InvitationAddressee("Trần Văn Bình", "Tổ trưởng Tổ dân phố Phú Thứ 4") : null;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_pdf_reads_back_in_the_decree_layout_with_its_fonts_embedded_and_passes_qpdf(DocumentKind kind)
    {
        var (bytes, contentType, fileName) = DialogueDocuments.Render(kind, PaperFormat.Pdf, Dossiers.NhiChieuDialogue(), AddresseeFor(kind));
        Assert.Equal(("application/pdf", $"{DialogueDocuments.Slug(kind)}-10714-2026-0007.pdf"), (contentType, fileName));
        using var pdf = new Poppler(bytes);
        var structure = pdf.StructureProblem();
        Assert.True(structure is null, $"qpdf --check: {structure}");

        var text = pdf.Text();
        foreach (var phrase in new[] { "ỦY BAN NHÂN DÂN", "PHƯỜNG NHỊ CHIỂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc" }.Concat(Expected[kind]))
        {
            Assert.True(text.Contains(phrase, StringComparison.Ordinal), $"{kind}: \"{phrase}\" not found in:\n{text}");
        }

        var words = text.Split(' ').ToHashSet();
        foreach (var phrase in InTables.GetValueOrDefault(kind) ?? [])
        {
            Assert.All(phrase.Split(' '), word => Assert.True(words.Contains(word), $"{kind}: \"{word}\" of \"{phrase}\" not found in:\n{text}"));
        }

        // The words: inside a sentence the unit's type is lower case ("phường Nhị Chiểu"), the heading alone in capitals.
        Assert.DoesNotContain("Phường Nhị Chiểu", text, StringComparison.Ordinal);
        Assert.All(pdf.Fonts(), f => Assert.True(f.Embedded && f.Subset && f.Unicode, $"{kind}: font {f.Name} is not an embedded Unicode subset:\n{pdf.FontTable()}"));
        pdf.SavePage(1, Path.Combine(Artifacts.Directory("documents"), $"{DialogueDocuments.Slug(kind)}.png"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_docx_is_valid_open_xml_an_office_can_edit_and_says_the_same(DocumentKind kind)
    {
        var (bytes, contentType, _) = DialogueDocuments.Render(kind, PaperFormat.Docx, Dossiers.NhiChieuDialogue(), AddresseeFor(kind));
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", contentType);
        using var stream = new MemoryStream(bytes);
        using var word = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(word, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, $"{kind}: {string.Join("\n", errors)}");

        var paragraphs = word.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()
            .Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)).Trim()).Where(p => p.Length > 0).ToList();
        var all = System.Text.RegularExpressions.Regex.Replace(string.Join("\n", paragraphs), "\u00A0+", " ");
        foreach (var phrase in Expected[kind].Concat(InTables.GetValueOrDefault(kind) ?? []))
        {
            Assert.True(all.Contains(phrase, StringComparison.Ordinal), $"{kind}: \"{phrase}\" not found in the DOCX:\n{all}");
        }

        // Page numbers from page 2: a first page of its own with an empty header, the others a PAGE field.
        var section = word.MainDocumentPart.Document.Body.Elements<SectionProperties>().Single();
        Assert.NotNull(section.GetFirstChild<TitlePage>());
        var headers = section.Elements<HeaderReference>().ToDictionary(h => h.Type!.Value, h => (HeaderPart)word.MainDocumentPart.GetPartById(h.Id!));
        Assert.Contains("PAGE", string.Concat(headers[HeaderFooterValues.Default].Header!.Descendants<FieldCode>().Select(f => f.Text)), StringComparison.Ordinal);
        Assert.Empty(headers[HeaderFooterValues.First].Header!.Descendants<FieldCode>());
    }

    [Fact]
    public void A_long_conclusion_runs_over_pages_numbered_at_the_top_from_page_two()
    {
        var dossier = Dossiers.NhiChieuDialogue();
        var items = Enumerable.Range(1, 40)
            .Select(i => new ConclusionItem($"Kiến nghị số {i} của cử tri tổ dân phố {i}", ConclusionOutcome.ToBeHandled, null, "Phòng Văn hóa - Xã hội", new DateOnly(2027, 1, 15)))
            .ToList();
        // A title typed with decomposed diacritics (as some keyboards send them) reads back composed.
        var decomposed = "Giao Trạm Y tế phường tổ chức khám sức khỏe cho người cao tuổi.".Normalize(NormalizationForm.FormD);
        dossier = dossier with { Results = dossier.Results! with { Items = items, ClosingRemarks = decomposed } };
        var (bytes, _, _) = DialogueDocuments.Render(DocumentKind.ConclusionNotice, PaperFormat.Pdf, dossier);
        using var pdf = new Poppler(bytes);

        Assert.True(pdf.Pages() >= 3, $"40 items should not fit on two pages; got {pdf.Pages()}.");
        Assert.DoesNotContain("1", pdf.PageLines(1)[0], StringComparison.Ordinal); // no number on the first page
        for (var page = 2; page <= pdf.Pages(); page++)
        {
            Assert.Equal($"{page}", pdf.PageLines(page)[0]);
        }

        var text = pdf.Text();
        for (var i = 1; i <= 40; i++)
        {
            Assert.Contains($"Kiến nghị số {i} của cử tri tổ dân phố {i}: giao Phòng Văn hóa - Xã hội giải quyết, báo cáo kết quả trước ngày 15/01/2027.", text, StringComparison.Ordinal);
        }

        Assert.Contains("Giao Trạm Y tế phường tổ chức khám sức khỏe cho người cao tuổi.", text, StringComparison.Ordinal);
        Assert.True(bytes.Length < 150_000, $"Subsets keep a notice small enough to send; got {bytes.Length:N0} bytes.");
    }

    [Fact]
    public void Every_diacritic_is_drawn_not_only_written_in_the_text_layer()
    {
        // A subset that dropped the accents of composite glyphs still reads "Nhị" back as text but draws "Nhi": compare
        // what is drawn. Each pair differs only by one mark (dot below, hook, tilde, horn with acute, breve with dot).
        foreach (var (marked, plain) in new[] { ("Nhị", "Nhi"), ("Chiểu", "Chiêu"), ("Nguyễn", "Nguyên"), ("Ứng", "Ưng"), ("Đặng", "Đăng") })
        {
            Assert.NotEqual(Drawn(marked), Drawn(plain));
        }
    }

    private static string Drawn(string word)
    {
        var dossier = Dossiers.NhiChieuDialogue();
        var document = DialogueDocuments.Build(DocumentKind.SpeakerForm, dossier) with
        {
            Heading = new Layout.DocumentHeading("", "", null, ""),
            Title = word,
            Summary = null,
            Body = [],
            Signatures = [],
        };
        using var pdf = new Poppler(Rendering.PdfRenderer.Render(document, dossier.Now));
        var png = Path.Combine(Path.GetTempPath(), $"doithoai-glyph-{Guid.NewGuid():N}.png");
        try
        {
            pdf.SavePage(1, png);
            return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(png)));
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public void A_session_still_to_come_has_its_plan_invitations_and_forms_but_no_minutes_or_conclusion_yet()
    {
        var dossier = Dossiers.NhiChieuDialogue(SessionStatus.Scheduled);
        var list = DialogueDocuments.List(dossier).ToDictionary(e => e.Kind);
        Assert.True(list[DocumentKind.Plan].Available && list[DocumentKind.Invitation].Available && list[DocumentKind.SpeakerForm].Available);
        Assert.False(list[DocumentKind.Minutes].Available);
        Assert.Contains("sau khi hội nghị diễn ra", list[DocumentKind.ConclusionNotice].Why, StringComparison.Ordinal);
    }
}
