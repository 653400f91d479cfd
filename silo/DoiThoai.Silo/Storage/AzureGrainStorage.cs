using Azure;
using DoiThoai.Grains.Abstractions.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Orleans' own Azure Blob grain storage, held to the platform's storage rules where Orleans leaves them open (the
/// storage conformance suite checks both): a read that finds no state gives a fresh state without etag, not whatever
/// the grain held in memory (a grain reloading after a failed first write must not keep what storage does not have);
/// and a failure that passes with time (Azure Storage unreachable, busy or timing out, after the SDK's own retries)
/// becomes <see cref="StorageUnavailableException"/>, which crosses silos intact and makes the API answer 503; a write
/// whose request may have reached storage (no answer, a reset, a timeout, a server error) becomes
/// <see cref="StorageOutcomeUnknownException"/> instead, for the grain to settle by reading back.
/// Etags, conflicts (<see cref="InconsistentStateException"/>) and deleting a cleared state are Orleans' own, but for
/// one: the SDK retries a write whose answer is late, and the retry of an attempt that had landed reports a conflict
/// with itself; a conflict is taken as success when the blob holds exactly the state being written.
/// </summary>
public sealed class AzureGrainStorage(IGrainStorage blobs, IGrainStorageSerializer serializer) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => GuardAsync(async () =>
    {
        grainState.RecordExists = false;
        await blobs.ReadStateAsync(stateName, grainId, grainState);
        if (!grainState.RecordExists)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
        }
    });

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await GuardAsync(() => blobs.WriteStateAsync(stateName, grainId, grainState), change: true);
        }
        catch (InconsistentStateException)
        {
            // Unless an earlier attempt of this very write is what the blob holds: written, with the blob's etag.
            if (!await LandedAsync(stateName, grainId, grainState))
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Whether the blob holds exactly <paramref name="grainState"/>'s state (then the state takes the blob's etag): a
    /// conflict that is the SDK's retry meeting its own first attempt. Another writer's different state, or a blob
    /// that cannot be read now, leaves the conflict standing.
    /// </summary>
    private async Task<bool> LandedAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = new StoredState<T>();
        try
        {
            await blobs.ReadStateAsync(stateName, grainId, stored);
        }
        catch (Exception error) when (IsTransient(error))
        {
            return false;
        }

        if (!stored.RecordExists || stored.State is null
            || !serializer.Serialize(stored.State).ToMemory().Span.SequenceEqual(serializer.Serialize(grainState.State).ToMemory().Span))
        {
            return false;
        }

        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
        return true;
    }

    private sealed class StoredState<T> : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => GuardAsync(async () =>
    {
        await blobs.ClearStateAsync(stateName, grainId, grainState);
        grainState.State = Activator.CreateInstance<T>();
    }, change: true);

    /// <summary>Transient: no answer (status 0), a timeout, throttling or a server error; what the SDK gave up retrying.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        RequestFailedException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException or TimeoutException or TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };

    /// <summary>
    /// Whether every attempt failed before its request could reach storage: no connection (refused, unreachable, name
    /// not resolved) or storage saying it did not take it (429, 503 server busy). Anything else may have landed.
    /// </summary>
    public static bool NeverReached(Exception error) => error switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.All(NeverReached),
        RequestFailedException { Status: 429 or 503 } => true,
        RequestFailedException { Status: 0, InnerException: { } inner } => NeverReached(inner),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        _ => false,
    };

    private static async Task GuardAsync(Func<Task> operation, bool change = false)
    {
        try
        {
            await operation();
        }
        catch (Exception error) when (error is not InconsistentStateException && IsTransient(error))
        {
            throw change && !NeverReached(error)
                ? new StorageOutcomeUnknownException($"Azure Storage did not answer a write: {error.GetType().Name}")
                : new StorageUnavailableException($"Azure Storage is unavailable: {error.GetType().Name}");
        }
    }
}
