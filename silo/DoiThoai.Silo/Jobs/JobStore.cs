namespace DoiThoai.Silo.Jobs;

/// <summary>
/// Where Quartz keeps the timed work, beside the rest of the platform's state: the embedded default's SQLite file (one
/// silo; Quartz does not cluster on SQLite), or PostgreSQL, clustered (each trigger fires on one silo, a silo's jobs
/// taken over when it dies).
/// </summary>
public abstract record JobStore(System.Data.Common.DbDataSource DataSource)
{
    /// <summary>A SQLite file of its own next to the embedded store (its writer is not the group commit's).</summary>
    public sealed record Sqlite(string Path) : JobStore(new SqliteJobsDataSource(Path));

    /// <summary>
    /// The production database, through the platform's own data source (its credentials and pool); the tables come
    /// from <c>migrate</c> (migration 0006).
    /// </summary>
    public sealed record Postgres(Npgsql.NpgsqlDataSource Database) : JobStore(Database);

    /// <summary>The job store of the embedded database at <paramref name="databasePath"/>: "jobs.db" in its folder.</summary>
    public static Sqlite BesideEmbedded(string databasePath) =>
        new(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(databasePath))!, "jobs.db"));
}

/// <summary>Settings of the job scheduler (section "Jobs").</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// The scheduler's name, stored with every job: silos sharing a store and a name share the jobs. Tests that run
    /// several silos on one embedded file give each its own.
    /// </summary>
    public string SchedulerName { get; set; } = "doithoai";

    /// <summary>Jobs run at the same time on one silo.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// How long the scheduler sleeps when nothing is due before looking again (a job planned on this silo wakes it at
    /// once; one planned on another silo, or a clock moved by a test, is seen within this).
    /// </summary>
    public TimeSpan IdleWait { get; set; } = TimeSpan.FromSeconds(1);
}
