using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Group commit for small writes: statements that arrive while a transaction is being written wait for the next one,
/// and each caller's task completes only once its statement is committed. A burst (a dispatcher recording thousands
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
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var write = new Write(sql, parameters, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
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
                var changed = await CommitAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(changed[i]);
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
                batch[0].Done.TrySetException(error);
            }
        }
    }

    private async Task ReplayAsync(Write write)
    {
        try
        {
            write.Done.TrySetResult((await CommitAsync([write]))[0]);
        }
        catch (Exception error)
        {
            write.Done.TrySetException(error);
        }
    }

    private async Task<int[]> CommitAsync(IReadOnlyList<Write> batch)
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var changed = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = batch[i].Sql;
            foreach (var (name, value) in batch[i].Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            changed[i] = await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return changed;
    }

    private sealed record Write(string Sql, (string Name, object? Value)[] Parameters, TaskCompletionSource<int> Done);
}
