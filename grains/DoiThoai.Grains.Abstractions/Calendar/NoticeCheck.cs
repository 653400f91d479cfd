namespace DoiThoai.Grains.Abstractions.Calendar;

/// <summary>
/// Whether a session of a kind could start at a moment, as the schedule form explains it while the officer types:
/// the rule that binds the commune, the day notices must go out by, or the earliest start the rule allows.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.NoticeCheck")]
public sealed record NoticeCheck(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] string Rule,
    [property: Id(2)] string Explanation,
    [property: Id(3)] DateTimeOffset? NoticeDeadline,
    [property: Id(4)] DateTimeOffset? EarliestAllowedStart);
