using DoiThoai.Grains.Abstractions.Storage;
using Npgsql;

namespace DoiThoai.Silo.Storage;

/// <summary>Which PostgreSQL failures pass with time, and how the production stores report them.</summary>
public static class PostgresFailure
{
    /// <summary>
    /// Transient: what Npgsql itself calls transient (network, timeouts, too many connections…), and the server
    /// shutting down or starting up (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now) or a
    /// broken connection (class 08), which a restart produces.
    /// </summary>
    public static bool IsTransient(NpgsqlException error) =>
        error.IsTransient
        || error is PostgresException { SqlState: var state } && (state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal));

    /// <summary>
    /// Whether a failed statement certainly did not change anything: the server answered with an error (a statement
    /// it reports failed, or a shutdown that aborts the transaction), or no connection was made at all. A connection
    /// broken after the statement left may have committed it.
    /// </summary>
    private static bool NeverReached(NpgsqlException error) =>
        error is PostgresException
        || Causes(error).Any(e => e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable });

    private static IEnumerable<Exception> Causes(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>Runs a database operation; a transient failure becomes <see cref="StorageUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (NpgsqlException error) when (IsTransient(error))
        {
            throw new StorageUnavailableException($"PostgreSQL is unavailable: {error.Message}");
        }
    }

    /// <summary>
    /// Runs a statement that changes data, bounded by <paramref name="timeout"/> (connection included). A transient
    /// failure that certainly changed nothing becomes <see cref="StorageUnavailableException"/>; one after the statement
    /// may have been sent (a broken connection, no answer in time) becomes <see cref="StorageOutcomeUnknownException"/>.
    /// </summary>
    public static async Task<T> GuardWriteAsync<T>(Func<CancellationToken, Task<T>> write, TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            return await write(bound.Token);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            throw new StorageOutcomeUnknownException($"PostgreSQL did not answer a write within {timeout.TotalSeconds:F0} s.");
        }
        catch (NpgsqlException error) when (IsTransient(error))
        {
            throw NeverReached(error)
                ? new StorageUnavailableException($"PostgreSQL is unavailable: {error.Message}")
                : new StorageOutcomeUnknownException($"PostgreSQL did not answer a write: {error.Message}");
        }
    }
}
