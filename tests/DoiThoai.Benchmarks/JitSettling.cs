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
    private const int MinRounds = 3;
    private const int MaxRounds = 8;

    /// <summary>
    /// Starts measuring the process's tiered compilation; the returned function stops and says its share of a core
    /// since. The runtime ends its compiler thread when idle and starts another when needed, so the threads are
    /// looked at ten times a second and each one's time added as it grows: a sum of the threads alive at the start
    /// and at the end lost the time of a thread that ended (and once came out negative).
    /// </summary>
    public static Func<double> Measure(int pid)
    {
        var (compiler, clock) = (new CompilerTime(pid), Stopwatch.StartNew());
        var looking = new Timer(_ => compiler.Look(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        return () =>
        {
            looking.Dispose();
            return compiler.Look() / TicksPerSecond / clock.Elapsed.TotalSeconds * 100;
        };
    }

    /// <summary>The share of one core the process's tiered compilation used over the next second.</summary>
    public static async Task<double> ShareAsync(int pid)
    {
        var share = Measure(pid);
        await Task.Delay(TimeSpan.FromSeconds(1));
        return share();
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
    /// Runs the warm-up at least <see cref="MinRounds"/> times, then until a round of it leaves the process's tiered
    /// compilation at most 5 % of a core (at most <see cref="MaxRounds"/> rounds), waiting after each for that thread to
    /// go quiet: a method is recompiled once it has been called often enough after the compiler went quiet, so one
    /// round is not enough. A first round can look settled without being so: the runtime only starts counting calls
    /// once no new method has been compiled for a moment, which a busy round rarely allows; a silo whose first round
    /// read 4 % spent 16 % of a core compiling in the measured part. Returns what each round cost the compiler.
    /// </summary>
    public static async Task<string> WarmUpAsync(int pid, string what, Func<Task> round)
    {
        var shares = new List<string>();
        for (var i = 1; i <= MaxRounds; i++)
        {
            var jit = Measure(pid);
            await round();
            var share = jit();
            shares.Add($"{share:0} %");
            Console.WriteLine($"  warm-up round {i}: the {what}'s JIT compiler used {share:0} % of a core");
            await WaitQuietAsync(pid);
            if (share <= 5 && i >= MinRounds)
            {
                break;
            }
        }

        return $"{shares.Count} rounds on the {what}'s side (its JIT compiler at {string.Join(", ", shares)} of a core)";
    }

    /// <summary>The CPU time (ticks) of the process's compiler threads, added up look after look.</summary>
    private sealed class CompilerTime(int pid)
    {
        private readonly Lock _gate = new();
        private Dictionary<int, long> _last = Threads(pid);
        private long _used;

        /// <summary>Adds what each compiler thread used since the last look (a thread that ended since takes at most one look's worth with it).</summary>
        public long Look()
        {
            lock (_gate)
            {
                var now = Threads(pid);
                foreach (var (thread, ticks) in now)
                {
                    _used += ticks - _last.GetValueOrDefault(thread);
                }

                _last = now;
                return _used;
            }
        }
    }

    /// <summary>The process's tiered-compilation threads now, each with its CPU time so far.</summary>
    private static Dictionary<int, long> Threads(int pid)
    {
        var threads = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    var stat = File.ReadAllText(Path.Combine(task, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                        long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the reading.
            }
        }

        return threads;
    }
}
