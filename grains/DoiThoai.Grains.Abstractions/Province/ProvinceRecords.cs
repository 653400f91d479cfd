using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Abstractions.Province;

/// <summary>What the province keeps of one session of one of its communes.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionSummary")]
public sealed record SessionSummary(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string SessionId,
    [property: Id(2)] SessionKind Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] DateTimeOffset StartsAt,
    [property: Id(5)] int DurationMinutes,
    [property: Id(6)] SessionStatus Status,
    [property: Id(7)] DateTimeOffset? ResultsPublishedAt = null,
    [property: Id(8)] IReadOnlyList<DateOnly>? PreparationOwed = null,
    [property: Id(9)] int InviteesChosenLate = 0,
    [property: Id(10)] IReadOnlyList<DateOnly>? FollowUpsOwed = null);

/// <summary>A commune's whole calendar as reported to its province; a higher version replaces a lower one.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CommuneCalendarReport")]
public sealed record CommuneCalendarReport(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<SessionSummary> Sessions,
    [property: Id(3)] int DialogueRequestsOwed = 0);

[GenerateSerializer, Immutable, Alias("DoiThoai.KindCounts")]
public sealed record KindCounts(
    [property: Id(0)] int Periodic,
    [property: Id(1)] int Thematic,
    [property: Id(2)] int Urgent);

[GenerateSerializer, Immutable, Alias("DoiThoai.OverviewSession")]
public sealed record OverviewSession(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string CommuneName,
    [property: Id(2)] string SessionId,
    [property: Id(3)] SessionKind Kind,
    [property: Id(4)] string Title,
    [property: Id(5)] DateTimeOffset StartsAt,
    [property: Id(6)] SessionStatus Status);

[GenerateSerializer, Immutable, Alias("DoiThoai.CommuneRef")]
public sealed record CommuneRef(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name);

/// <summary>What a provincial supervisor sees at a glance.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ProvinceOverview")]
public sealed record ProvinceOverview(
    [property: Id(0)] string ProvinceCode,
    [property: Id(1)] string ProvinceName,
    [property: Id(2)] int Year,
    [property: Id(3)] DateTimeOffset AsOf,
    [property: Id(4)] int CommuneCount,
    [property: Id(5)] KindCounts UpcomingByKind,
    [property: Id(6)] IReadOnlyList<OverviewSession> Upcoming,
    [property: Id(7)] IReadOnlyList<OverviewSession> UrgentNext7Days,
    [property: Id(8)] IReadOnlyList<CommuneRef> WithoutPeriodicDialogue,
    [property: Id(9)] IReadOnlyList<CommuneDeliveryHealth> DeliveryHealth,
    [property: Id(10)] DateOnly PeriodicBy,
    [property: Id(11)] PeriodicCounts PeriodicCounts,
    [property: Id(12)] IReadOnlyList<CommuneOversight> Communes,
    [property: Id(13)] IReadOnlyList<OverviewSession> UrgentLast30Days,
    [property: Id(14)] IReadOnlyList<LateResults> ResultsLate);

/// <summary>How many communes stand where with this year's periodic dialogue.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PeriodicCounts")]
public sealed record PeriodicCounts(
    [property: Id(0)] int Held,
    [property: Id(1)] int Scheduled,
    [property: Id(2)] int ScheduledLate,
    [property: Id(3)] int Missing);

/// <summary>One commune's line in its province's oversight table.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CommuneOversight")]
public sealed record CommuneOversight(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] PeriodicDialogueStatus Periodic,
    [property: Id(3)] string? PeriodicSessionId,
    [property: Id(4)] DateTimeOffset? PeriodicStartsAt,
    [property: Id(5)] int UrgentLast30Days,
    [property: Id(6)] int ResultsLate,
    [property: Id(7)] int PetitionsOpen,
    [property: Id(8)] int PetitionsOverdue,
    [property: Id(9)] int DialogueRequestsOwed = 0,
    [property: Id(10)] int PreparationOverdue = 0,
    [property: Id(11)] int InviteesChosenLate = 0,
    [property: Id(12)] int FollowUpsOpen = 0,
    [property: Id(13)] int FollowUpsOverdue = 0);

/// <summary>A session whose results were published after, or are still owed past, their last day.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.LateResults")]
public sealed record LateResults(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string CommuneName,
    [property: Id(2)] string SessionId,
    [property: Id(3)] string Title,
    [property: Id(4)] DateTimeOffset StartsAt,
    [property: Id(5)] DateOnly Due,
    [property: Id(6)] DateTimeOffset? PublishedAt);

/// <summary>How one commune's messages of the last 30 days fared, channel by channel.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CommuneDeliveryHealth")]
public sealed record CommuneDeliveryHealth(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string CommuneName,
    [property: Id(2)] IReadOnlyList<DeliveryTally> ByChannel);

/// <summary>One commune's petitions as its province follows them.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CommunePetitions")]
public sealed record CommunePetitions(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string CommuneName,
    [property: Id(2)] int Open,
    [property: Id(3)] int Overdue,
    [property: Id(4)] int Escalated,
    [property: Id(5)] DateOnly? OldestOwedBy);

[GenerateSerializer, Immutable, Alias("DoiThoai.ProvincePetitionOverview")]
public sealed record ProvincePetitionOverview(
    [property: Id(0)] string ProvinceCode,
    [property: Id(1)] DateTimeOffset AsOf,
    [property: Id(2)] int Open,
    [property: Id(3)] int Overdue,
    [property: Id(4)] int Escalated,
    [property: Id(5)] IReadOnlyList<CommunePetitions> Communes);
