using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Grains.Abstractions.Calendar;

public enum SessionChangeKind
{
    Scheduled,
    Rescheduled,
    Cancelled,
    Held,
    Concluded,

    /// <summary>The notice deadline was counted again after a year's list of days off changed.</summary>
    DeadlineRecounted,

    /// <summary>Recorded after the fact: a dialogue held before the platform was used (audited, marked as recorded late).</summary>
    RecordedAfterwards,

    /// <summary>The organisers (chair, co-organisers, secretary) were named or changed.</summary>
    OrganisersChanged,

    /// <summary>The results were published: the conclusion notice numbered and sent (Điều 43: within 10 days).</summary>
    ResultsPublished,
}

/// <summary>One entry of a session's history: what changed, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionChange")]
public sealed record SessionChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] SessionChangeKind Kind,
    [property: Id(2)] DateTimeOffset? PreviousStart,
    [property: Id(3)] DateTimeOffset? NewStart,
    [property: Id(4)] string? Reason,
    [property: Id(5)] DateTimeOffset? PreviousDeadline = null,
    [property: Id(6)] DateTimeOffset? NewDeadline = null);

/// <summary>A dialogue session (hội nghị đối thoại) as its commune holds it.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommuneCode,
    [property: Id(2)] SessionKind Kind,
    [property: Id(3)] SessionForm Form,
    [property: Id(4)] string Title,
    [property: Id(5)] string? Topic,
    [property: Id(6)] TargetGroup? TargetGroup,
    [property: Id(7)] DateTimeOffset StartsAt,
    [property: Id(8)] int DurationMinutes,
    [property: Id(9)] string? Venue,
    [property: Id(10)] string? OnlineUrl,
    [property: Id(11)] string? UrgentReason,
    [property: Id(12)] string Chair,
    [property: Id(13)] SessionStatus Status,
    [property: Id(14)] DateTimeOffset NoticeDeadline,
    [property: Id(15)] string NoticeRule,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] IReadOnlyList<SessionChange> History,
    [property: Id(18)] string? CancelReason = null,
    [property: Id(19)] string? Conclusion = null,
    [property: Id(20)] Audience? Audience = null,
    [property: Id(21)] DateTimeOffset? ResultsPublishedAt = null,
    [property: Id(22)] int? ConclusionNumber = null,
    [property: Id(23)] string? ConclusionSignedBy = null,
    [property: Id(24)] string? Minutes = null,
    [property: Id(25)] DateTimeOffset? MinutesRecordedAt = null,
    [property: Id(26)] string? MinutesRecordedBy = null,
    [property: Id(27)] SessionOrganisers? Organisers = null,
    [property: Id(28)] DateTimeOffset? RecordedAfterwardsAt = null)
{
    /// <summary>Held before the platform was used and recorded later: no notice was sent through the platform.</summary>
    public bool RecordedLate => RecordedAfterwardsAt is not null;

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>The last day to publish the results (Điều 43: within 10 days of the dialogue).</summary>
    public DateOnly ResultsDue => Oversight.ResultsDue(StartsAt);
}
