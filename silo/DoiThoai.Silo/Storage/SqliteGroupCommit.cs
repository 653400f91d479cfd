using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// The one writer of a SQLite file (<see cref="SqliteDatabase.Writes"/>), by group commit: writes (statements, or units
/// of work such as a claim or a fan-out's rows) that arrive while a transaction is being written wait for the next
/// one, and each caller's task completes only once its write is committed. A burst (a dispatcher recording thousands
/// of outcomes, Kannel reporting thousands of deliveries) costs a few transactions instead of one per statement, and
/// nothing is acknowledged before it is durable. A batch that fails is replayed statement by statement, so one bad
/// statement fails only its own caller.
/// <para>
/// Checkpoints (copying the write-ahead log back into the database file, with an fsync of each) run beside the writer
/// on a connection of their own, every <see cref="CheckpointPeriod"/>, so no commit carries one: SQLite's own
/// checkpoint runs inside the commit that crosses its threshold, and on this machine's disk it held that commit and
/// every write queued behind it for 10–20 ms, the schedule benchmark's p99. Those checkpoints never wait for the
/// writer, so under a steady stream of writes they never catch the log's end, and SQLite starts the log over only
/// once it is all copied: past <see cref="RestartFrom"/> pages, the writer itself copies the last pages between two
/// transactions (tens of ms, about once a second at 500 requests/s), and the next transaction writes the log
/// from its start. The log's file keeps its largest size: some 64 MB for 16,000 pages, more when the writer's copy had
/// to wait for the other checkpoint (it is tried again after each transaction until it copies all). Should the
/// checkpoints stop, SQLite's own checkpoint at twice that many pages still bounds the log
/// (<see cref="SqliteDatabase.OpenAsync"/>).
/// </para>
/// </summary>
public sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 500;

    /// <summary>How often the log is copied into the database file, beside the writer.</summary>
    public static readonly TimeSpan CheckpointPeriod = TimeSpan.FromMilliseconds(25);

    /// <summary>The log's length (pages) from which the writer copies its end, so that the next write starts it over.</summary>
    public const int RestartFrom = 16_000;

    private readonly SqliteDatabase _database;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly Task _checkpointer;
    private readonly int _restartFrom;
    private volatile bool _restartWanted;
    private long _transactions;

    /// <param name="database">The file.</param>
    /// <param name="restartFrom">The log's length (pages) from which the writer lets it start over.</param>
    public SqliteGroupCommit(SqliteDatabase database, int restartFrom = RestartFrom)
    {
        _database = database;
        _restartFrom = restartFrom;
        _writer = Task.Run(WriteLoopAsync);
        _checkpointer = Task.Run(CheckpointLoopAsync);
    }

    /// <summary>Runs one statement in the next group transaction; returns its number of changed rows once committed.</summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        RunAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return await command.ExecuteNonQueryAsync();
        });

    /// <summary>
    /// Runs a unit of work (statements that read what they write, e.g. a claim with RETURNING) in the next group
    /// transaction; its result is given once committed. Through here, the writers of a file never wait on each
    /// other's locks: SQLite's busy handler sleeps in steps of up to 25 ms, which idled the dispatcher's claims
    /// behind the outcomes being recorded.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        var write = new Work<T>(work);
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
        await _stopping.CancelAsync();
        await _checkpointer;
        _stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                await CommitAsync(batch);
                Interlocked.Increment(ref _transactions);
                foreach (var write in batch)
                {
                    write.Committed();
                }

                if (_restartWanted)
                {
                    // Until it copies the whole log (another checkpoint may hold the right to run), it is tried again
                    // after the next transaction.
                    _restartWanted = await TryCheckpointAsync() is not { } copy || copy.Copied < copy.Log;
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    await ReplayAsync(write);
                }
            }
            catch (Exception error)
            {
                batch[0].Failed(error);
            }
        }
    }

    private async Task CheckpointLoopAsync()
    {
        using var timer = new PeriodicTimer(CheckpointPeriod);
        var seen = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                // Nothing new since the last look (an idle silo), or the writer is to copy the log's end: keep out.
                var transactions = Interlocked.Read(ref _transactions);
                if (transactions == seen || _restartWanted)
                {
                    continue;
                }

                seen = transactions;
                if (await TryCheckpointAsync() is { } copy && copy.Log >= _restartFrom)
                {
                    _restartWanted = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the writer has committed its last transaction.
        }
    }

    /// <summary>
    /// Copies into the database file what the log holds that no reader still needs, without waiting for anyone
    /// (PASSIVE); gives the log's length and how much of it is now in the file, in pages, or null when it could not
    /// run (another checkpoint was running, or the file failed, which the next checkpoint or SQLite's own meets again).
    /// </summary>
    private async Task<(long Log, long Copied)?> TryCheckpointAsync()
    {
        try
        {
            await using var connection = await _database.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() && reader.GetInt64(0) == 0 ? (reader.GetInt64(1), reader.GetInt64(2)) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private async Task ReplayAsync(Write write)
    {
        try
        {
            await CommitAsync([write]);
            write.Committed();
        }
        catch (Exception error)
        {
            write.Failed(error);
        }
    }

    private async Task CommitAsync(IReadOnlyList<Write> batch)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        foreach (var write in batch)
        {
            await write.RunAsync(connection, transaction);
        }

        await transaction.CommitAsync();
    }

    /// <summary>A unit of the group transaction: run inside it, then told whether it was committed.</summary>
    private abstract class Write
    {
        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        public abstract void Committed();

        public abstract void Failed(Exception error);
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work) : Write
    {
        private T _result = default!;

        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) =>
            _result = await work(connection, transaction);

        public override void Committed() => Done.TrySetResult(_result);

        public override void Failed(Exception error) => Done.TrySetException(error);
    }
}
