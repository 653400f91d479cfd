using System.Diagnostics;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// How a peer's fan-out is run and timed, whatever its library and channel: its warm-up (job numbers from 0), then N
/// jobs (numbers from 1,000) created by <see cref="Producers"/> threads, timed from the first created to the last
/// job done (the server accepted its message); then an untimed wait until the server has them all.
/// </summary>
public static class PeerRun
{
    /// <summary>Jobs at a time: as many as the platform keeps sendsms requests open (KannelOptions.MaxConcurrency).</summary>
    public const int Workers = 16;

    /// <summary>Threads creating the jobs: the messages of one announcement handed to the store as fast as it takes them.</summary>
    public const int Producers = 4;

    /// <summary>Jobs each peer runs first, not counted (the JIT, the store's first statements, first connections).</summary>
    public const int WarmUp = 500;

    private static int _done;

    /// <summary>Called by a job once its message is accepted.</summary>
    public static void Done() => Interlocked.Increment(ref _done);

    /// <param name="peer">The peer's name, for messages.</param>
    /// <param name="n">Jobs timed.</param>
    /// <param name="createJob">Creates the job of the given number in the peer's store.</param>
    /// <param name="atServer">How many messages the channel's server holds (the simulated SMSC, the SMTP sink).</param>
    public static async Task<TimeSpan> RunAsync(string peer, int n, Func<int, Task> createJob, Func<int> atServer)
    {
        var atServerBefore = atServer();
        Volatile.Write(ref _done, 0);
        await CreateAsync(0, WarmUp, createJob);
        await WaitDoneAsync(WarmUp, peer + "'s warm-up");

        Volatile.Write(ref _done, 0);
        var clock = Stopwatch.StartNew();
        await CreateAsync(1_000, n, createJob);
        await WaitDoneAsync(n, peer + "'s fan-out");
        var elapsed = clock.Elapsed;

        await FanoutScenario.WaitAsync(() => atServer() >= atServerBefore + WarmUp + n, TimeSpan.FromMinutes(10), $"{peer}'s {WarmUp + n} messages at the server");

        return elapsed;
    }

    /// <summary>Jobs <paramref name="first"/> to first + n − 1, created by <see cref="Producers"/> threads.</summary>
    internal static Task CreateAsync(int first, int n, Func<int, Task> createJob)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Producers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                await createJob(first + i);
            }
        })));
    }

    private static async Task WaitDoneAsync(int n, string what)
    {
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref _done) < n)
        {
            Require.That(clock.Elapsed < TimeSpan.FromMinutes(30), $"{what}: only {Volatile.Read(ref _done)} of {n} done after 30 minutes.");
            await Task.Delay(20);
        }
    }
}
