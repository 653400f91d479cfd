namespace DoiThoai.Domain.Sessions;

/// <summary>What an officer fills in to schedule a session; the optional parts come last.</summary>
public sealed record SessionDraft(
    SessionKind Kind,
    SessionForm Form,
    string Title,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string? Topic = null,
    TargetGroup? TargetGroup = null,
    string? Venue = null,
    string? OnlineUrl = null,
    string? UrgentReason = null,
    string? Chair = null,
    Contacts.Audience? Audience = null,
    SessionOrganisers? Organisers = null);
