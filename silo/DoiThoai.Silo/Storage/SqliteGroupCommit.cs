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
/// (<see cref="SqliteDatabase.Open"/>).
/// </para>
/// <para>
/// The writer and the checkpoints each run on a thread of their own, not on the thread pool: SQLite has no asynchronous
/// I/O, so a transaction's writes and a checkpoint's fsyncs block their thread (up to tens of milliseconds), and on two
/// cores the pool starts with two threads. With both loops on the pool, requests queued behind them: at a steady 500
/// requests/s the schedule benchmark's p99 was 35–68 ms, and 19–27 ms once the pool was given 16 threads from the start.
/// </para>
/// </summary>
public sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 500;

    /// <summary>More distinct statements than the code has: the writer's cache of compiled ones is emptied past it.</summary>
    private const int MaxStatements = 256;

    /// <summary>How often the log is copied into the database file, beside the writer.</summary>
    public static readonly TimeSpan CheckpointPeriod = TimeSpan.FromMilliseconds(25);

    /// <summary>The log's length (pages) from which the writer copies its end, so that the next write starts it over.</summary>
    public const int RestartFrom = 16_000;

    private readonly SqliteDatabase _database;
    private readonly Queue<Write> _queue = new();
    private bool _closed;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private readonly Task _checkpointer;
    private readonly int _restartFrom;
    private volatile bool _restartWanted;
    private long _transactions;

    // The writer's own: its connection, kept open, and the statements it has compiled on it, by their text.
    private SqliteConnection? _connection;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <param name="database">The file.</param>
    /// <param name="restartFrom">The log's length (pages) from which the writer lets it start over.</param>
    public SqliteGroupCommit(SqliteDatabase database, int restartFrom = RestartFrom)
    {
        _database = database;
        _restartFrom = restartFrom;
        _writer = RunOnOwnThread("SQLite writer", WriteLoop);
        _checkpointer = RunOnOwnThread("SQLite checkpoints", CheckpointLoop);
    }

    /// <summary>
    /// Runs one statement in the next group transaction; returns its number of changed rows once committed. The
    /// statement is compiled once and kept for the next write with the same text (<see cref="Statement"/>).
    /// </summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) =>
        RunAsync((_, transaction) =>
        {
            var command = Statement(sql, transaction);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return Task.FromResult(command.ExecuteNonQuery());
        });

    /// <summary>
    /// Runs a unit of work (statements that read what they write, e.g. a claim with RETURNING) in the next group
    /// transaction; its result is given once committed. Through here, the writers of a file never wait on each
    /// other's locks: SQLite's busy handler sleeps in steps of up to 25 ms, which idled the dispatcher's claims
    /// behind the outcomes being recorded. The work runs on the writer's thread and should not wait on anything but
    /// the connection.
    /// </summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work)
    {
        var write = new Work<T>(work);
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _queue.Enqueue(write);
            Monitor.Pulse(_queue);
        }

        return write.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_queue)
        {
            _closed = true;
            Monitor.PulseAll(_queue);
        }

        await _writer;
        await _stopping.CancelAsync();
        await _checkpointer;
        _stopping.Dispose();
    }

    /// <summary>Runs <paramref name="loop"/> on a background thread of its own; the task completes when it returns.</summary>
    private static Task RunOnOwnThread(string name, Action loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                done.SetResult();
            }
            catch (Exception error)
            {
                done.SetException(error);
            }
        })
        {
            Name = name,
            IsBackground = true,
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Waits for writes and takes up to <see cref="MaxBatch"/> of them; false once disposed and all are taken.</summary>
    private bool TakeBatch(List<Write> batch)
    {
        batch.Clear();
        lock (_queue)
        {
            while (_queue.Count == 0 && !_closed)
            {
                Monitor.Wait(_queue);
            }

            while (batch.Count < MaxBatch && _queue.TryDequeue(out var write))
            {
                batch.Add(write);
            }
        }

        return batch.Count > 0;
    }

    private void WriteLoop()
    {
        var batch = new List<Write>(MaxBatch);
        try
        {
            WriteBatches(batch);
        }
        finally
        {
            CloseConnection();
        }
    }

    private void WriteBatches(List<Write> batch)
    {
        while (TakeBatch(batch))
        {
            try
            {
                Commit(batch);
                Interlocked.Increment(ref _transactions);
                foreach (var write in batch)
                {
                    write.Committed();
                }

                if (_restartWanted)
                {
                    // Until it copies the whole log (another checkpoint may hold the right to run), it is tried again
                    // after the next transaction.
                    _restartWanted = TryCheckpoint() is not { } copy || copy.Copied < copy.Log;
                }
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var write in batch)
                {
                    Replay(write);
                }
            }
            catch (Exception error)
            {
                batch[0].Failed(error);
            }
        }
    }

    private void CheckpointLoop()
    {
        var seen = 0L;
        while (!_stopping.Token.WaitHandle.WaitOne(CheckpointPeriod))
        {
            // Nothing new since the last look (an idle silo), or the writer is to copy the log's end: keep out.
            var transactions = Interlocked.Read(ref _transactions);
            if (transactions == seen || _restartWanted)
            {
                continue;
            }

            seen = transactions;
            if (TryCheckpoint() is { } copy && copy.Log >= _restartFrom)
            {
                _restartWanted = true;
            }
        }

        // Disposed: the writer has committed its last transaction.
    }

    /// <summary>
    /// Copies into the database file what the log holds that no reader still needs, without waiting for anyone
    /// (PASSIVE); gives the log's length and how much of it is now in the file, in pages, or null when it could not
    /// run (another checkpoint was running, or the file failed, which the next checkpoint or SQLite's own meets again).
    /// </summary>
    private (long Log, long Copied)? TryCheckpoint()
    {
        try
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt64(0) == 0 ? (reader.GetInt64(1), reader.GetInt64(2)) : null;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    private void Replay(Write write)
    {
        try
        {
            Commit([write]);
            write.Committed();
        }
        catch (Exception error)
        {
            write.Failed(error);
        }
    }

    private void Commit(IReadOnlyList<Write> batch)
    {
        try
        {
            // One connection for the writer's life: opening one (from the pool, with its pragmas) for each
            // transaction, and compiling each statement again on it, took a quarter of the writer's CPU in the SMS
            // fan-out, where each message is two single-row updates.
            _connection ??= _database.Open();
            using var transaction = _connection.BeginTransaction();
            foreach (var write in batch)
            {
                // SQLite's asynchronous methods complete synchronously: this does not wait on another thread.
                write.RunAsync(_connection, transaction).GetAwaiter().GetResult();
            }

            transaction.Commit();
        }
        catch (Exception)
        {
            // Whatever failed, the next transaction starts on a fresh connection with freshly compiled statements.
            CloseConnection();
            throw;
        }
    }

    /// <summary>
    /// The writer's compiled statement for <paramref name="sql"/>, in <paramref name="transaction"/>, with no
    /// parameters yet. Statements are few (their texts are the code's), so the cache is only emptied if it grows
    /// past what the code could write.
    /// </summary>
    private SqliteCommand Statement(string sql, SqliteTransaction transaction)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            if (_statements.Count >= MaxStatements)
            {
                DisposeStatements();
            }

            command = transaction.Connection!.CreateCommand();
            command.CommandText = sql;
            _statements.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    private void DisposeStatements()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
    }

    private void CloseConnection()
    {
        DisposeStatements();
        _connection?.Dispose();
        _connection = null;
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
