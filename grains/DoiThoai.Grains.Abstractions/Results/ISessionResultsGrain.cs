using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Abstractions.Results;

/// <summary>What became of a matter raised at the dialogue (Điều 43; plan 000, plan 003's conclusions).</summary>
public enum ConclusionOutcome
{
    /// <summary>trả lời tại hội nghị: answered there and then.</summary>
    AnsweredAtSession,

    /// <summary>đã giải quyết: settled.</summary>
    Settled,

    /// <summary>giao xử lý: a unit is to handle it by a date (becomes a follow-up task).</summary>
    ToBeHandled,

    /// <summary>vượt thẩm quyền cấp xã: sent to a body beyond the commune.</summary>
    BeyondCommune,
}

/// <summary>
/// One item of the chair's conclusion: the matter raised (optionally a recorded petition or a registered speaker's
/// opinion), what was answered, and its outcome; a matter to be handled names the unit, who is reminded, and the day;
/// one beyond the commune names the body it is sent to.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ConclusionItem")]
public sealed record ConclusionItem(
    [property: Id(0)] string Matter,
    [property: Id(1)] ConclusionOutcome Outcome,
    [property: Id(2)] string? Answer = null,
    [property: Id(3)] string? Unit = null,
    [property: Id(4)] DateOnly? DueDate = null,
    [property: Id(5)] string? SentTo = null,
    [property: Id(6)] string? PetitionId = null,
    [property: Id(7)] int? SpeakerNumber = null,
    [property: Id(8)] ContactRole OwnerRole = ContactRole.Officer);

/// <summary>The chair's conclusion as the office types it: the items, and the closing remarks in free text.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ConclusionDraft")]
public sealed record ConclusionDraft(
    [property: Id(0)] IReadOnlyList<ConclusionItem> Items,
    [property: Id(1)] string? ClosingRemarks = null);

/// <summary>A task the conclusion gave a unit: reminded like a preparation milestone until closed with what was done.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.FollowUpTask")]
public sealed record FollowUpTask(
    [property: Id(0)] string Key,
    [property: Id(1)] int Item,
    [property: Id(2)] string Matter,
    [property: Id(3)] string Unit,
    [property: Id(4)] ContactRole OwnerRole,
    [property: Id(5)] DateOnly DueDate,
    [property: Id(6)] DateTimeOffset? ClosedAt = null,
    [property: Id(7)] string? ClosedBy = null,
    [property: Id(8)] string? WhatWasDone = null,
    [property: Id(9)] string? PetitionId = null);

/// <summary>A follow-up task as the office sees it today.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.FollowUpStatus")]
public sealed record FollowUpStatus(
    [property: Id(0)] FollowUpTask Task,
    [property: Id(1)] bool Overdue,
    [property: Id(2)] int DaysLeft);

/// <summary>
/// The results of one session: the conclusion (draft until signed), its publication (Điều 43: within 10 days, the
/// countdown ending when they are sent, not when typed), where the messages stand, and the follow-up tasks.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionResults")]
public sealed record SessionResults(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<ConclusionItem> Items,
    [property: Id(2)] string? ClosingRemarks,
    [property: Id(3)] string? SignedBy,
    [property: Id(4)] DateTimeOffset? SignedAt,
    [property: Id(5)] int? NoticeNumber,
    [property: Id(6)] int? NoticeYear,
    [property: Id(7)] DateTimeOffset? PublishedAt,
    [property: Id(8)] DateOnly ResultsDue,
    [property: Id(9)] bool PublishedLate,
    [property: Id(10)] IReadOnlyList<FollowUpStatus> FollowUps,
    [property: Id(11)] IReadOnlyList<DeliveryTally> Deliveries,
    [property: Id(12)] string? PublicLink)
{
    public bool Signed => SignedAt is not null;

    public bool Published => PublishedAt is not null;

    /// <summary>"3/TB-UBND": the conclusion notice's number, once published.</summary>
    public string? NoticeReference => NoticeNumber is { } n ? $"{n}/TB-UBND" : null;
}

/// <summary>A published conclusion notice as the public sees it on the commune's page.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PublishedResult")]
public sealed record PublishedResult(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset HeldAt,
    [property: Id(3)] string NoticeReference,
    [property: Id(4)] int NoticeYear,
    [property: Id(5)] DateTimeOffset PublishedAt,
    [property: Id(6)] IReadOnlyList<ConclusionItem> Items,
    [property: Id(7)] string? ClosingRemarks,
    [property: Id(8)] string DocumentLink);

/// <summary>
/// The results of one session, keyed "{commune}/{session}" (SessionNoticeKey.Of): the chair's structured conclusion,
/// signed, then published ("Công bố kết quả") — the conclusion notice numbered, sent by e-mail with its PDF to the
/// hamlet heads, the invitees and the co-organisers, by SMS with a public link, announced on the loudspeakers and posted
/// on the commune's public page, all through the delivery outbox; the items to be handled become follow-up tasks, and
/// the petitioners of linked petitions are told the outcome.
/// </summary>
[Alias("DoiThoai.ISessionResultsGrain")]
public interface ISessionResultsGrain : IGrainWithStringKey
{
    /// <summary>Null when the commune has no such session.</summary>
    [Alias("Get")]
    Task<SessionResults?> GetAsync();

    /// <summary>Saves the conclusion's draft (the session held, not yet signed).</summary>
    [Alias("SaveDraft")]
    Task<CommandResult<SessionResults>> SaveDraftAsync(ConclusionDraft draft);

    /// <summary>The chair signs: the conclusion is final and the session concluded. A draft given here replaces the saved one.</summary>
    [Alias("Sign")]
    Task<CommandResult<SessionResults>> SignAsync(string signedBy, ConclusionDraft? draft);

    /// <summary>"Công bố kết quả": numbers the notice and sends it, once; the countdown of Điều 43 ends here.</summary>
    [Alias("Publish")]
    Task<CommandResult<SessionResults>> PublishAsync(string by);

    /// <summary>Closes a follow-up task with what was done; a linked petition is then answered with it.</summary>
    [Alias("CloseFollowUp")]
    Task<CommandResult<SessionResults>> CloseFollowUpAsync(string key, string whatWasDone, string by);

    /// <summary>The conclusion notice exactly as it was published and sent (PDF), or null before publication.</summary>
    [Alias("GetPublishedNotice"), AlwaysInterleave]
    Task<byte[]?> GetPublishedNoticeAsync();

    /// <summary>A timed check come due (a follow-up's reminder or overdue alert); returns the messages it queued.</summary>
    [Alias("RunFollowUpCheck")]
    Task<int> RunCheckAsync(FollowUpCheck check);
}

/// <summary>
/// A timed check of a follow-up task due on <see cref="Due"/>: its reminder before, or the alert that it is overdue. A
/// task closed or re-dated since finds nothing owed.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.FollowUpCheck")]
public sealed record FollowUpCheck(
    [property: Id(0)] string Task,
    [property: Id(1)] DateOnly Due,
    [property: Id(2)] bool Overdue)
{
    /// <summary>The name its messages carry in the outbox.</summary>
    public string Name => $"{(Overdue ? "followup-overdue-" : "followup-remind-")}{Due:yyyyMMdd}-{Task}";
}
