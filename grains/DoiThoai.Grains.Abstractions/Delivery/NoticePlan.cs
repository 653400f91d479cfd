using DoiThoai.Domain.Messaging;

namespace DoiThoai.Grains.Abstractions.Delivery;

[GenerateSerializer, Immutable, Alias("DoiThoai.EmailPlan")]
public sealed record EmailPlan(
    [property: Id(0)] int Recipients,
    [property: Id(1)] string Subject,
    [property: Id(2)] DateTimeOffset SendAt);

[GenerateSerializer, Immutable, Alias("DoiThoai.SmsPlan")]
public sealed record SmsPlan(
    [property: Id(0)] int Recipients,
    [property: Id(1)] SmsTextPolicy Policy,
    [property: Id(2)] SmsEncoding Encoding,
    [property: Id(3)] string Text,
    [property: Id(4)] int Units,
    [property: Id(5)] int Segments,
    [property: Id(6)] int TotalSegments,
    [property: Id(7)] DateTimeOffset SendAt);

[GenerateSerializer, Immutable, Alias("DoiThoai.LoudspeakerPlan")]
public sealed record LoudspeakerPlan(
    [property: Id(0)] string Script,
    [property: Id(1)] IReadOnlyList<DateTimeOffset> Slots,
    [property: Id(2)] bool Immediate,
    [property: Id(3)] bool CoversThreeConsecutiveDays,
    [property: Id(4)] IReadOnlyList<string> Clusters);

[GenerateSerializer, Immutable, Alias("DoiThoai.ReminderPlan")]
public sealed record ReminderPlan(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Recipients,
    [property: Id(2)] string Text,
    [property: Id(3)] int Segments);

/// <summary>What will be sent for a session, to how many, and when: shown before anything goes out.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.NoticePlan")]
public sealed record NoticePlan(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset NoticeDeadline,
    [property: Id(2)] int AudienceSize,
    [property: Id(3)] int WithoutAnyConsent,
    [property: Id(4)] EmailPlan Email,
    [property: Id(5)] SmsPlan Sms,
    [property: Id(6)] LoudspeakerPlan Loudspeaker,
    [property: Id(7)] IReadOnlyList<ReminderPlan> DelegateReminders,
    [property: Id(8)] DateTimeOffset? OfficeWarningAt,
    [property: Id(9)] IReadOnlyList<string> Warnings);
