namespace DoiThoai.Domain.Sessions;

/// <summary>What an officer fills in to schedule a session.</summary>
public sealed record SessionDraft(
    SessionKind Kind,
    SessionForm Form,
    string Title,
    string? Topic,
    TargetGroup? TargetGroup,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string? Venue,
    string? OnlineUrl,
    string? UrgentReason,
    string? Chair);
