using System.Globalization;
using DoiThoai.Api.Documents.Pdf;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Documents;

/// <summary>
/// The conclusion notice (thông báo kết luận) of a dialogue, laid out as an administrative document of the commune's
/// People's Committee (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body and number on the left, the national motto and
/// the place and date on the right, the title, the body, the recipients and the signature block.
/// </summary>
public static class ConclusionNotice
{
    public const string ContentType = "application/pdf";

    // Margins of an administrative document: top and bottom 20 mm, left 30 mm, right 15 mm.
    private const double Millimetre = 72 / 25.4;
    private const double MarginTop = 20 * Millimetre, MarginBottom = 20 * Millimetre;
    private const double MarginLeft = 30 * Millimetre, MarginRight = 15 * Millimetre;

    public static byte[] Render(Commune commune, SessionInfo session)
    {
        if (session.Status != SessionStatus.Concluded || session.Conclusion is null || session.ConclusionNumber is not { } number)
            throw new InvalidOperationException("Only a concluded session has a conclusion notice.");

        var issuedAt = session.ResultsPublishedAt ?? session.History[^1].At;
        var issuedOn = VietnamTime.ToLocal(issuedAt);
        var heldOn = VietnamTime.ToLocal(session.StartsAt);
        var writer = new PdfWriter($"Thông báo kết luận số {number}/TB-UBND — {commune.Name}", issuedAt);
        var regular = writer.AddFont(NoticeFonts.Regular);
        var bold = writer.AddFont(NoticeFonts.Bold);
        var italic = writer.AddFont(NoticeFonts.Italic);
        var boldItalic = writer.AddFont(NoticeFonts.BoldItalic);
        var flow = new PdfFlow(writer, MarginLeft, MarginRight, MarginTop, MarginBottom);

        // Heading: two blocks side by side, each centred in its column.
        var leftCentre = MarginLeft + 75;
        var rightCentre = MarginLeft + flow.Width - 135;
        var headTop = flow.Top;
        flow.Centred(regular, 12.5, "ỦY BAN NHÂN DÂN", leftCentre, 170);
        flow.Centred(bold, 12.5, commune.Name.ToUpper(CultureInfo.GetCultureInfo("vi-VN")), leftCentre, 170);
        var leftBottom = flow.Top;
        flow.Top = headTop;
        flow.Centred(bold, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rightCentre, 270);
        flow.Centred(bold, 13, "Độc lập - Tự do - Hạnh phúc", rightCentre, 270);
        var mottoWidth = bold.Width("Độc lập - Tự do - Hạnh phúc", 13);
        flow.Page.Rule(rightCentre - mottoWidth / 2, rightCentre + mottoWidth / 2, flow.Top + 6);
        flow.Page.Rule(leftCentre - 25, leftCentre + 25, leftBottom + 6);

        flow.Top = Math.Max(flow.Top, leftBottom) + 8;
        var numberLine = flow.Top;
        flow.Centred(regular, 13, $"Số: {number}/TB-UBND", leftCentre, 170);
        flow.Top = numberLine;
        flow.Centred(italic, 13, $"{PlaceName(commune)}, {LongDate(issuedOn)}", rightCentre, 270);

        // Title.
        flow.Skip(22);
        flow.Centred(bold, 14, "THÔNG BÁO", PdfWriter.PageWidth / 2 + (MarginLeft - MarginRight) / 2, flow.Width);
        var named = InSentence(commune);
        var subject = $"Kết luận của Chủ tịch Ủy ban nhân dân {named} tại "
            + (session.Title.StartsWith("Hội nghị", StringComparison.OrdinalIgnoreCase)
                ? session.Title
                : $"hội nghị đối thoại {session.Kind.Vietnamese()} với Nhân dân: {session.Title}");
        flow.Centred(bold, 13.5, subject, MarginLeft + flow.Width / 2, flow.Width * 0.85);
        flow.Page.Rule(MarginLeft + flow.Width / 2 - 40, MarginLeft + flow.Width / 2 + 40, flow.Top + 10);
        flow.Skip(14);

        // Body.
        const double indent = 12.7 * Millimetre, size = 13.5;
        var where = string.IsNullOrWhiteSpace(session.Venue) ? "" : $", tại {session.Venue}";
        var online = session.Form == SessionForm.Online ? " theo hình thức trực tuyến" : "";
        var topic = session.Topic is { Length: > 0 } t ? $" về {t}" : "";
        flow.Paragraph(regular, size,
            $"Ngày {heldOn:dd/MM/yyyy}{where}{online}, Ủy ban nhân dân {named} tổ chức hội nghị đối thoại "
            + $"{session.Kind.Vietnamese()} với Nhân dân{topic}, do {session.Chair} chủ trì, theo Luật Tổ chức chính "
            + "quyền địa phương và Luật Thực hiện dân chủ ở cơ sở.", indent);
        flow.Skip(4);
        flow.Paragraph(regular, size, "Sau khi nghe ý kiến, kiến nghị của Nhân dân và ý kiến trả lời của các cơ quan, đơn vị, "
            + $"Chủ tịch Ủy ban nhân dân {named} kết luận như sau:", indent);
        foreach (var paragraph in session.Conclusion.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flow.Skip(4);
            flow.Paragraph(regular, size, paragraph, indent);
        }
        flow.Skip(4);
        flow.Paragraph(regular, size, $"Ủy ban nhân dân {named} thông báo để các cơ quan, đơn vị và Nhân dân biết, "
            + "thực hiện./.", indent);

        // Recipients (left) and signature block (right), kept together on one page.
        flow.Skip(16);
        flow.Reserve(120);
        var closingTop = flow.Top;
        flow.Page.Text(boldItalic, 12, flow.Left, closingTop + 12, "Nơi nhận:");
        string[] recipients =
        [
            $"- UBND {commune.ProvinceName} (để báo cáo);",
            $"- Thường trực Đảng ủy, HĐND {named};",
            $"- Ủy ban MTTQ Việt Nam {named};",
            "- Các thôn, tổ dân phố (để thông báo);",
            "- Cổng thông tin điện tử (để đăng tải);",
            "- Lưu: VT.",
        ];
        for (var i = 0; i < recipients.Length; i++)
            flow.Page.Text(regular, 11, flow.Left, closingTop + 26 + i * 13, recipients[i]);

        flow.Top = closingTop;
        flow.Centred(bold, 13, "TM. ỦY BAN NHÂN DÂN", rightCentre, 270);
        flow.Centred(bold, 13, "CHỦ TỊCH", rightCentre, 270);
        flow.Skip(62); // room for the signature and the seal
        flow.Centred(bold, 13, session.ConclusionSignedBy ?? "", rightCentre, 270);

        return writer.ToBytes();
    }

    /// <summary>The commune as running text names it: "phường Ba Đình", "xã Tà Xùa", "đặc khu Côn Đảo".</summary>
    public static string InSentence(Commune commune) =>
        commune.Name.Length > 0 && char.IsUpper(commune.Name[0]) ? char.ToLower(commune.Name[0], CultureInfo.GetCultureInfo("vi-VN")) + commune.Name[1..] : commune.Name;

    /// <summary>The place in the date line: the commune's own name, without "Xã" / "Phường" / "Đặc khu".</summary>
    public static string PlaceName(Commune commune)
    {
        foreach (var prefix in new[] { "Đặc khu ", "Phường ", "Xã " })
            if (commune.Name.StartsWith(prefix, StringComparison.Ordinal))
                return commune.Name[prefix.Length..];
        return commune.Name;
    }

    /// <summary>"ngày 05 tháng 12 năm 2026": days and months below 10 with a leading zero only for days 1–9 and months 1–2,
    /// as the decree writes them.</summary>
    public static string LongDate(DateTimeOffset local)
    {
        var day = local.Day < 10 ? $"0{local.Day}" : local.Day.ToString(CultureInfo.InvariantCulture);
        var month = local.Month < 3 ? $"0{local.Month}" : local.Month.ToString(CultureInfo.InvariantCulture);
        return $"ngày {day} tháng {month} năm {local.Year}";
    }
}

/// <summary>The typeface of the platform's documents, read once from the assembly.</summary>
internal static class NoticeFonts
{
    public static readonly TrueTypeFont Regular = Load("DejaVuSerifCondensed");
    public static readonly TrueTypeFont Bold = Load("DejaVuSerifCondensed-Bold");
    public static readonly TrueTypeFont Italic = Load("DejaVuSerifCondensed-Italic");
    public static readonly TrueTypeFont BoldItalic = Load("DejaVuSerifCondensed-BoldItalic");

    private static TrueTypeFont Load(string name)
    {
        using var stream = typeof(NoticeFonts).Assembly.GetManifestResourceStream($"fonts/{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded in the API assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new TrueTypeFont(name, copy.ToArray());
    }
}
