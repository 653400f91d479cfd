using Orleans.Runtime;

namespace DoiThoai.Grains.Abstractions.Storage;

/// <summary>
/// How long an HTTP request's caller waits for the grains (Orleans' response timeout, which the silo sets to
/// <see cref="CallerWaits"/>), and how long a state write may take at most, success or failure (each production store
/// bounds its retries and timeouts to <see cref="WriteAllowance"/>). A grain does not start a write it could not finish
/// while its caller still waits: during a storage outage calls queue behind failing writes, and a write started late
/// would land after the caller had already been answered "503, nothing changed".
/// </summary>
public static class CallDeadline
{
    public static readonly TimeSpan CallerWaits = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan WriteAllowance = TimeSpan.FromSeconds(15);

    private const string Key = "doithoai-deadline";

    /// <summary>Marks the calls made from here on (and the calls they make) as answering a caller who waits from now.</summary>
    public static void Begin(DateTime utcNow)
    {
        var deadline = (utcNow + CallerWaits).Ticks;
        if (RequestContext.Get(Key) is not long earlier || earlier > deadline)
        {
            RequestContext.Set(Key, deadline);
        }
    }

    /// <summary>Whether a write started now might still be running when the caller stops waiting.</summary>
    public static bool TooLateToWrite(DateTime utcNow) => Remaining(utcNow) < WriteAllowance;

    /// <summary>How long the caller still waits; null for work no caller waits for (timers, jobs).</summary>
    public static TimeSpan? Remaining(DateTime utcNow) =>
        RequestContext.Get(Key) is long ticks ? new DateTime(ticks, DateTimeKind.Utc) - utcNow : null;
}
