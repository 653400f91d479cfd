namespace DoiThoai.Documents.Layout;

/// <summary>
/// An administrative document of a commune's People's Committee as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays it out:
/// the issuing body and the number on the left, the national motto and the place and date on the right, the title and
/// the summary line, the body, the recipients and the signature block; page numbers centred at the top from page 2.
/// One model, drawn by <see cref="Rendering.PdfRenderer"/> (for publication) and <see cref="Rendering.DocxRenderer"/>
/// (for the office to edit and sign), so both say the same.
/// </summary>
public sealed record AdministrativeDocument(
    DocumentHeading Heading,
    string Title,
    string? Summary,
    IReadOnlyList<Block> Body,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<SignatureBlock> Signatures,
    string DocumentTitle)
{
    /// <summary>The people the document is addressed to ("Kính gửi: …"), between the title and the body; empty for none.</summary>
    public IReadOnlyList<string> AddressedTo { get; init; } = [];
}

/// <summary>
/// The heading: the issuing body (upper case, on two lines: "ỦY BAN NHÂN DÂN" / "XÃ THƯỢNG HỒNG"), the number line
/// ("Số: 3/TB-UBND", or "Số:      /KH-UBND" for the office's document register to fill) and the place and date
/// ("Thượng Hồng, ngày 15 tháng 12 năm 2026"); a form has no number line.
/// </summary>
public sealed record DocumentHeading(string Issuer, string IssuerUnit, string? Number, string PlaceAndDate);

/// <summary>Who signs: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", then the name under room for the signature and seal.</summary>
public sealed record SignatureBlock(string? Authority, string Position, string? Name);

/// <summary>A part of the body.</summary>
public abstract record Block;

/// <summary>A span of text in one style.</summary>
public sealed record Run(string Text, bool Bold = false, bool Italic = false);

public enum Alignment
{
    Justify,
    Left,
    Centre,
}

/// <summary>A paragraph: justified with its first line indented, unless said otherwise.</summary>
public sealed record Paragraph(IReadOnlyList<Run> Runs, Alignment Align = Alignment.Justify, bool Indent = true) : Block
{
    public static Paragraph Of(string text, bool bold = false, bool italic = false) => new([new Run(text, bold, italic)]);

    /// <summary>"Label: value", the label bold.</summary>
    public static Paragraph Labelled(string label, string value) => new([new Run(label + ": ", Bold: true), new Run(value)]);
}

/// <summary>A section heading ("I. MỤC ĐÍCH, YÊU CẦU"), bold, left.</summary>
public sealed record Heading(string Text) : Block;

/// <summary>A line of an enumeration ("- …" or "+ …"), indented.</summary>
public sealed record ListItem(IReadOnlyList<Run> Runs, string Marker = "-") : Block
{
    public static ListItem Of(string text, string marker = "-") => new([new Run(text)], marker);
}

/// <summary>A blank to fill by hand on a printed form: "Họ và tên: ………………".</summary>
public sealed record FillLine(string Label, int Lines = 1) : Block;

/// <summary>A table with a bold header row; widths are fractions of the text width.</summary>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

/// <summary>Vertical space, in points.</summary>
public sealed record Space(double Points) : Block;
