using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Province;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace DoiThoai.Documents.Spreadsheets;

/// <summary>
/// The province's oversight as the Excel workbook offices send upward (written with MiniExcel): one sheet per
/// commune with its standing, then the urgent dialogues and the late results. Days are real dates shown dd/MM/yyyy,
/// counts are numbers, so the receiving office can sort, filter and add them up.
/// </summary>
public static class OversightWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string CommunesSheet = "Xã, phường";
    public const string UrgentSheet = "Đối thoại đột xuất";
    public const string LateSheet = "Công bố kết quả chậm";

    public static string FileName(ProvinceOverview overview) =>
        $"theo-doi-doi-thoai-{overview.ProvinceCode}-{VietnamTime.LocalDate(overview.AsOf):yyyy-MM-dd}.xlsx";

    public static byte[] Write(ProvinceOverview overview)
    {
        var communes = overview.Communes.Select(c => new Dictionary<string, object?>
        {
            ["Mã"] = c.Code,
            ["Xã, phường, đặc khu"] = c.Name,
            [$"Đối thoại định kỳ (hạn {overview.PeriodicBy:dd/MM/yyyy})"] = Cell(c.Periodic.Vietnamese()),
            ["Ngày đối thoại định kỳ"] = c.PeriodicStartsAt is { } at ? VietnamTime.ToLocal(at).DateTime : null,
            ["Đột xuất 30 ngày qua"] = c.UrgentLast30Days,
            ["Kết quả công bố chậm"] = c.ResultsLate,
            ["Việc chuẩn bị quá hạn"] = c.PreparationOverdue,
            ["Chọn người dự muộn"] = c.InviteesChosenLate,
            ["Kiến nghị đang giải quyết"] = c.PetitionsOpen,
            ["Kiến nghị quá hạn"] = c.PetitionsOverdue,
            ["Việc sau hội nghị đang làm"] = c.FollowUpsOpen,
            ["Việc sau hội nghị quá hạn"] = c.FollowUpsOverdue,
            ["Đề nghị đối thoại chưa tổ chức"] = c.DialogueRequestsOwed,
        }).ToList();
        var urgent = overview.UrgentNext7Days.Concat(overview.UrgentLast30Days).Select(s => new Dictionary<string, object?>
        {
            ["Thời gian"] = VietnamTime.ToLocal(s.StartsAt).DateTime,
            ["Xã, phường, đặc khu"] = s.CommuneName,
            ["Tiêu đề"] = s.Title,
            ["Trạng thái"] = Cell(s.Status.Vietnamese()),
        }).ToList();
        var late = overview.ResultsLate.Select(r => new Dictionary<string, object?>
        {
            ["Xã, phường, đặc khu"] = r.CommuneName,
            ["Phiên đối thoại"] = r.Title,
            ["Ngày hội nghị"] = VietnamTime.ToLocal(r.StartsAt).DateTime,
            ["Hạn công bố"] = r.Due.ToDateTime(TimeOnly.MinValue),
            ["Đã công bố"] = r.PublishedAt is { } published ? VietnamTime.ToLocal(published).DateTime : null,
        }).ToList();

        var sheets = new Dictionary<string, object>
        {
            [CommunesSheet] = communes,
            [UrgentSheet] = urgent.Count > 0 ? urgent : [Empty("Không có đối thoại đột xuất trong 30 ngày qua và 7 ngày tới.")],
            [LateSheet] = late.Count > 0 ? late : [Empty("Không có phiên nào công bố kết quả chậm.")],
        };
        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.Default,
            AutoFilter = true,
            DynamicColumns =
            [
                new DynamicExcelColumn("Xã, phường, đặc khu") { Width = 30 },
                new DynamicExcelColumn("Tiêu đề") { Width = 50 },
                new DynamicExcelColumn("Phiên đối thoại") { Width = 50 },
                new DynamicExcelColumn("Ngày đối thoại định kỳ") { Format = "dd/MM/yyyy HH:mm", Width = 18 },
                new DynamicExcelColumn("Thời gian") { Format = "dd/MM/yyyy HH:mm", Width = 18 },
                new DynamicExcelColumn("Ngày hội nghị") { Format = "dd/MM/yyyy", Width = 14 },
                new DynamicExcelColumn("Hạn công bố") { Format = "dd/MM/yyyy", Width = 14 },
                new DynamicExcelColumn("Đã công bố") { Format = "dd/MM/yyyy HH:mm", Width = 18 },
            ],
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    /// <summary>A state as a cell shows it: the words of a sentence, capitalised.</summary>
    private static string Cell(string words) => words.Length == 0 ? words : char.ToUpper(words[0], Vietnamese) + words[1..];

    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    private static Dictionary<string, object?> Empty(string note) => new() { ["Ghi chú"] = note };
}
