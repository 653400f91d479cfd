using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Grain storage as the platform keeps it, whatever the database: each state is a JSON document with a version number
/// (its etag); a write or clear that names a version storage no longer holds is refused
/// (<see cref="InconsistentStateException"/>) and changes nothing. A cleared state is gone: reading it gives a fresh
/// state without etag. The embedded store (SQLite) and the production store (PostgreSQL) differ only in how they run
/// the five statements below.
/// </summary>
public abstract partial class JsonGrainStorage(ILogger logger) : IGrainStorage
{
    /// <summary>How states are written: readable JSON, enums by name so reordering an enum never corrupts data.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    protected abstract Task<(string Payload, long Version)?> ReadAsync(string stateName, string grainId);

    /// <summary>Adds the state if none is stored; false when one is.</summary>
    protected abstract Task<bool> InsertAsync(string stateName, string grainId, string payload, long version);

    /// <summary>Replaces the state if it still has <paramref name="expected"/>; false otherwise.</summary>
    protected abstract Task<bool> UpdateAsync(string stateName, string grainId, string payload, long version, long expected);

    /// <summary>Deletes the state if it still has <paramref name="expected"/>; false otherwise.</summary>
    protected abstract Task<bool> DeleteAsync(string stateName, string grainId, long expected);

    protected abstract Task<long?> StoredVersionAsync(string stateName, string grainId);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await ReadAsync(stateName, grainId.ToString()) is var (payload, version))
        {
            grainState.State = JsonSerializer.Deserialize<T>(payload, SerializerOptions)
                ?? throw new InvalidOperationException($"Stored state {stateName} of {grainId} is null.");
            grainState.ETag = Etag(version);
            grainState.RecordExists = true;
        }
        else
        {
            Reset(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, SerializerOptions);
        var expected = Version(grainState.ETag);
        var next = (expected ?? 0) + 1;
        var written = expected is { } current
            ? await UpdateAsync(stateName, grainId.ToString(), payload, next, current)
            : await InsertAsync(stateName, grainId.ToString(), payload, next);
        if (!written)
        {
            throw await ConflictAsync(stateName, grainId, grainState.ETag, "write");
        }

        grainState.ETag = Etag(next);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var cleared = Version(grainState.ETag) is { } expected
            ? await DeleteAsync(stateName, grainId.ToString(), expected)
            : await StoredVersionAsync(stateName, grainId.ToString()) is null;
        if (!cleared)
        {
            throw await ConflictAsync(stateName, grainId, grainState.ETag, "clear");
        }

        Reset(grainState);
    }

    private static void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string Etag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // An etag this storage did not issue matches nothing stored: the write is refused as a conflict.
    private static long? Version(string? etag) =>
        etag is null ? null : long.TryParse(etag, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : -1;

    private async Task<InconsistentStateException> ConflictAsync(string stateName, GrainId grainId, string? expected, string operation)
    {
        var stored = await StoredVersionAsync(stateName, grainId.ToString()) is { } version ? Etag(version) : null;
        LogConflict(logger, operation, stateName, grainId.ToString(), expected, stored);
        return new InconsistentStateException(
            $"The {operation} of state '{stateName}' of {grainId} was refused: it expected etag '{expected}', storage holds '{stored}'.",
            stored ?? "",
            expected ?? "");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage refused the {Operation} of {StateName} for {GrainId}: expected etag {Expected}, stored {Stored}")]
    private static partial void LogConflict(ILogger logger, string operation, string stateName, string grainId, string? expected, string? stored);
}
