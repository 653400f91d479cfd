using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.Benchmarks;

/// <summary>
/// Where the machine's cores went over a stretch of a run: CPU time of every process, read from /proc (Linux), summed
/// by what the process is (the silos, PostgreSQL with its backends, Kannel, this harness, everything else) and given
/// in percent of one core. On 2 cores, 200 % is the whole machine. With it, what each group wrote (the bytes of its
/// write calls, /proc/[pid]/io's wchar: files and sockets alike), which for a silo on SQLite is mostly its database's
/// write-ahead log and checkpoints.
/// </summary>
internal sealed class CpuShare
{
    /// <summary>The kernel's USER_HZ, the unit of /proc/[pid]/stat's times: 100 on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    private static readonly string[] Groups = ["silos", "PostgreSQL", "Kannel", "harness", "other"];

    private readonly Dictionary<int, (string Group, long Ticks, long Written)> _start;
    private readonly long _startedAt;

    private CpuShare(Dictionary<int, (string Group, long Ticks, long Written)> start, long startedAt)
    {
        _start = start;
        _startedAt = startedAt;
    }

    public static CpuShare Start() => new(Sample(), Stopwatch.GetTimestamp());

    /// <summary>
    /// Percent of one core each group used since <see cref="Start"/>: processes started since count from zero, those
    /// that ended since are not counted.
    /// </summary>
    private (IReadOnlyDictionary<string, double> Shares, IReadOnlyDictionary<string, double> MiBPerSecond) Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_startedAt).TotalSeconds;
        var shares = Groups.ToDictionary(g => g, _ => 0.0);
        var written = Groups.ToDictionary(g => g, _ => 0.0);
        foreach (var (pid, (group, ticks, bytes)) in Sample())
        {
            var known = _start.TryGetValue(pid, out var start) && start.Group == group;
            shares[group] += (ticks - (known ? start.Ticks : 0)) / TicksPerSecond / seconds * 100;
            written[group] += (bytes - (known ? start.Written : 0)) / 1048576.0 / seconds;
        }

        return (shares, written);
    }

    /// <summary>
    /// The shares since <see cref="Start"/> as report rows ("{prefix}: CPU, silos"…), groups under half a percent left
    /// out, then what the silos and PostgreSQL wrote ("{prefix}: written, silos").
    /// </summary>
    public IEnumerable<Measurement> StopRows(string prefix)
    {
        var (shares, written) = Stop();
        foreach (var (group, share) in shares.Where(s => s.Value >= 0.5))
        {
            yield return new Measurement($"{prefix}: CPU, {group}", share, "% of a core");
        }

        yield return new Measurement($"{prefix}: CPU, all processes", shares.Values.Sum(), "% of a core");
        foreach (var group in new[] { "silos", "PostgreSQL" }.Where(g => written[g] >= 0.05))
        {
            yield return new Measurement($"{prefix}: written, {group}", written[group], "MiB/s");
        }
    }

    private static Dictionary<int, (string Group, long Ticks, long Written)> Sample()
    {
        var self = Environment.ProcessId;
        var sample = new Dictionary<int, (string, long, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
                var command = File.ReadAllText(Path.Combine(directory, "cmdline"));
                var group = pid == self ? "harness"
                    : command.Contains("DoiThoai.Silo", StringComparison.Ordinal) ? "silos"
                    : name == "postgres" ? "PostgreSQL"
                    : name is "bearerbox" or "smsbox" or "fakesmsc" ? "Kannel"
                    : "other";
                sample[pid] = (group, ticks, Written(directory));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // The process ended between the listing and the reading.
            }
        }

        return sample;
    }

    /// <summary>The bytes a process has passed to write calls (wchar), or 0 where /proc does not say.</summary>
    private static long Written(string directory)
    {
        foreach (var line in File.ReadLines(Path.Combine(directory, "io")))
        {
            if (line.StartsWith("wchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan("wchar:".Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
