using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace DoiThoai.Benchmarks;

/// <summary>
/// The history in BENCHMARKS.md as one picture, BENCHMARKS.png beside it: for each of issue 7's targets, what every
/// recorded run measured, by date, against the target (dashed). Drawn again after each recorded run, or on its own
/// with the <c>plot</c> command.
/// </summary>
public static partial class HistoryPlot
{
    /// <summary>One recorded run: its scenario, when, on which commit, and its table's figures by row name.</summary>
    public sealed record Run(string Scenario, DateTime At, string Commit, IReadOnlyDictionary<string, double> Figures)
    {
        /// <summary>The series a run belongs to: the fan-outs by their number of recipients.</summary>
        public string Series => Figures.TryGetValue("recipients", out var n) ? $"{Scenario}, {n:N0} recipients" : Scenario;
    }

    /// <summary>A target's picture: the runs of the scenarios that have the figure (and, for a fan-out, at least so many recipients).</summary>
    private sealed record Panel(string Title, string Unit, double Target, string[] Scenarios, string Figure, double MinRecipients = 0);

    /// <summary>Worked out from a fan-out's table: its recipients over its platform's rate.</summary>
    private const string SecondsToAllSent = "platform, schedule → all sent, seconds";

    private static readonly Panel[] Panels =
    [
        new("Fan-out: platform / raw channel (higher is better)", "ratio", 0.9, ["fanout-email", "fanout-sms"], "ratio platform / raw"),
        new("Schedule: p99 at 500 requests/s", "ms", 20, ["schedule"], "500 req/s: p99"),
        new("National: resident memory, 3,321 communes active", "MiB", 512, ["national"], "resident memory, 3,321 communes active"),
        new("Reminders: lateness p99 (due → handed to the SMSC)", "ms", 2000, ["reminders"], "lateness p99"),
        new("Fan-out: 100,000 SMS, schedule → all handed to Kannel", "s", 60, ["fanout-sms"], SecondsToAllSent, MinRecipients: 100_000),
    ];

    /// <summary>Reads the runs of a BENCHMARKS.md: each "### scenario, date UTC, commit c" heading and its table.</summary>
    public static IReadOnlyList<Run> Parse(IEnumerable<string> lines)
    {
        var runs = new List<Run>();
        (string Scenario, DateTime At, string Commit)? current = null;
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in lines.Append("### end"))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                if (current is { } run)
                {
                    if (figures.TryGetValue("recipients", out var n) && figures.TryGetValue("platform, schedule → all sent", out var rate) && rate > 0)
                    {
                        figures[SecondsToAllSent] = n / rate;
                    }

                    runs.Add(new Run(run.Scenario, run.At, run.Commit, figures));
                }

                var heading = Heading().Match(line);
                current = heading.Success
                    ? (heading.Groups[1].Value, DateTime.ParseExact(heading.Groups[2].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), heading.Groups[3].Value)
                    : null;
                figures = new Dictionary<string, double>(StringComparer.Ordinal);
            }
            else if (current is not null && TableRow().Match(line) is { Success: true } row)
            {
                figures[row.Groups[1].Value.Trim()] = double.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
            }
        }

        return runs;
    }

    /// <summary>Draws the runs of the history file into the PNG beside it; returns the PNG's path.</summary>
    public static string Save(string historyFile)
    {
        var runs = Parse(File.ReadLines(historyFile));
        var multiplot = new Multiplot(); // starts with one plot
        while (multiplot.Count() < Panels.Length)
        {
            multiplot.AddPlot();
        }

        foreach (var (panel, index) in Panels.Select((p, i) => (p, i)))
        {
            var plot = multiplot.GetPlot(index);
            plot.Title(panel.Title, size: 14);
            plot.YLabel(panel.Unit);
            var palette = new ScottPlot.Palettes.Category10();
            var series = runs
                .Where(r => panel.Scenarios.Contains(r.Scenario) && r.Figures.ContainsKey(panel.Figure))
                .Where(r => panel.MinRecipients == 0 || r.Figures.GetValueOrDefault("recipients") >= panel.MinRecipients)
                .GroupBy(r => r.Series).ToList();
            for (var i = 0; i < series.Count; i++)
            {
                var points = series[i].OrderBy(r => r.At).ToList();
                var scatter = plot.Add.Scatter(points.Select(r => r.At.ToOADate()).ToArray(), points.Select(r => r.Figures[panel.Figure]).ToArray(), palette.GetColor(i));
                scatter.LegendText = series[i].Key;
                scatter.MarkerSize = 8;
            }

            var target = plot.Add.HorizontalLine(panel.Target, color: Colors.Red);
            target.LinePattern = LinePattern.Dashed;
            target.LegendText = string.Create(CultureInfo.InvariantCulture, $"target {panel.Target:0.##} {panel.Unit}");
            plot.Axes.DateTimeTicksBottom();
            // From zero, with room above the target and the highest point for the legend.
            plot.Axes.AutoScale();
            plot.Axes.SetLimitsY(0, Math.Max(plot.Axes.GetLimits().Top, panel.Target) * 1.4);
            plot.ShowLegend(Alignment.UpperLeft);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: 3);
        var png = Path.ChangeExtension(historyFile, ".png");
        multiplot.SavePng(png, 2100, 1000);
        return png;
    }

    [GeneratedRegex(@"^### (\S+), (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC, commit (\S+)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| ([^|]+) \| (-?[0-9][0-9.]*) \|")]
    private static partial Regex TableRow();
}
