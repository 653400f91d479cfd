using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.Benchmarks;

/// <summary>
/// Whether a .NET process is still compiling what it ran: the CPU time of its tiered-compilation thread (".NET Tiered
/// Compilation Worker", which recompiles hot methods optimised), read from /proc. A warm-up that ends while that
/// thread is busy leaves the compiling to the measured part: in the SMS fan-out it was a sixth of the silo's CPU,
/// while the same machine ran Kannel.
/// </summary>
internal static class JitSettling
{
    private const double TicksPerSecond = 100; // USER_HZ

    /// <summary>Starts measuring the process's tiered compilation; the returned function says its share of a core since.</summary>
    public static Func<double> Measure(int pid)
    {
        var (before, clock) = (Ticks(pid), Stopwatch.StartNew());
        return () => (Ticks(pid) - before) / TicksPerSecond / clock.Elapsed.TotalSeconds * 100;
    }

    /// <summary>The share of one core the process's tiered compilation used over the last second.</summary>
    public static async Task<double> ShareAsync(int pid)
    {
        var before = Ticks(pid);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return (Ticks(pid) - before) / TicksPerSecond * 100;
    }

    /// <summary>Waits until the process's tiered compilation has used at most 2 % of a core for a second (at most a minute).</summary>
    public static async Task<TimeSpan> WaitQuietAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (await ShareAsync(pid) > 2 && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
        }

        return clock.Elapsed;
    }

    /// <summary>
    /// Runs the warm-up until a round of it leaves the process's tiered compilation at most 5 % of a core (at most 5
    /// rounds), waiting after each for that thread to go quiet: a method is recompiled once it has been called often
    /// enough after the compiler went quiet, so one round is not enough. Returns what each round cost the compiler.
    /// </summary>
    public static async Task<string> WarmUpAsync(int pid, string what, Func<Task> round)
    {
        var shares = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            var jit = Measure(pid);
            await round();
            var share = jit();
            shares.Add($"{share:0} %");
            Console.WriteLine($"  warm-up round {i}: the {what}'s JIT compiler used {share:0} % of a core");
            await WaitQuietAsync(pid);
            if (share <= 5)
            {
                break;
            }
        }

        return $"{shares.Count} rounds on the {what}'s side (its JIT compiler at {string.Join(", ", shares)} of a core)";
    }

    private static long Ticks(int pid)
    {
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the reading.
            }
        }

        return ticks;
    }
}
