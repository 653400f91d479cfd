using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoiThoai.Documents.Spreadsheets;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Documents.Tests;

/// <summary>The province's oversight workbook read back with the Open XML SDK, as Excel would open it.</summary>
public sealed class OversightWorkbookTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(7));

    private static ProvinceOverview Overview() => new(
        "31", "Thành phố Hải Phòng", 2026, AsOf, 2, new KindCounts(1, 0, 1), [], [], [], [], new DateOnly(2026, 12, 15), new PeriodicCounts(0, 1, 0, 1),
        [
            new CommuneOversight("10993", "Xã Thượng Hồng", PeriodicDialogueStatus.Scheduled, "2026-0001", new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.FromHours(7)),
                1, 0, 3, 1, FollowUpsOpen: 2, FollowUpsOverdue: 1),
            new CommuneOversight("10507", "Phường Thành Đông", PeriodicDialogueStatus.Missing, null, null, 0, 1, 0, 0, DialogueRequestsOwed: 1),
        ],
        [new OverviewSession("10993", "Xã Thượng Hồng", "2026-0002", SessionKind.Urgent, "Đối thoại khẩn về sạt lở bờ sông Luộc",
            new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.FromHours(7)), SessionStatus.Held)],
        [new LateResults("10507", "Phường Thành Đông", "2026-0004", "Đối thoại về chợ tạm", new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.FromHours(7)),
            new DateOnly(2026, 11, 20), null)]);

    [Fact]
    public void The_workbook_is_valid_and_holds_each_commune_with_real_dates_and_numbers_on_named_sheets()
    {
        var bytes = OversightWorkbook.Write(Overview());
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken));

        var book = document.WorkbookPart!;
        Assert.Equal([OversightWorkbook.CommunesSheet, OversightWorkbook.UrgentSheet, OversightWorkbook.LateSheet],
            book.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var rows = Rows(book, OversightWorkbook.CommunesSheet);
        Assert.Equal(["Mã", "Xã, phường, đặc khu", "Đối thoại định kỳ (hạn 15/12/2026)", "Ngày đối thoại định kỳ"], rows[0].Take(4));
        Assert.Equal(3, rows.Count);
        Assert.Equal(["10993", "Xã Thượng Hồng", "Đã lên lịch"], rows[1].Take(3));
        // A real date (Excel's serial day with the time of day), shown dd/MM/yyyy HH:mm; counts are numbers.
        Assert.Equal(new DateTime(2026, 12, 10, 8, 0, 0).ToOADate(), double.Parse(rows[1][3], System.Globalization.CultureInfo.InvariantCulture), 6);
        var kienNghi = rows[0].IndexOf("Kiến nghị quá hạn");
        Assert.Equal("1", rows[1][kienNghi]);
        Assert.Equal("1", rows[2][rows[0].IndexOf("Đề nghị đối thoại chưa tổ chức")]);
        Assert.Contains(Formats(book), f => f == "dd/MM/yyyy HH:mm");

        Assert.Equal(["Xã Thượng Hồng", "Đối thoại khẩn về sạt lở bờ sông Luộc", "Đã tổ chức"], Rows(book, OversightWorkbook.UrgentSheet)[1].Skip(1));
        Assert.Equal("Phường Thành Đông", Rows(book, OversightWorkbook.LateSheet)[1][0]);
    }

    /// <summary>Every cell's text as a reader sees it: shared strings resolved, numbers as written.</summary>
    private static List<List<string>> Rows(WorkbookPart book, string sheetName)
    {
        var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)book.GetPartById(sheet.Id!);
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.CellValue?.Text ?? "").ToList()).ToList();
    }

    private static IEnumerable<string> Formats(WorkbookPart book) =>
        book.WorkbookStylesPart?.Stylesheet.NumberingFormats?.Elements<NumberingFormat>().Select(f => f.FormatCode!.Value!) ?? [];
}
