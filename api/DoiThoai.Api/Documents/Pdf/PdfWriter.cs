using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DoiThoai.Api.Documents.Pdf;

/// <summary>
/// Writes a PDF 1.7 of A4 pages with text in embedded TrueType subsets (Type0 / CIDFontType2, Identity-H, with a
/// ToUnicode map so the text can be searched and copied) and thin rules. Enough for the notices the platform issues;
/// no images, no forms.
/// </summary>
public sealed class PdfWriter
{
    public const double PageWidth = 595.28;  // A4 in points
    public const double PageHeight = 841.89;

    private readonly List<PdfPage> _pages = [];
    private readonly List<PdfFont> _fonts = [];
    private readonly string _title;
    private readonly DateTimeOffset _created;

    public PdfWriter(string title, DateTimeOffset created)
    {
        _title = title;
        _created = created;
    }

    public PdfFont AddFont(TrueTypeFont font)
    {
        var added = new PdfFont(font, $"F{_fonts.Count + 1}");
        _fonts.Add(added);
        return added;
    }

    public PdfPage AddPage()
    {
        var page = new PdfPage();
        _pages.Add(page);
        return page;
    }

    public byte[] ToBytes()
    {
        var output = new PdfObjects();
        var catalog = output.Reserve();
        var pagesRoot = output.Reserve();

        var fontRefs = new StringBuilder();
        foreach (var font in _fonts)
            fontRefs.Append(CultureInfo.InvariantCulture, $"/{font.ResourceName} {WriteFont(output, font)} 0 R ");

        var kids = new StringBuilder();
        foreach (var page in _pages)
        {
            var content = output.Stream(Encoding.ASCII.GetBytes(page.Content.ToString()), compress: true);
            var pageObject = output.Add(string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent {pagesRoot} 0 R /MediaBox [0 0 {PageWidth:0.##} {PageHeight:0.##}] " +
                $"/Resources << /Font << {fontRefs}>> >> /Contents {content} 0 R >>"));
            kids.Append(CultureInfo.InvariantCulture, $"{pageObject} 0 R ");
        }
        output.Set(pagesRoot, $"<< /Type /Pages /Kids [{kids}] /Count {_pages.Count} >>");
        output.Set(catalog, $"<< /Type /Catalog /Pages {pagesRoot} 0 R /Lang (vi-VN) >>");
        var info = output.Add($"<< /Title {TextString(_title)} /Producer (DoiThoai Cluster) /CreationDate ({Date(_created)}) >>");
        return output.ToBytes(catalog, info);
    }

    private static int WriteFont(PdfObjects output, PdfFont font)
    {
        var face = font.Face;
        var used = font.UsedGlyphs.Keys.Order().ToList();
        var subset = face.Subset(used);
        // A subset's name carries a tag of six capitals, different for different subsets (ISO 32000 9.6.4).
        var tag = SubsetTag(used);
        var name = $"{tag}+{face.PostScriptName}";
        double Scale(int units) => units * 1000.0 / face.UnitsPerEm;

        var fontFile = output.Stream(subset, compress: true, $"/Length1 {subset.Length}");
        var box = face.BoundingBox;
        var descriptor = output.Add(string.Create(CultureInfo.InvariantCulture,
            $"<< /Type /FontDescriptor /FontName /{name} /Flags 6 " +
            $"/FontBBox [{Scale(box.XMin):0} {Scale(box.YMin):0} {Scale(box.XMax):0} {Scale(box.YMax):0}] " +
            $"/ItalicAngle 0 /Ascent {Scale(face.Ascent):0} /Descent {Scale(face.Descent):0} " +
            $"/CapHeight {Scale(face.CapHeight):0} /StemV 80 /FontFile2 {fontFile} 0 R >>"));

        var widths = new StringBuilder();
        foreach (var glyph in used)
            widths.Append(CultureInfo.InvariantCulture, $"{glyph} [{Scale(face.Advance(glyph)):0}] ");
        var cidFont = output.Add(
            $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} " +
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
            $"/FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity >>");

        var toUnicode = output.Stream(Encoding.ASCII.GetBytes(ToUnicodeMap(font.UsedGlyphs)), compress: true);
        return output.Add(
            $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H " +
            $"/DescendantFonts [{cidFont} 0 R] /ToUnicode {toUnicode} 0 R >>");
    }

    private static string ToUnicodeMap(IReadOnlyDictionary<ushort, int> glyphs)
    {
        var map = new StringBuilder("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """);
        foreach (var chunk in glyphs.OrderBy(g => g.Key).Chunk(100))
        {
            map.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, codePoint) in chunk)
            {
                var utf16 = Encoding.BigEndianUnicode.GetBytes(char.ConvertFromUtf32(codePoint));
                map.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{Convert.ToHexString(utf16)}>\n");
            }
            map.Append("endbfchar\n");
        }
        map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return map.ToString();
    }

    private static string SubsetTag(IEnumerable<ushort> glyphs)
    {
        var hash = 17u;
        foreach (var glyph in glyphs)
            hash = unchecked(hash * 31 + glyph);
        var tag = new char[6];
        for (var i = 0; i < 6; i++)
        {
            tag[i] = (char)('A' + hash % 26);
            hash /= 26;
        }
        return new string(tag);
    }

    /// <summary>A PDF text string: UTF-16BE with its byte order mark, so Vietnamese titles show in the viewer.</summary>
    private static string TextString(string text) =>
        $"<FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>";

    private static string Date(DateTimeOffset at)
    {
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture,
            $"D:{at:yyyyMMddHHmmss}{sign}{Math.Abs(offset.Hours):00}'{Math.Abs(offset.Minutes):00}'");
    }

    /// <summary>The numbered objects of the file, written in order with their byte offsets for the cross-reference table.</summary>
    private sealed class PdfObjects
    {
        private readonly List<byte[]?> _bodies = [];

        public int Reserve()
        {
            _bodies.Add(null);
            return _bodies.Count;
        }

        public void Set(int number, string body) => _bodies[number - 1] = Encoding.ASCII.GetBytes(body);

        public int Add(string body)
        {
            var number = Reserve();
            Set(number, body);
            return number;
        }

        public int Stream(byte[] data, bool compress, string extraEntries = "")
        {
            var bytes = data;
            var filter = "";
            if (compress)
            {
                using var packed = new MemoryStream();
                using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true))
                    zlib.Write(data);
                bytes = packed.ToArray();
                filter = " /Filter /FlateDecode";
            }
            var head = Encoding.ASCII.GetBytes($"<< /Length {bytes.Length}{filter} {extraEntries}>>\nstream\n");
            var tail = "\nendstream"u8;
            var body = new byte[head.Length + bytes.Length + tail.Length];
            head.CopyTo(body, 0);
            bytes.CopyTo(body, head.Length);
            tail.CopyTo(body.AsSpan(head.Length + bytes.Length));
            var number = Reserve();
            _bodies[number - 1] = body;
            return number;
        }

        public byte[] ToBytes(int root, int info)
        {
            using var file = new MemoryStream();
            file.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
            var offsets = new long[_bodies.Count];
            for (var i = 0; i < _bodies.Count; i++)
            {
                offsets[i] = file.Position;
                file.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
                file.Write(_bodies[i] ?? throw new InvalidOperationException($"PDF object {i + 1} was reserved and never written."));
                file.Write("\nendobj\n"u8);
            }
            var xref = file.Position;
            var table = new StringBuilder($"xref\n0 {_bodies.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
                table.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
            table.Append(CultureInfo.InvariantCulture,
                $"trailer\n<< /Size {_bodies.Count + 1} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            file.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return file.ToArray();
        }
    }
}

/// <summary>A font placed in a document: draws text as glyph numbers and remembers which glyphs to embed.</summary>
public sealed class PdfFont(TrueTypeFont face, string resourceName)
{
    private readonly Dictionary<ushort, int> _used = [];

    public TrueTypeFont Face { get; } = face;
    public string ResourceName { get; } = resourceName;
    public IReadOnlyDictionary<ushort, int> UsedGlyphs => _used;

    public double Width(string text, double size) => Face.Width(Normalize(text), size);

    /// <summary>The text as a hex string of two-byte glyph numbers (Identity-H).</summary>
    internal string Encode(string text)
    {
        var hex = new StringBuilder("<");
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            var glyph = Face.GlyphOf(rune.Value);
            _used.TryAdd(glyph, rune.Value);
            hex.Append(CultureInfo.InvariantCulture, $"{glyph:X4}");
        }
        return hex.Append('>').ToString();
    }

    /// <summary>Vietnamese typed on some keyboards arrives decomposed (base letter + combining marks); the font draws the
    /// precomposed letters.</summary>
    internal static string Normalize(string text) => text.Normalize(NormalizationForm.FormC);
}

/// <summary>One A4 page; positions are in points from the top-left corner, as a layout thinks of them.</summary>
public sealed class PdfPage
{
    internal StringBuilder Content { get; } = new();

    public void Text(PdfFont font, double size, double x, double top, string text)
    {
        if (text.Length == 0)
            return;
        Content.Append(CultureInfo.InvariantCulture,
            $"BT /{font.ResourceName} {size:0.##} Tf {x:0.##} {PdfWriter.PageHeight - top:0.##} Td {font.Encode(text)} Tj ET\n");
    }

    public void TextCentered(PdfFont font, double size, double centre, double top, string text) =>
        Text(font, size, centre - font.Width(text, size) / 2, top, text);

    /// <summary>Words set across exactly <paramref name="width"/> points: the spaces between them stretched alike.</summary>
    public void TextJustified(PdfFont font, double size, double x, double top, IReadOnlyList<string> words, double width)
    {
        if (words.Count < 2)
        {
            Text(font, size, x, top, string.Join(' ', words));
            return;
        }
        var natural = font.Width(string.Join(' ', words), size);
        var stretch = (width - natural) / (words.Count - 1) * 1000 / size; // in thousandths of the font size
        var runs = new StringBuilder("[");
        for (var i = 0; i < words.Count; i++)
        {
            runs.Append(font.Encode(i < words.Count - 1 ? words[i] + " " : words[i]));
            if (i < words.Count - 1)
                runs.Append(CultureInfo.InvariantCulture, $" {-stretch:0.##} ");
        }
        runs.Append(']');
        Content.Append(CultureInfo.InvariantCulture,
            $"BT /{font.ResourceName} {size:0.##} Tf {x:0.##} {PdfWriter.PageHeight - top:0.##} Td {runs} TJ ET\n");
    }

    public void Rule(double x1, double x2, double top, double thickness = 0.5) =>
        Content.Append(CultureInfo.InvariantCulture,
            $"{thickness:0.##} w {x1:0.##} {PdfWriter.PageHeight - top:0.##} m {x2:0.##} {PdfWriter.PageHeight - top:0.##} l S\n");
}
