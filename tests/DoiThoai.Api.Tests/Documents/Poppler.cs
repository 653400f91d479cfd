using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DoiThoai.Api.Tests.Documents;

/// <summary>Reads a PDF the way a resident's viewer would, through Debian's poppler tools (pdftotext, pdffonts, pdfinfo).</summary>
public sealed partial class Poppler : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"doithoai-{Guid.NewGuid():N}.pdf");

    public Poppler(byte[] pdf) => File.WriteAllBytes(_file, pdf);

    /// <summary>The text in reading order, every run of whitespace (line ends included) as one space.</summary>
    public string Text() => Whitespace().Replace(Run("pdftotext", "-enc", "UTF-8", _file, "-"), " ").Trim();

    /// <summary>One page's text, as lines.</summary>
    public string[] PageLines(int page) =>
        Run("pdftotext", "-enc", "UTF-8", "-layout", "-f", $"{page}", "-l", $"{page}", _file, "-")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public int Pages() => int.Parse(Regex.Match(Run("pdfinfo", _file), @"^Pages:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value);

    /// <summary>pdffonts' table rows: name, type, encoding, embedded, subset, has a ToUnicode map.</summary>
    public IReadOnlyList<(string Name, string Type, bool Embedded, bool Subset, bool Unicode)> Fonts() =>
        Run("pdffonts", _file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(line => FontRow().Match(line))
            .Select(m => (m.Groups["name"].Value, m.Groups["type"].Value.Trim(), m.Groups["emb"].Value == "yes", m.Groups["sub"].Value == "yes", m.Groups["uni"].Value == "yes"))
            .ToList();

    /// <summary>Renders a page to a PNG (kept as a test artefact beside the web pages' screenshots).</summary>
    public void SavePage(int page, string pngPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        Run("pdftoppm", "-png", "-r", "100", "-f", $"{page}", "-l", $"{page}", "-singlefile", _file, pngPath[..^".png".Length]);
    }

    public void Dispose() => File.Delete(_file);

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && errors.Length == 0, $"{tool} could not read the PDF: {errors}");
        return output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<name>\S+)\s+(?<type>CID TrueType|TrueType|Type 1|Type 3|[\w ]+?)\s+(?<enc>Identity-H|\S+)\s+(?<emb>yes|no)\s+(?<sub>yes|no)\s+(?<uni>yes|no)")]
    private static partial Regex FontRow();
}
