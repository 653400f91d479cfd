using PdfSharp.Fonts;

namespace DoiThoai.Documents.Rendering;

/// <summary>
/// The typeface of the platform's PDFs, DejaVu Serif Condensed (every Vietnamese diacritic, a free licence), read from the
/// assembly: on Linux PDFsharp finds no system fonts by itself and asks a resolver for the bytes.
/// </summary>
public sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Serif Condensed";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Faces = new(() => new[]
        {
            "DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold", "DejaVuSerifCondensed-Italic", "DejaVuSerifCondensed-BoldItalic",
        }.ToDictionary(name => name, Load));

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Installs the resolver once per process (PDFsharp's font settings are global).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            GlobalFontSettings.FontResolver = new DocumentFonts();
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (true, true) => "DejaVuSerifCondensed-BoldItalic",
            (true, false) => "DejaVuSerifCondensed-Bold",
            (false, true) => "DejaVuSerifCondensed-Italic",
            _ => "DejaVuSerifCondensed",
        });

    public byte[]? GetFont(string faceName) => Faces.Value.GetValueOrDefault(faceName);

    private static byte[] Load(string name)
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"fonts/{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded in the documents assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
