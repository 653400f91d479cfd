namespace DoiThoai.Api.Documents.Pdf;

/// <summary>
/// Lays text down a column of A4 pages: wraps words to the width, justifies paragraphs, and starts a new page where
/// the next line would cross the bottom margin. Positions are tops of lines in points from the top of the page.
/// </summary>
public sealed class PdfFlow
{
    private readonly PdfWriter _writer;

    public PdfFlow(PdfWriter writer, double left, double right, double top, double bottom)
    {
        _writer = writer;
        (Left, Right, TopMargin, BottomMargin) = (left, right, top, bottom);
        Page = writer.AddPage();
        Top = top;
    }

    public double Left { get; }
    public double Right { get; }
    public double TopMargin { get; }
    public double BottomMargin { get; }
    public double Width => PdfWriter.PageWidth - Left - Right;
    public PdfPage Page { get; private set; }

    /// <summary>Where the next line's baseline goes, from the top of the page.</summary>
    public double Top { get; set; }

    public void Skip(double points) => Top += points;

    /// <summary>Makes room for <paramref name="height"/> points on this page, or moves to the next.</summary>
    public void Reserve(double height)
    {
        if (Top + height <= PdfWriter.PageHeight - BottomMargin)
            return;
        Page = _writer.AddPage();
        Top = TopMargin;
    }

    /// <summary>A paragraph: justified lines (the last one left), the first indented, wrapped within the column.</summary>
    public void Paragraph(PdfFont font, double size, string text, double indent = 0, double leading = 1.35, bool justify = true)
    {
        var lines = Wrap(font, size, text, Width, Width - indent);
        for (var i = 0; i < lines.Count; i++)
        {
            Reserve(size * leading);
            Top += size * leading;
            var x = Left + (i == 0 ? indent : 0);
            var width = Width - (i == 0 ? indent : 0);
            if (justify && i < lines.Count - 1)
                Page.TextJustified(font, size, x, Top, lines[i], width);
            else
                Page.Text(font, size, x, Top, string.Join(' ', lines[i]));
        }
    }

    /// <summary>Lines centred on a point (titles, the heading blocks), wrapped within a width.</summary>
    public void Centred(PdfFont font, double size, string text, double centre, double width, double leading = 1.25)
    {
        foreach (var line in Wrap(font, size, text, width, width))
        {
            Reserve(size * leading);
            Top += size * leading;
            Page.TextCentered(font, size, centre, Top, string.Join(' ', line));
        }
    }

    /// <summary>Greedy word wrap; a word longer than the line is put on a line of its own rather than cut.</summary>
    public static List<IReadOnlyList<string>> Wrap(PdfFont font, double size, string text, double width, double firstWidth)
    {
        var lines = new List<IReadOnlyList<string>>();
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var line = new List<string>();
        foreach (var word in words)
        {
            var limit = lines.Count == 0 ? firstWidth : width;
            if (line.Count > 0 && font.Width(string.Join(' ', line) + " " + word, size) > limit)
            {
                lines.Add(line);
                line = [];
            }
            line.Add(word);
        }
        if (line.Count > 0)
            lines.Add(line);
        return lines;
    }
}
