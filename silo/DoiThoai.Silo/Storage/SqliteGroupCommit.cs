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
/// </summary>
public sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly SqliteDatabase _database;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteGroupCommit(SqliteDatabase database)
    {
        _database = database;
        _writer = Task.Run(WriteLoopAsync);
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
                foreach (var write in batch)
                {
                    write.Committed();
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
