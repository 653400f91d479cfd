namespace DoiThoai.Grains.Timing;

/// <summary>
/// Where grains plan work for later (<see cref="TimedJob"/>). Kept durably: a job survives a crash of the silo that
/// planned it, runs once in the cluster, and runs at once when it fell due while the cluster was down.
/// </summary>
public interface ITimedWork
{
    /// <summary>Plans each job at its time; a job of the same key still waiting is replaced (moved, its data renewed).</summary>
    Task PlanAsync(IReadOnlyCollection<TimedJob> jobs);

    /// <summary>Plans recurring work on its schedule, replacing the schedule of the same key.</summary>
    Task PlanAsync(RecurringJob job);

    /// <summary>Drops the job of that key if it is still waiting; returns whether one was.</summary>
    Task<bool> DropAsync(TimedJobKey key);

    /// <summary>The days off of a year (the holiday list in force): recurring work skips them.</summary>
    Task SetDaysOffAsync(int year, IReadOnlyCollection<DateOnly> daysOff);
}
