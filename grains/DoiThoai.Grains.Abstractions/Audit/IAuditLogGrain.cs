namespace DoiThoai.Grains.Abstractions.Audit;

/// <summary>
/// A change someone made, as the API reports it: who, what, to which unit and which thing; and when, if it is
/// recorded later than it happened (otherwise the log's clock stamps it).
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.AuditRecord")]
public sealed record AuditRecord(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string ProvinceCode,
    [property: Id(3)] string? CommuneCode,
    [property: Id(4)] string Target,
    [property: Id(5)] string? Detail,
    [property: Id(6)] DateTimeOffset? OccurredAt = null);

/// <summary>A recorded change, with its place in the log and the time it was recorded.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string ProvinceCode,
    [property: Id(5)] string? CommuneCode,
    [property: Id(6)] string Target,
    [property: Id(7)] string? Detail);

/// <summary>
/// The append-only record of who changed what, keyed by province code (country-wide changes under
/// <see cref="National"/>). Entries are only ever added; the stores refuse to update or delete them.
/// </summary>
[Alias("DoiThoai.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>The key of country-wide changes (holiday lists, national administrators' tokens).</summary>
    public const string National = "national";

    [Alias("Record")]
    Task RecordAsync(AuditRecord record);

    /// <summary>The newest entries first, those older than <paramref name="beforeId"/> when given; of one commune when given.</summary>
    [Alias("List")]
    Task<IReadOnlyList<AuditEntry>> ListAsync(string? communeCode, long? beforeId, int limit);
}
