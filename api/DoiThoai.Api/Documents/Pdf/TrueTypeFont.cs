using System.Buffers.Binary;
using System.Text;

namespace DoiThoai.Api.Documents.Pdf;

/// <summary>
/// A TrueType font read far enough to typeset with it and embed it in a PDF: character → glyph (cmap formats 4 and
/// 12), advance widths, the metrics a font descriptor needs, and a subset that keeps only the glyphs a document uses.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;
    private readonly Dictionary<int, ushort> _glyphOfChar;
    private readonly ushort[] _advances;
    private readonly bool _longLoca;

    public TrueTypeFont(string postScriptName, byte[] data)
    {
        PostScriptName = postScriptName;
        _data = data;
        _tables = ReadTableDirectory(data);

        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        BoundingBox = (I16(head + 36), I16(head + 38), I16(head + 40), I16(head + 42));
        _longLoca = I16(head + 50) == 1;

        var hhea = Table("hhea");
        Ascent = I16(hhea + 4);
        Descent = I16(hhea + 6);
        GlyphCount = U16(Table("maxp") + 4);

        _advances = ReadAdvances(U16(hhea + 34));
        _glyphOfChar = ReadCharacterMap();

        if (_tables.TryGetValue("OS/2", out var os2) && os2.Length >= 90)
            CapHeight = I16(os2.Offset + 88);
        else
            CapHeight = Ascent;
    }

    public string PostScriptName { get; }
    public int UnitsPerEm { get; }
    public int GlyphCount { get; }
    public int Ascent { get; }
    public int Descent { get; }
    public int CapHeight { get; }
    public (int XMin, int YMin, int XMax, int YMax) BoundingBox { get; }

    /// <summary>The glyph that draws a character; 0 (the font's "missing" box) where the font has none.</summary>
    public ushort GlyphOf(int codePoint) => _glyphOfChar.GetValueOrDefault(codePoint);

    public bool Covers(int codePoint) => _glyphOfChar.ContainsKey(codePoint);

    /// <summary>Advance width of a glyph in font units.</summary>
    public int Advance(ushort glyph) => _advances[Math.Min(glyph, _advances.Length - 1)];

    /// <summary>Width of a text in points at a size, glyph by glyph (no kerning).</summary>
    public double Width(string text, double size)
    {
        var units = 0;
        foreach (var rune in text.EnumerateRunes())
            units += Advance(GlyphOf(rune.Value));
        return units * size / UnitsPerEm;
    }

    /// <summary>
    /// The font with only the given glyphs' outlines (and the glyphs composite outlines are built from); glyph numbers
    /// stay the same, so a PDF can address them directly (CIDToGIDMap /Identity). Tables a PDF viewer does not read
    /// (kerning, layout, PostScript names) are dropped; hinting and the naming/licence table are kept.
    /// </summary>
    public byte[] Subset(IEnumerable<ushort> glyphs)
    {
        var keep = new HashSet<ushort>();
        var pending = new Stack<ushort>(glyphs.Prepend((ushort)0)); // glyph 0 (.notdef) is always present
        while (pending.TryPop(out var glyph))
        {
            if (glyph >= GlyphCount || !keep.Add(glyph))
                continue;
            foreach (var component in ComponentsOf(glyph))
                if (!keep.Contains(component))
                    pending.Push(component);
        }

        var glyf = new MemoryStream();
        var loca = new byte[(GlyphCount + 1) * 4];
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), (uint)glyf.Length);
            if (!keep.Contains((ushort)g))
                continue;
            var (offset, length) = GlyphRange(g);
            glyf.Write(_data, Table("glyf") + offset, length);
            while (glyf.Length % 4 != 0)
                glyf.WriteByte(0);
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(GlyphCount * 4), (uint)glyf.Length);

        var head = TableBytes("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checkSumAdjustment: not used by PDF viewers
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // the new loca is in long offsets

        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head,
            ["hhea"] = TableBytes("hhea"),
            ["hmtx"] = TableBytes("hmtx"),
            ["maxp"] = TableBytes("maxp"),
            ["loca"] = loca,
            ["glyf"] = glyf.ToArray(),
        };
        foreach (var optional in new[] { "cvt ", "fpgm", "prep", "name", "OS/2" })
            if (_tables.ContainsKey(optional))
                tables[optional] = TableBytes(optional);
        return WriteFont(tables);
    }

    private IEnumerable<ushort> ComponentsOf(ushort glyph)
    {
        var (offset, length) = GlyphRange(glyph);
        if (length == 0)
            yield break;
        var start = Table("glyf") + offset;
        if (I16(start) >= 0)
            yield break; // a simple outline
        var at = start + 10;
        const int argsAreWords = 0x0001, haveScale = 0x0008, moreComponents = 0x0020, xyScale = 0x0040, twoByTwo = 0x0080;
        int flags;
        do
        {
            flags = U16(at);
            yield return U16(at + 2);
            at += 4 + ((flags & argsAreWords) != 0 ? 4 : 2);
            if ((flags & haveScale) != 0)
                at += 2;
            else if ((flags & xyScale) != 0)
                at += 4;
            else if ((flags & twoByTwo) != 0)
                at += 8;
        }
        while ((flags & moreComponents) != 0);
    }

    private (int Offset, int Length) GlyphRange(int glyph)
    {
        var loca = Table("loca");
        int from, to;
        if (_longLoca)
        {
            from = (int)U32(loca + glyph * 4);
            to = (int)U32(loca + (glyph + 1) * 4);
        }
        else
        {
            from = U16(loca + glyph * 2) * 2;
            to = U16(loca + (glyph + 1) * 2) * 2;
        }
        return (from, Math.Max(0, to - from));
    }

    private ushort[] ReadAdvances(int metricCount)
    {
        var hmtx = Table("hmtx");
        var advances = new ushort[Math.Max(1, metricCount)];
        for (var i = 0; i < metricCount; i++)
            advances[i] = U16(hmtx + i * 4);
        return advances; // glyphs past the last metric share its advance (Advance clamps)
    }

    private Dictionary<int, ushort> ReadCharacterMap()
    {
        var cmap = Table("cmap");
        int? format4 = null, format12 = null;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + i * 8;
            var (platform, encoding) = (U16(record), U16(record + 2));
            var sub = cmap + (int)U32(record + 4);
            var format = U16(sub);
            if (format == 12 && (platform == 3 && encoding == 10 || platform == 0))
                format12 = sub;
            else if (format == 4 && (platform == 3 && encoding == 1 || platform == 0))
                format4 ??= sub;
        }

        var map = new Dictionary<int, ushort>();
        if (format12 is { } f12)
        {
            for (var i = 0; i < (int)U32(f12 + 12); i++)
            {
                var group = f12 + 16 + i * 12;
                var (first, last, glyph) = (U32(group), U32(group + 4), U32(group + 8));
                for (var c = first; c <= last; c++)
                    map[(int)c] = (ushort)(glyph + (c - first));
            }
            return map;
        }
        if (format4 is not { } f4)
            throw new InvalidDataException($"{PostScriptName}: no Unicode character map (cmap format 4 or 12).");

        var segments = U16(f4 + 6) / 2;
        var ends = f4 + 14;
        var starts = ends + segments * 2 + 2;
        var deltas = starts + segments * 2;
        var rangeOffsets = deltas + segments * 2;
        for (var s = 0; s < segments; s++)
        {
            int first = U16(starts + s * 2), last = U16(ends + s * 2);
            var delta = I16(deltas + s * 2);
            var rangeOffsetAt = rangeOffsets + s * 2;
            var rangeOffset = U16(rangeOffsetAt);
            for (var c = first; c <= last && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                    glyph = (c + delta) & 0xFFFF;
                else
                {
                    glyph = U16(rangeOffsetAt + rangeOffset + (c - first) * 2);
                    if (glyph != 0)
                        glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0)
                    map[c] = (ushort)glyph;
            }
        }
        return map;
    }

    private static byte[] WriteFont(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }
        var output = new MemoryStream();
        var header = new byte[12 + count * 16];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)(count * 16 - power * 16));
        output.Write(header);

        var offset = header.Length;
        var index = 0;
        foreach (var (tag, bytes) in tables)
        {
            var record = header.AsSpan(12 + index++ * 16);
            Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)bytes.Length);
            output.Write(bytes);
            var padding = (4 - bytes.Length % 4) % 4;
            output.Write(new byte[padding]);
            offset += bytes.Length + padding;
        }
        output.Position = 0;
        output.Write(header);
        return output.ToArray();
    }

    private static uint Checksum(byte[] table)
    {
        uint sum = 0;
        for (var i = 0; i < table.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
                word = (word << 8) | (i + j < table.Length ? table[i + j] : 0u);
            sum += word;
        }
        return sum;
    }

    private static Dictionary<string, (int, int)> ReadTableDirectory(byte[] data)
    {
        var version = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
            throw new InvalidDataException("Not a TrueType font (only glyf outlines can be embedded as FontFile2).");
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(4)); i++)
        {
            var record = data.AsSpan(12 + i * 16);
            tables[Encoding.ASCII.GetString(record[..4])] =
                ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap" })
            if (!tables.ContainsKey(required))
                throw new InvalidDataException($"The font has no '{required}' table.");
        return tables;
    }

    private int Table(string tag) => _tables[tag].Offset;

    private byte[] TableBytes(string tag) => _data.AsSpan(_tables[tag].Offset, _tables[tag].Length).ToArray();

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));

    private short I16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));
}
