using DoiThoai.Benchmarks;

// Benchmarks of the platform against the raw channel, on real servers started on 127.0.0.1. Each run prints its
// table and appends it, with the date, commit and machine, to BENCHMARKS.md at the repository's root, then draws the
// history again (BENCHMARKS.png).
var scenarios = new Dictionary<string, Func<BenchmarkArguments, Task<BenchmarkReport>>>
{
    ["fanout-email"] = FanoutScenario.EmailAsync,
    ["fanout-sms"] = FanoutScenario.SmsAsync,
    ["national"] = NationalScenario.RunAsync,
    ["schedule"] = ScheduleScenario.RunAsync,
    ["reminders"] = RemindersScenario.RunAsync,
    ["cluster"] = ClusterScenario.RunAsync,
    ["state-size"] = StateSizeScenario.RunAsync,
};

if (args is ["plot"])
{
    Console.WriteLine($"Drew {HistoryPlot.Save(BenchmarkReport.HistoryFile())}");
    return 0;
}

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project tests/DoiThoai.Benchmarks -- <{string.Join('|', scenarios.Keys)}> [--recipients N] [--rates R1,R2…] [--no-record]");
    Console.Error.WriteLine("       dotnet run -c Release --project tests/DoiThoai.Benchmarks -- plot    (draws BENCHMARKS.png from BENCHMARKS.md)");
    return 2;
}

var arguments = BenchmarkArguments.Parse(args.Skip(1).ToArray());
var report = await scenario(arguments);
var table = report.ToMarkdown();
Console.WriteLine(table);
if (arguments.Record)
{
    await report.AppendToAsync(BenchmarkReport.HistoryFile(), string.Join(' ', args));
    Console.WriteLine($"Drew {HistoryPlot.Save(BenchmarkReport.HistoryFile())}");
}

return 0;
