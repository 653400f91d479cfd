namespace DoiThoai.Grains.Abstractions.Province;

/// <summary>A province's weekly digest as its office sees it: when it goes, to whom (masked), when it last went.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.DigestSettings")]
public sealed record DigestSettings(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] string At,
    [property: Id(2)] IReadOnlyList<string> Recipients,
    [property: Id(3)] DateTimeOffset? LastSentAt,
    [property: Id(4)] int LastSentTo);

/// <summary>A change of the digest: day and time; <see cref="Recipients"/> replaces the list when given (null keeps it).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.DigestSettingsDraft")]
public sealed record DigestSettingsDraft(
    [property: Id(0)] DayOfWeek? Day,
    [property: Id(1)] string? At,
    [property: Id(2)] IReadOnlyList<string>? Recipients);

/// <summary>
/// The weekly digest of one province (keyed by its code) to its supervisors: what is coming, what is late, what is
/// overdue, by e-mail on the province's day and time (Monday 07:30 by default), working days only.
/// </summary>
[Alias("DoiThoai.IProvinceDigestGrain")]
public interface IProvinceDigestGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<DigestSettings> GetAsync();

    /// <summary>Changes the schedule or the recipients and plans the digest again; a refused change changes nothing.</summary>
    [Alias("Set")]
    Task<CommandResult<DigestSettings>> SetAsync(DigestSettingsDraft draft);

    /// <summary>Sends this week's digest (run by its timed job); once per day at most. Returns how many e-mails were queued.</summary>
    [Alias("Send")]
    Task<int> SendAsync();
}
