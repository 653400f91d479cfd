using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Petitions;
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
    [property: Id(10)] string? Chair,
    [property: Id(11)] Audience? Audience,
    [property: Id(12)] SessionOrganisers? Organisers);

[RegisterConverter]
public sealed class SessionDraftConverter : IConverter<SessionDraft, SessionDraftSurrogate>
{
    public SessionDraft ConvertFromSurrogate(in SessionDraftSurrogate s) =>
        new(s.Kind, s.Form, s.Title, s.StartsAt, s.DurationMinutes, s.Topic, s.TargetGroup, s.Venue, s.OnlineUrl, s.UrgentReason, s.Chair, s.Audience, s.Organisers);

    public SessionDraftSurrogate ConvertToSurrogate(in SessionDraft d) =>
        new(d.Kind, d.Form, d.Title, d.Topic, d.TargetGroup, d.StartsAt, d.DurationMinutes, d.Venue, d.OnlineUrl, d.UrgentReason, d.Chair, d.Audience, d.Organisers);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.Organiser")]
public readonly record struct OrganiserSurrogate(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] string? ContactId);

[RegisterConverter]
public sealed class OrganiserConverter : IConverter<Organiser, OrganiserSurrogate>
{
    public Organiser ConvertFromSurrogate(in OrganiserSurrogate s) => new(s.Name, s.Title, s.ContactId);

    public OrganiserSurrogate ConvertToSurrogate(in Organiser o) => new(o.Name, o.Title, o.ContactId);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.SessionOrganisers")]
public readonly record struct SessionOrganisersSurrogate(
    [property: Id(0)] Organiser? Chair,
    [property: Id(1)] Organiser? CouncilRepresentative,
    [property: Id(2)] Organiser? FrontRepresentative,
    [property: Id(3)] Organiser? Secretary);

[RegisterConverter]
public sealed class SessionOrganisersConverter : IConverter<SessionOrganisers, SessionOrganisersSurrogate>
{
    public SessionOrganisers ConvertFromSurrogate(in SessionOrganisersSurrogate s) => new(s.Chair, s.CouncilRepresentative, s.FrontRepresentative, s.Secretary);

    public SessionOrganisersSurrogate ConvertToSurrogate(in SessionOrganisers o) => new(o.Chair, o.CouncilRepresentative, o.FrontRepresentative, o.Secretary);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.Contact")]
public readonly record struct ContactSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string FullName,
    [property: Id(2)] ContactRole Role,
    [property: Id(3)] string Hamlet,
    [property: Id(4)] string? Title,
    [property: Id(5)] string? Phone,
    [property: Id(6)] string? Email,
    [property: Id(7)] bool SmsConsent,
    [property: Id(8)] bool EmailConsent);

[RegisterConverter]
public sealed class ContactConverter : IConverter<Contact, ContactSurrogate>
{
    public Contact ConvertFromSurrogate(in ContactSurrogate s) =>
        new(s.Id, s.FullName, s.Role, s.Hamlet, s.Title, s.Phone, s.Email, s.SmsConsent, s.EmailConsent);

    public ContactSurrogate ConvertToSurrogate(in Contact c) =>
        new(c.Id, c.FullName, c.Role, c.Hamlet, c.Title, c.Phone, c.Email, c.SmsConsent, c.EmailConsent);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.ImportRowOutcome")]
public readonly record struct ImportRowOutcomeSurrogate(
    [property: Id(0)] int Line,
    [property: Id(1)] bool Accepted,
    [property: Id(2)] string? FullName,
    [property: Id(3)] IReadOnlyList<string> Errors);

[RegisterConverter]
public sealed class ImportRowOutcomeConverter : IConverter<ImportRowOutcome, ImportRowOutcomeSurrogate>
{
    public ImportRowOutcome ConvertFromSurrogate(in ImportRowOutcomeSurrogate s) => new(s.Line, s.Accepted, s.FullName, s.Errors);

    public ImportRowOutcomeSurrogate ConvertToSurrogate(in ImportRowOutcome o) => new(o.Line, o.Accepted, o.FullName, o.Errors);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.Audience")]
public readonly record struct AudienceSurrogate(
    [property: Id(0)] IReadOnlyList<string>? Hamlets,
    [property: Id(1)] IReadOnlyList<ContactRole>? Roles);

[RegisterConverter]
public sealed class AudienceConverter : IConverter<Audience, AudienceSurrogate>
{
    public Audience ConvertFromSurrogate(in AudienceSurrogate s) => new(s.Hamlets, s.Roles);

    public AudienceSurrogate ConvertToSurrogate(in Audience a) => new(a.Hamlets, a.Roles);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.LoudspeakerCluster")]
public readonly record struct LoudspeakerClusterSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Hamlets);

[RegisterConverter]
public sealed class LoudspeakerClusterConverter : IConverter<LoudspeakerCluster, LoudspeakerClusterSurrogate>
{
    public LoudspeakerCluster ConvertFromSurrogate(in LoudspeakerClusterSurrogate s) => new(s.Id, s.Name, s.Hamlets);

    public LoudspeakerClusterSurrogate ConvertToSurrogate(in LoudspeakerCluster c) => new(c.Id, c.Name, c.Hamlets);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.LoudspeakerSystem")]
public readonly record struct LoudspeakerSystemSurrogate(
    [property: Id(0)] IReadOnlyList<TimeOnly> Slots,
    [property: Id(1)] IReadOnlyList<LoudspeakerCluster> Clusters);

[RegisterConverter]
public sealed class LoudspeakerSystemConverter : IConverter<LoudspeakerSystem, LoudspeakerSystemSurrogate>
{
    public LoudspeakerSystem ConvertFromSurrogate(in LoudspeakerSystemSurrogate s) => new(s.Slots, s.Clusters);

    public LoudspeakerSystemSurrogate ConvertToSurrogate(in LoudspeakerSystem l) => new(l.Slots, l.Clusters);
}

[GenerateSerializer, Immutable, Alias("DoiThoai.PetitionDraft")]
public readonly record struct PetitionDraftSurrogate(
    [property: Id(0)] PetitionSource Source,
    [property: Id(1)] PetitionField Field,
    [property: Id(2)] string Content,
    [property: Id(3)] string? SessionId,
    [property: Id(4)] string? PetitionerName,
    [property: Id(5)] string? PetitionerPhone,
    [property: Id(6)] string? PetitionerEmail,
    [property: Id(7)] DateOnly? ReceivedOn);

[RegisterConverter]
public sealed class PetitionDraftConverter : IConverter<PetitionDraft, PetitionDraftSurrogate>
{
    public PetitionDraft ConvertFromSurrogate(in PetitionDraftSurrogate s) =>
        new(s.Source, s.Field, s.Content, s.SessionId, s.PetitionerName, s.PetitionerPhone, s.PetitionerEmail, s.ReceivedOn);

    public PetitionDraftSurrogate ConvertToSurrogate(in PetitionDraft d) =>
        new(d.Source, d.Field, d.Content, d.SessionId, d.PetitionerName, d.PetitionerPhone, d.PetitionerEmail, d.ReceivedOn);
}
