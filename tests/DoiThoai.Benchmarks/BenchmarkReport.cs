using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DoiThoai.Benchmarks;

/// <summary>
/// A run's options: --recipients N (fan-out), --rates R1,R2… (the schedule scenario's request rates, in order; a rate
/// may be repeated to see how much its figures vary), --no-record (print only), --no-peers (the platform and the raw
/// channel only), --kannel C,R (fan-out SMS: C sendsms requests at a time of R phones each, on both sides; by default
/// the platform's defaults).
/// </summary>
public sealed record BenchmarkArguments(int Recipients, bool Record, IReadOnlyList<double>? Rates = null, bool Peers = true,
    (int Concurrency, int PerRequest)? Kannel = null)
{
    public static BenchmarkArguments Parse(string[] args)
    {
        var recipients = 10_000;
        var record = true;
        IReadOnlyList<double>? rates = null;
        var peers = true;
        (int, int)? kannel = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--recipients" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    recipients = n;
                    i++;
                    break;
                case "--rates" when i + 1 < args.Length && ParseRates(args[i + 1]) is { } given:
                    rates = given;
                    i++;
                    break;
                case "--no-record":
                    record = false;
                    break;
                case "--no-peers":
                    peers = false;
                    break;
                case "--kannel" when i + 1 < args.Length && args[i + 1].Split(',') is [var c, var r]
                    && int.TryParse(c, CultureInfo.InvariantCulture, out var concurrency) && concurrency > 0
                    && int.TryParse(r, CultureInfo.InvariantCulture, out var perRequest) && perRequest > 0:
                    kannel = (concurrency, perRequest);
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new BenchmarkArguments(recipients, record, rates, peers, kannel);
    }

    private static double[]? ParseRates(string list)
    {
        var rates = list.Split(',').Select(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : 0).ToArray();
        return rates.Length > 0 && rates.All(r => r > 0) ? rates : null;
    }
}

/// <summary>One row of a benchmark's table: what was measured, its figure and its unit.</summary>
public sealed record Measurement(string What, double Value, string Unit);

public sealed record BenchmarkReport(string Scenario, string Setup, IReadOnlyList<Measurement> Rows, IReadOnlyList<string> Notes)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"| {Scenario} | value | unit |")
            .AppendLine("|---|---:|---|");
        foreach (var row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.What} | {row.Value:0.###} | {row.Unit} |");
        }

        foreach (var note in Notes)
        {
            text.AppendLine().Append("- ").Append(note);
        }

        return text.AppendLine().ToString();
    }

    public async Task AppendToAsync(string file, string command)
    {
        var entry = new StringBuilder()
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"### {Scenario}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Git("rev-parse --short HEAD")}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project tests/DoiThoai.Benchmarks -- {command}` on {Machine()}. {Setup}")
            .AppendLine()
            .Append(ToMarkdown());
        await File.AppendAllTextAsync(file, entry.ToString());
        Console.WriteLine($"Appended to {file}");
    }

    /// <summary>BENCHMARKS.md at the repository's root, found from the working directory upwards.</summary>
    public static string HistoryFile()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoiThoaiCluster.sln")))
            {
                return Path.Combine(dir.FullName, "BENCHMARKS.md");
            }
        }

        throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }

    private static string Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} cores ({cpu}), {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
