using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DoiThoai.TestServers;

/// <summary>
/// Reads a PDF the way a resident's viewer would, through Debian's poppler tools (pdftotext, pdffonts, pdfinfo, pdftoppm),
/// and checks its structure with qpdf.
/// </summary>
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

    /// <summary>pdffonts' table as it prints it.</summary>
    public string FontTable() => Run("pdffonts", _file);

    /// <summary>
    /// pdffonts' table rows: name (with its type), embedded, subset, ToUnicode map. Read from the right, where the columns
    /// are single words: a long font name pushes the columns after it to the right.
    /// </summary>
    public IReadOnlyList<(string Name, bool Embedded, bool Subset, bool Unicode)> Fonts() =>
        [.. FontTable().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(cells => (string.Join(' ', cells[..^6]), cells[^5] == "yes", cells[^4] == "yes", cells[^3] == "yes"))];

    /// <summary>Renders a page to a PNG (kept as a test artefact beside the web pages' screenshots).</summary>
    public void SavePage(int page, string pngPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(pngPath)!);
        Run("pdftoppm", "-png", "-r", "100", "-f", $"{page}", "-l", $"{page}", "-singlefile", _file, pngPath[..^".png".Length]);
    }

    /// <summary>qpdf --check's verdict: null when the file's structure is sound, else what qpdf reported.</summary>
    public string? StructureProblem()
    {
        var start = new ProcessStartInfo("qpdf") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--check");
        start.ArgumentList.Add(_file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && !output.Contains("WARNING", StringComparison.Ordinal) ? null : output;
    }

    public void Dispose() => File.Delete(_file);

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || errors.Length > 0)
        {
            throw new InvalidOperationException($"{tool} could not read the PDF: {errors}");
        }

        return output;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

}
