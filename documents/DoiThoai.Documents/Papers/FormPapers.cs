using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;

namespace DoiThoai.Documents.Papers;

/// <summary>
/// The printable forms: the speaker registration form of plan 002 (full name, title, workplace or address, phone, the
/// opinion) handed out at the venue's desk, and the opinion form of plan 003 the Front collects in the hamlets.
/// </summary>
internal static class FormPapers
{
    public static AdministrativeDocument SpeakerForm(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var body = new List<Block>
        {
            Paragraph.Of($"Hội nghị: {session.Title}, {Wording.When(session.StartsAt)}, {Wording.Form(session, commune)}.", italic: true),
            new Space(6),
            new FillLine("Họ và tên"),
            new FillLine("Chức danh (nếu có)"),
            new FillLine("Nơi công tác hoặc địa chỉ (thôn, tổ dân phố)"),
            new FillLine("Số điện thoại"),
            new FillLine("Nội dung ý kiến, kiến nghị", Lines: 8),
            new Space(4),
            Paragraph.Of("Tôi đồng ý để Ủy ban nhân dân dùng họ tên và số điện thoại trên cho việc đăng ký phát biểu này; số điện thoại được xóa sau 30 ngày kể từ ngày hội nghị.", italic: true),
            Paragraph.Of("Phiếu nộp tại bàn đăng ký phát biểu ở hội trường; người đăng ký phát biểu theo thứ tự và sự điều hành của chủ tọa hội nghị.", italic: true),
        };
        return new AdministrativeDocument(
            FormHeading(commune, session.StartsAt),
            "PHIẾU ĐĂNG KÝ PHÁT BIỂU Ý KIẾN",
            $"Tại {session.Title}",
            body,
            [],
            [new SignatureBlock(null, "NGƯỜI ĐĂNG KÝ", null)],
            $"Phiếu đăng ký phát biểu – {session.Title} – {UnitNames.Committee(commune)}");
    }

    public static AdministrativeDocument OpinionForm(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var due = d.Preparation?.Milestones.FirstOrDefault(m => m.Milestone.Key == "opinions")?.Milestone.DueDate;
        var body = new List<Block>
        {
            Paragraph.Of($"Để chuẩn bị {session.Title} ({Wording.When(session.StartsAt)}), {Wording.Committee(commune)} đề nghị Ông/Bà cho biết ý kiến, " +
                "kiến nghị về những vấn đề Ông/Bà quan tâm. Ý kiến của Ông/Bà được tổng hợp, giao các cơ quan, đơn vị chuẩn bị nội dung trả lời tại hội nghị."),
            new FillLine("Họ và tên (không bắt buộc)"),
            new FillLine("Thôn, tổ dân phố"),
            new FillLine("Số điện thoại (nếu muốn nhận trả lời)"),
            new Heading("Ý KIẾN, KIẾN NGHỊ"),
        };
        foreach (var field in new[] { "Đất đai, xây dựng", "Hạ tầng, giao thông, môi trường", "Chính sách xã hội, y tế, giáo dục", "An ninh, trật tự", "Thủ tục hành chính", "Nội dung khác" })
        {
            body.Add(new FillLine(field, Lines: 3));
        }

        body.Add(Paragraph.Of($"Phiếu xin gửi về Ban công tác Mặt trận thôn, tổ dân phố hoặc Văn phòng HĐND và UBND {UnitNames.InSentence(commune.Name)}" +
            (due is { } day ? $" trước ngày {Wording.Day(day)}." : " trước hội nghị."), italic: true));
        return new AdministrativeDocument(
            FormHeading(commune, session.StartsAt),
            "PHIẾU LẤY Ý KIẾN CỦA NHÂN DÂN",
            $"Phục vụ {session.Title}",
            body,
            [],
            [new SignatureBlock(null, "NGƯỜI GÓP Ý", null)],
            $"Phiếu lấy ý kiến – {session.Title} – {UnitNames.Committee(commune)}");
    }

    /// <summary>A form's heading: no number, the date left for the hand that fills it.</summary>
    private static DocumentHeading FormHeading(Commune commune, DateTimeOffset sessionStart) =>
        new("ỦY BAN NHÂN DÂN", UnitNames.Upper(commune.Name), null,
            $"{UnitNames.Place(commune.Name)}, ngày ...... tháng ...... năm {VietnamTime.LocalDate(sessionStart).Year}");
}
