using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Grains.Abstractions.Serialization;

// The domain stays free of Orleans; these surrogates carry its records across the wire.

[GenerateSerializer, Immutable, Alias("DoiThoai.NoticePolicy")]
public readonly record struct NoticePolicySurrogate(
    [property: Id(0)] int MinimumNoticeDays,
    [property: Id(1)] NoticeDayKind DayKind);

[RegisterConverter]
public sealed class NoticePolicyConverter : IConverter<NoticePolicy, NoticePolicySurrogate>
{
    public NoticePolicy ConvertFromSurrogate(in NoticePolicySurrogate surrogate) =>
        new(surrogate.MinimumNoticeDays, surrogate.DayKind);

    public NoticePolicySurrogate ConvertToSurrogate(in NoticePolicy value) =>
        new(value.MinimumNoticeDays, value.DayKind);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.PublicHoliday")]
public readonly record struct PublicHolidaySurrogate(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Name);

[RegisterConverter]
public sealed class PublicHolidayConverter : IConverter<PublicHoliday, PublicHolidaySurrogate>
{
    public PublicHoliday ConvertFromSurrogate(in PublicHolidaySurrogate surrogate) => new(surrogate.Date, surrogate.Name);

    public PublicHolidaySurrogate ConvertToSurrogate(in PublicHoliday value) => new(value.Date, value.Name);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.SessionDraft")]
public readonly record struct SessionDraftSurrogate(
    [property: Id(0)] SessionKind Kind,
    [property: Id(1)] SessionForm Form,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Topic,
    [property: Id(4)] TargetGroup? TargetGroup,
    [property: Id(5)] DateTimeOffset StartsAt,
    [property: Id(6)] int DurationMinutes,
    [property: Id(7)] string? Venue,
    [property: Id(8)] string? OnlineUrl,
    [property: Id(9)] string? UrgentReason,
    [property: Id(10)] string? Chair);

[RegisterConverter]
public sealed class SessionDraftConverter : IConverter<SessionDraft, SessionDraftSurrogate>
{
    public SessionDraft ConvertFromSurrogate(in SessionDraftSurrogate s) =>
        new(s.Kind, s.Form, s.Title, s.StartsAt, s.DurationMinutes, s.Topic, s.TargetGroup, s.Venue, s.OnlineUrl, s.UrgentReason, s.Chair);

    public SessionDraftSurrogate ConvertToSurrogate(in SessionDraft d) =>
        new(d.Kind, d.Form, d.Title, d.Topic, d.TargetGroup, d.StartsAt, d.DurationMinutes, d.Venue, d.OnlineUrl, d.UrgentReason, d.Chair);
}
