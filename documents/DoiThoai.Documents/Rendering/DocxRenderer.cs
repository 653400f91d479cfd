using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Documents.Layout;
using DocTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using DocParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;
using DocRun = DocumentFormat.OpenXml.Wordprocessing.Run;
using Run = DoiThoai.Documents.Layout.Run;

namespace DoiThoai.Documents.Rendering;

/// <summary>
/// Writes an <see cref="AdministrativeDocument"/> as a Word document (the Open XML SDK) for the office to edit, number
/// and sign: Times New Roman 14, A4 with the margins of Nghị định 30/2020, the heading as a borderless two-column table,
/// the page number centred in the header from page 2 (a first page of its own), blanks as dot leaders to the margin.
/// </summary>
public static class DocxRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Font = "Times New Roman";
    private const int PageWidth = 11906, PageHeight = 16838; // A4 in twentieths of a point
    private const int MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 851; // 20, 20, 30, 15 mm
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;

    public static byte[] Render(AdministrativeDocument document, DateTimeOffset created)
    {
        using var output = new MemoryStream();
        using (var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = document.DocumentTitle;
            package.PackageProperties.Creator = document.Heading.Issuer + " " + document.Heading.IssuerUnit;
            package.PackageProperties.Created = created.UtcDateTime;
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            body.Append(HeadingTable(document.Heading));
            body.Append(Para([new Run(document.Title, Bold: true)], JustificationValues.Center, size: 28, before: 360));
            if (document.Summary is { } summary)
            {
                body.Append(Para([new Run(summary, Bold: true)], JustificationValues.Center, size: 28));
            }

            body.Append(ShortRule(TextWidth, 1600));
            foreach (var line in document.AddressedTo)
            {
                body.Append(Para([new Run(line)], JustificationValues.Center));
            }

            foreach (var block in document.Body)
            {
                foreach (var element in Elements(block))
                {
                    body.Append(element);
                }
            }

            body.Append(Closing(document.Recipients, document.Signatures));
            body.Append(Section(main));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return output.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Elements(Block block) => block switch
    {
        Layout.Paragraph p => [Para(p.Runs, p.Align switch
        {
            Alignment.Centre => JustificationValues.Center,
            Alignment.Left => JustificationValues.Left,
            _ => JustificationValues.Both,
        }, firstLine: p.Indent ? 720 : 0, after: 80)],
        Layout.Heading h => [Para([new Run(h.Text, Bold: true)], JustificationValues.Left, before: 120, after: 60)],
        Layout.ListItem item => [Para([new Run(item.Marker + " "), .. item.Runs], JustificationValues.Both, firstLine: 720, after: 40)],
        FillLine fill => Enumerable.Range(0, fill.Lines).Select(i => Fill(i == 0 && fill.Label.Length > 0 ? fill.Label + ": " : "")),
        Layout.Table table => [Grid(table), Para([], JustificationValues.Left, after: 0)],
        Space space => [Para([], JustificationValues.Left, after: (int)(space.Points * 20))],
        _ => [],
    };

    private static DocParagraph Para(IReadOnlyList<Run> runs, JustificationValues align, int size = 28, int firstLine = 0, int before = 0, int after = 0)
    {
        var properties = new ParagraphProperties(
            new SpacingBetweenLines { Before = before.ToString(), After = after.ToString(), Line = "300", LineRule = LineSpacingRuleValues.Auto });
        if (firstLine > 0)
        {
            properties.Append(new Indentation { FirstLine = firstLine.ToString() });
        }

        properties.Append(new Justification { Val = align }); // the schema's order: spacing, indentation, justification

        var paragraph = new DocParagraph(properties);
        foreach (var run in runs)
        {
            paragraph.Append(TextRun(run.Text, size, run.Bold, run.Italic));
        }

        return paragraph;
    }

    private static DocRun TextRun(string text, int size, bool bold = false, bool italic = false)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        properties.Append(new FontSize { Val = size.ToString() });
        return new DocRun(properties, new Text(text.Normalize(System.Text.NormalizationForm.FormC)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>A short centred rule under a heading line: a top border on an empty paragraph narrowed by its indents.</summary>
    private static DocParagraph ShortRule(int width, int ruleLength)
    {
        var side = Math.Max(0, (width - ruleLength) / 2);
        return new DocParagraph(new ParagraphProperties(
            new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "000000" }),
            new SpacingBetweenLines { Before = "0", After = "120", Line = "120", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = side.ToString(), Right = side.ToString() }));
    }

    /// <summary>A blank to fill by hand: the label, then dots to the right margin (a tab stop with a dot leader).</summary>
    private static DocParagraph Fill(string label)
    {
        var paragraph = new DocParagraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = TextWidth }),
            new SpacingBetweenLines { Before = "60", After = "60", Line = "360", LineRule = LineSpacingRuleValues.Auto }));
        if (label.Length > 0)
        {
            paragraph.Append(TextRun(label, 28));
        }

        paragraph.Append(new DocRun(new RunProperties(new FontSize { Val = "28" }), new TabChar()));
        return paragraph;
    }

    private static DocTable HeadingTable(DocumentHeading heading)
    {
        const int left = 3800, right = TextWidth - left;
        var issuer = Cell(left,
            Para([new Run(heading.Issuer)], JustificationValues.Center, size: 26),
            Para([new Run(heading.IssuerUnit, Bold: true)], JustificationValues.Center, size: 26),
            ShortRule(left, 1000),
            Para(heading.Number is { } number ? [new Run(number)] : [], JustificationValues.Center, size: 26));
        var motto = Cell(right,
            Para([new Run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Bold: true)], JustificationValues.Center, size: 24),
            Para([new Run("Độc lập - Tự do - Hạnh phúc", Bold: true)], JustificationValues.Center, size: 26),
            ShortRule(right, 3000),
            Para([new Run(heading.PlaceAndDate, Italic: true)], JustificationValues.Center, size: 26));
        return Borderless([left, right], new TableRow(issuer, motto));
    }

    private static DocTable Closing(IReadOnlyList<string> recipients, IReadOnlyList<SignatureBlock> signatures)
    {
        const int half = TextWidth / 2;
        var recipientCell = Cell(half, recipients.Count == 0
            ? [Para([], JustificationValues.Left)]
            : [Para([new Run("Nơi nhận:", Bold: true, Italic: true)], JustificationValues.Left, size: 24, before: 240),
               .. recipients.Select(r => Para([new Run(r)], JustificationValues.Left, size: 22))]);
        var cells = signatures.Count == 2
            ? new[] { Signature(half, signatures[0]), Signature(half, signatures[1]) }
            : [recipientCell, signatures.Count == 1 ? Signature(half, signatures[0]) : Cell(half, Para([], JustificationValues.Left))];
        var table = Borderless([half, half], new TableRow(cells));
        if (signatures.Count == 2 && recipients.Count > 0)
        {
            table.Append(new TableRow(recipientCell, Cell(half, Para([], JustificationValues.Left))));
        }

        return table;
    }

    private static TableCell Signature(int width, SignatureBlock signature)
    {
        var paragraphs = new List<DocParagraph>();
        foreach (var (line, i) in (signature.Authority?.Split('\n') ?? []).Select((l, i) => (l, i)))
        {
            paragraphs.Add(Para([new Run(line, Bold: true)], JustificationValues.Center, size: 26, before: i == 0 ? 240 : 0));
        }

        paragraphs.Add(Para([new Run(signature.Position, Bold: true)], JustificationValues.Center, size: 26, before: signature.Authority is null ? 240 : 0));
        paragraphs.Add(Para([new Run("(Ký, ghi rõ họ tên)", Italic: true)], JustificationValues.Center, size: 22, after: 1200));
        paragraphs.Add(Para([new Run(signature.Name ?? "", Bold: true)], JustificationValues.Center, size: 26));
        return Cell(width, [.. paragraphs]);
    }

    private static DocTable Grid(Layout.Table table)
    {
        var widths = table.Widths.Select(w => (int)(w * TextWidth)).ToArray();
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var grid = new DocTable(
            new TableProperties(new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa }, border,
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(table.Headers.Select((h, i) => Cell(widths[i], Para([new Run(h, Bold: true)], JustificationValues.Center, size: 24))));
        grid.Append(header);
        foreach (var row in table.Rows)
        {
            grid.Append(new TableRow(row.Select((c, i) => Cell(widths[i], Para([new Run(c)], JustificationValues.Left, size: 24)))));
        }

        return grid;
    }

    private static DocTable Borderless(int[] widths, params TableRow[] rows)
    {
        var none = new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new DocTable(
            new TableProperties(new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa }, none,
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(rows);
        return table;
    }

    private static TableCell Cell(int width, params DocParagraph[] paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }));
        cell.Append(paragraphs.Length == 0 ? [new DocParagraph()] : paragraphs);
        return cell;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "28" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0" }))));
        styles.Styles.Save();
    }

    /// <summary>A4 with the decree's margins; the page number centred in the header, not on the first page.</summary>
    private static SectionProperties Section(MainDocumentPart main)
    {
        var numbered = main.AddNewPart<HeaderPart>();
        numbered.Header = new Header(new DocParagraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new DocRun(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new DocRun(new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new DocRun(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new DocRun(new RunProperties(new FontSize { Val = "26" }), new Text("2")),
            new DocRun(new FieldChar { FieldCharType = FieldCharValues.End })));
        numbered.Header.Save();
        var first = main.AddNewPart<HeaderPart>();
        first.Header = new Header(new DocParagraph());
        first.Header.Save();
        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(numbered) },
            new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(first) },
            new PageSize { Width = (uint)PageWidth, Height = (uint)PageHeight },
            new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = (uint)MarginLeft, Right = (uint)MarginRight, Header = 567, Footer = 567, Gutter = 0 },
            new TitlePage());
    }
}
