using System.Globalization;
using DoiThoai.Documents.Layout;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DoiThoai.Documents.Rendering;

/// <summary>
/// Draws an <see cref="AdministrativeDocument"/> on A4 pages with PDFsharp: the margins of Nghị định 30/2020 (top and
/// bottom 20 mm, left 30 mm, right 15 mm), the two-column heading, justified paragraphs with an indented first line,
/// tables whose header repeats on each page, and the page number centred at the top from page 2. PDFsharp draws and
/// embeds the fonts; what it leaves to the caller, the line breaking and justification, is done here.
/// </summary>
public static class PdfRenderer
{
    public const string ContentType = "application/pdf";

    private const double Mm = 72 / 25.4;
    private const double Top = 20 * Mm, Bottom = 20 * Mm, Left = 30 * Mm, Right = 15 * Mm;
    private const double BodySize = 13.5, TableSize = 11.5, Leading = 1.32;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Render(AdministrativeDocument document, DateTimeOffset created)
    {
        DocumentFonts.Install();
        using var pdf = new PdfDocument();
        // PDFsharp 6.2.4 ends its compressed page streams short of the zlib end marker (qpdf --check warns on each);
        // page text is small next to the embedded fonts, so the pages are written uncompressed.
        pdf.Options.CompressContentStreams = false;
        pdf.Info.Title = document.DocumentTitle;
        pdf.Info.Author = document.Heading.Issuer + " " + document.Heading.IssuerUnit;
        pdf.Info.Creator = "DoiThoai Cluster";
        pdf.Info.CreationDate = created.UtcDateTime;
        using (var canvas = new Canvas(pdf))
        {
            DrawHeading(canvas, document.Heading);
            DrawTitle(canvas, document);
            foreach (var block in document.Body)
            {
                canvas.Draw(block);
            }

            DrawClosing(canvas, document.Recipients, document.Signatures);
        }

        NumberPages(pdf);
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void DrawHeading(Canvas canvas, DocumentHeading heading)
    {
        var left = Left + 75;
        var right = Left + canvas.Width - 135;
        var top = canvas.Y;
        canvas.Centred(heading.Issuer, canvas.Font(12.5), left, 190);
        canvas.Centred(heading.IssuerUnit, canvas.Font(12.5, bold: true), left, 190);
        var leftBottom = canvas.Y;
        canvas.Rule(left - 25, left + 25, leftBottom + 5);

        canvas.Y = top;
        canvas.Centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", canvas.Font(12, bold: true), right, 270);
        var motto = canvas.Font(13, bold: true);
        canvas.Centred("Độc lập - Tự do - Hạnh phúc", motto, right, 270);
        var mottoWidth = canvas.Measure("Độc lập - Tự do - Hạnh phúc", motto);
        canvas.Rule(right - mottoWidth / 2, right + mottoWidth / 2, canvas.Y + 5);

        canvas.Y = Math.Max(canvas.Y, leftBottom) + 10;
        var line = canvas.Y;
        if (heading.Number is { } number)
        {
            canvas.Centred(number, canvas.Font(13), left, 190);
        }

        canvas.Y = line;
        canvas.Centred(heading.PlaceAndDate, canvas.Font(13, italic: true), right, 270);
        canvas.Y += 18;
    }

    private static void DrawTitle(Canvas canvas, AdministrativeDocument document)
    {
        var centre = Left + canvas.Width / 2;
        canvas.Centred(document.Title, canvas.Font(14, bold: true), centre, canvas.Width);
        if (document.Summary is { } summary)
        {
            canvas.Centred(summary, canvas.Font(13.5, bold: true), centre, canvas.Width * 0.85);
        }

        canvas.Rule(centre - 40, centre + 40, canvas.Y + 5);
        canvas.Y += 14;
        foreach (var line in document.AddressedTo)
        {
            canvas.Centred(line, canvas.Font(BodySize), centre, canvas.Width);
        }

        if (document.AddressedTo.Count > 0)
        {
            canvas.Y += 8;
        }
    }

    /// <summary>The recipients on the left and the signatures on the right (two signatures: left and right), kept on one page.</summary>
    private static void DrawClosing(Canvas canvas, IReadOnlyList<string> recipients, IReadOnlyList<SignatureBlock> signatures)
    {
        canvas.Y += 16;
        canvas.Reserve(Math.Max(130, 28 + recipients.Count * 13));
        var top = canvas.Y;
        if (recipients.Count > 0)
        {
            canvas.Text("Nơi nhận:", canvas.Font(12, bold: true, italic: true), Left, top);
            for (var i = 0; i < recipients.Count; i++)
            {
                canvas.Text(recipients[i], canvas.Font(11), Left, top + 15 + i * 13);
            }
        }

        var centres = signatures.Count == 2 ? new[] { Left + 90, Left + canvas.Width - 110 } : [Left + canvas.Width - 120];
        var bottom = top;
        for (var i = 0; i < signatures.Count && i < centres.Length; i++)
        {
            var signature = signatures[i];
            canvas.Y = top;
            var bold = canvas.Font(13, bold: true);
            foreach (var line in signature.Authority?.Split('\n') ?? [])
            {
                canvas.Centred(line, bold, centres[i], 220);
            }

            canvas.Centred(signature.Position, bold, centres[i], 220);
            canvas.Centred("(Ký, ghi rõ họ tên)", canvas.Font(11, italic: true), centres[i], 220);
            canvas.Y += 52; // room for the signature and the seal
            canvas.Centred(signature.Name ?? "", bold, centres[i], 220);
            bottom = Math.Max(bottom, canvas.Y);
        }

        canvas.Y = Math.Max(bottom, top + 15 + recipients.Count * 13);
    }

    /// <summary>Nghị định 30/2020: page numbers in Arabic figures centred at the top, not on the first page.</summary>
    private static void NumberPages(PdfDocument pdf)
    {
        for (var i = 1; i < pdf.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var font = new XFont(DocumentFonts.Family, 13, XFontStyleEx.Regular, Unicode);
            var text = (i + 1).ToString(CultureInfo.InvariantCulture);
            var width = gfx.MeasureString(text, font).Width;
            gfx.DrawString(text, font, XBrushes.Black, pdf.Pages[i].Width.Point / 2 - width / 2, 10 * Mm, XStringFormats.TopLeft);
        }
    }

    /// <summary>The page being drawn on, the position down it, and the line breaking.</summary>
    private sealed class Canvas : IDisposable
    {
        private readonly PdfDocument _pdf;
        private readonly Dictionary<(double, bool, bool), XFont> _fonts = [];
        private XGraphics _gfx = null!;
        private double _height;

        public Canvas(PdfDocument pdf)
        {
            _pdf = pdf;
            NewPage();
        }

        public double Y { get; set; }

        public double Width { get; private set; }

        public XFont Font(double size, bool bold = false, bool italic = false)
        {
            if (!_fonts.TryGetValue((size, bold, italic), out var font))
            {
                var style = (bold, italic) switch
                {
                    (true, true) => XFontStyleEx.BoldItalic,
                    (true, false) => XFontStyleEx.Bold,
                    (false, true) => XFontStyleEx.Italic,
                    _ => XFontStyleEx.Regular,
                };
                _fonts[(size, bold, italic)] = font = new XFont(DocumentFonts.Family, size, style, Unicode);
            }

            return font;
        }

        public double Measure(string text, XFont font) => _gfx.MeasureString(text, font).Width;

        public void Text(string text, XFont font, double x, double y) => _gfx.DrawString(text, font, XBrushes.Black, x, y, XStringFormats.TopLeft);

        public void Rule(double x1, double x2, double y) => _gfx.DrawLine(new XPen(XColors.Black, 0.6), x1, y, x2, y);

        /// <summary>Moves to a new page unless <paramref name="height"/> points still fit on this one.</summary>
        public void Reserve(double height)
        {
            if (Y + height > _height - Bottom)
            {
                NewPage();
            }
        }

        /// <summary>Lines centred on <paramref name="centre"/>, wrapped within <paramref name="width"/>.</summary>
        public void Centred(string text, XFont font, double centre, double width)
        {
            foreach (var line in Wrap([new Run(text)], _ => font, width, width))
            {
                var lineWidth = line.Sum(w => w.Width) + (line.Count - 1) * Measure(" ", font);
                Reserve(font.Size * 1.25);
                DrawWords(line, centre - lineWidth / 2, Y, Measure(" ", font));
                Y += font.Size * 1.25;
            }
        }

        public void Draw(Block block)
        {
            switch (block)
            {
                case Paragraph p:
                    Flow(p.Runs, p.Align, p.Indent ? 12.7 * Mm : 0, 0);
                    Y += 4;
                    break;
                case Heading h:
                    Y += 4;
                    Flow([new Run(h.Text, Bold: true)], Alignment.Left, 0, 0);
                    Y += 3;
                    break;
                case ListItem item:
                    Flow([new Run(item.Marker + " "), .. item.Runs], Alignment.Justify, 12.7 * Mm, 0);
                    Y += 2;
                    break;
                case FillLine fill:
                    DrawFill(fill);
                    break;
                case Table table:
                    DrawTable(table);
                    break;
                case Space space:
                    Y += space.Points;
                    break;
            }
        }

        /// <summary>Words of mixed styles wrapped to the text width; every line but the last justified when asked.</summary>
        private void Flow(IReadOnlyList<Run> runs, Alignment align, double firstIndent, double indent)
        {
            XFont FontOf(Run r) => Font(BodySize, r.Bold, r.Italic);
            var lines = Wrap(runs, FontOf, Width - indent, Width - firstIndent);
            for (var i = 0; i < lines.Count; i++)
            {
                var lineHeight = BodySize * Leading;
                Reserve(lineHeight);
                var x = Left + (i == 0 ? firstIndent : indent);
                var available = Width - (i == 0 ? firstIndent : indent);
                var words = lines[i];
                var natural = words.Sum(w => w.Width);
                var space = Measure(" ", Font(BodySize));
                if (align == Alignment.Justify && i < lines.Count - 1 && words.Count > 1)
                {
                    space = (available - natural) / (words.Count - 1);
                }
                else if (align == Alignment.Centre)
                {
                    x += (available - natural - space * (words.Count - 1)) / 2;
                }

                DrawWords(words, x, Y, space);
                Y += lineHeight;
            }
        }

        private void DrawWords(IReadOnlyList<Word> words, double x, double y, double space)
        {
            foreach (var word in words)
            {
                _gfx.DrawString(word.Text, word.Font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                x += word.Width + space;
            }
        }

        private List<List<Word>> Wrap(IReadOnlyList<Run> runs, Func<Run, XFont> fontOf, double width, double firstWidth)
        {
            var lines = new List<List<Word>>();
            var line = new List<Word>();
            var used = 0.0;
            foreach (var run in runs)
            {
                var font = fontOf(run);
                var space = Measure(" ", font);
                // Composed (NFC): a diacritic typed as a combining mark would be drawn, and read back, as a glyph of its own.
                foreach (var text in run.Text.Normalize(System.Text.NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var word = new Word(text, font, Measure(text, font));
                    var limit = lines.Count == 0 ? firstWidth : width;
                    if (line.Count > 0 && used + space + word.Width > limit)
                    {
                        lines.Add(line);
                        line = [];
                        used = 0;
                    }

                    used += (line.Count > 0 ? space : 0) + word.Width;
                    line.Add(word);
                }
            }

            if (line.Count > 0)
            {
                lines.Add(line);
            }

            return lines;
        }

        private void DrawFill(FillLine fill)
        {
            var font = Font(BodySize);
            var lineHeight = BodySize * 1.7;
            var dot = Measure(".", font);
            for (var i = 0; i < fill.Lines; i++)
            {
                Reserve(lineHeight);
                var label = i == 0 && fill.Label.Length > 0 ? fill.Label + ": " : "";
                var labelWidth = label.Length > 0 ? Measure(label, font) : 0;
                if (label.Length > 0)
                {
                    Text(label, font, Left, Y);
                }

                var dots = (int)((Width - labelWidth) / dot);
                Text(new string('.', Math.Max(0, dots)), font, Left + labelWidth, Y);
                Y += lineHeight;
            }
        }

        private void DrawTable(Table table)
        {
            const double pad = 3;
            var widths = table.Widths.Select(w => w * Width).ToArray();
            var font = Font(TableSize);
            var bold = Font(TableSize, bold: true);
            var lineHeight = TableSize * 1.25;

            List<List<List<Word>>> Cells(IReadOnlyList<string> cells, XFont f) =>
                [.. cells.Select((c, i) => Wrap([new Run(c)], _ => f, widths[i] - 2 * pad, widths[i] - 2 * pad))];
            double HeightOf(List<List<List<Word>>> cells) => Math.Max(1, cells.Max(c => c.Count)) * lineHeight + 2 * pad;

            var header = Cells(table.Headers, bold);
            var headerHeight = HeightOf(header);
            void DrawRow(List<List<List<Word>>> cells, double height)
            {
                var x = Left;
                for (var i = 0; i < cells.Count; i++)
                {
                    _gfx.DrawRectangle(new XPen(XColors.Black, 0.5), x, Y, widths[i], height);
                    var y = Y + pad;
                    foreach (var line in cells[i])
                    {
                        DrawWords(line, x + pad, y, Measure(" ", line[0].Font));
                        y += lineHeight;
                    }

                    x += widths[i];
                }

                Y += height;
            }

            Reserve(headerHeight + lineHeight + 2 * pad);
            DrawRow(header, headerHeight);
            foreach (var row in table.Rows)
            {
                var cells = Cells(row, font);
                var height = HeightOf(cells);
                if (Y + height > _height - Bottom)
                {
                    NewPage();
                    DrawRow(header, headerHeight); // the header again on the new page
                }

                DrawRow(cells, height);
            }

            Y += 6;
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(page);
            _height = page.Height.Point;
            Width = page.Width.Point - Left - Right;
            Y = Top;
        }

        public void Dispose() => _gfx.Dispose();

        private sealed record Word(string Text, XFont Font, double Width);
    }
}
