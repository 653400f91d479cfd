using System.Globalization;
using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Documents.Papers;

/// <summary>What every paper of a session writes the same way: the heading, dates in the decree's form, where and how it is held.</summary>
internal static class Wording
{
    private static readonly string[] Weekdays = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    /// <summary>"ỦY BAN NHÂN DÂN" / "XÃ THƯỢNG HỒNG", the number (or its blank) and "Thượng Hồng, ngày 05 tháng 12 năm 2026".</summary>
    public static DocumentHeading Heading(Commune commune, string? number, DateTimeOffset date) =>
        new("ỦY BAN NHÂN DÂN", UnitNames.Upper(commune.Name), number, $"{UnitNames.Place(commune.Name)}, {LongDate(date)}");

    /// <summary>A number the office's register gives: "Số:      /KH-UBND".</summary>
    public static string BlankNumber(string code) => $"Số:\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0/{code}-UBND"; // no-break spaces: room to write the number

    /// <summary>Nghị định 30/2020: "ngày 05 tháng 12 năm 2026", a leading zero for days 1–9 and for January and February.</summary>
    public static string LongDate(DateTimeOffset moment)
    {
        var local = VietnamTime.ToLocal(moment);
        var day = local.Day < 10 ? $"0{local.Day}" : local.Day.ToString(CultureInfo.InvariantCulture);
        var month = local.Month < 3 ? $"0{local.Month}" : local.Month.ToString(CultureInfo.InvariantCulture);
        return $"ngày {day} tháng {month} năm {local.Year}";
    }

    /// <summary>"08 giờ 00, Thứ Sáu, ngày 18/12/2026".</summary>
    public static string When(DateTimeOffset moment)
    {
        var local = VietnamTime.ToLocal(moment);
        return string.Create(CultureInfo.InvariantCulture, $"{local:HH} giờ {local:mm}, {Weekdays[(int)local.DayOfWeek]}, ngày {local:dd/MM/yyyy}");
    }

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Duration(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} giờ" : minutes < 60 ? $"{minutes} phút" : $"{minutes / 60} giờ {minutes % 60} phút";

    /// <summary>How and where the session is held, as a sentence states it.</summary>
    public static string Form(SessionInfo session, Commune commune) => session.Form switch
    {
        SessionForm.Online => session.OnlineUrl is { } url ? $"trực tuyến, tham gia qua đường dẫn {url}" : "trực tuyến",
        SessionForm.Indirect => $"gián tiếp: Nhân dân gửi ý kiến bằng văn bản, thư điện tử về Văn phòng HĐND và UBND {UnitNames.InSentence(commune.Name)} hoặc qua Ban công tác Mặt trận thôn, tổ dân phố",
        _ => $"trực tiếp tại {session.Venue}",
    };

    public static string Committee(Commune commune) => UnitNames.CommitteeInFull(commune);

    /// <summary>The organisers named on the session, each with their part; the chair alone when nobody else was named.</summary>
    public static IEnumerable<(string Part, string Who)> Organisers(SessionInfo session)
    {
        if (session.Organisers?.Chair is null)
        {
            yield return ("Chủ trì", session.Chair);
        }

        foreach (var (part, person) in session.Organisers?.Named() ?? [])
        {
            yield return (part, person.Describe());
        }
    }

    /// <summary>The chair's name under a signature block (the chair's title alone when no name was given).</summary>
    public static string? ChairName(SessionInfo session) => session.Organisers?.Chair?.Name;

    /// <summary>
    /// The committee's signature block: the Chairman's ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"), or a Vice-Chairman's signing for
    /// him ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", Nghị định 30/2020) when the chair named on the session is a deputy.
    /// </summary>
    public static SignatureBlock CommitteeSignature(SessionInfo session, string? signedBy = null)
    {
        var deputy = session.Organisers?.Chair?.Title is { } title && title.Contains("Phó", StringComparison.OrdinalIgnoreCase);
        return deputy
            ? new SignatureBlock("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", signedBy ?? ChairName(session))
            : new SignatureBlock("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signedBy ?? ChairName(session));
    }

    public static IEnumerable<Block> Paragraphs(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => (Block)Paragraph.Of(p));
}
