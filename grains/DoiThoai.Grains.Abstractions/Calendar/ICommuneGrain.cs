using DoiThoai.Grains.Abstractions.Requests;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Abstractions.Calendar;

/// <summary>A dialogue held before the platform was used: what it was, its minutes, and why it is recorded late.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PastSessionRecord")]
public sealed record PastSessionRecord(
    [property: Id(0)] SessionDraft Session,
    [property: Id(1)] string Minutes,
    [property: Id(2)] string Reason);

/// <summary>A commune, ward or special zone, keyed by its official 5-digit code: owns its dialogue calendar.</summary>
[Alias("DoiThoai.ICommuneGrain")]
public interface ICommuneGrain : IGrainWithStringKey
{
    [Alias("GetInfo")]
    Task<CommuneInfo> GetInfoAsync();

    /// <summary>Sets the commune's own notice policy (null returns to the province default); only stricter is allowed.</summary>
    [Alias("SetNoticePolicy")]
    Task<CommandResult<CommuneInfo>> SetNoticePolicyAsync(NoticePolicy? own);

    [Alias("Schedule")]
    Task<CommandResult<SessionInfo>> ScheduleAsync(SessionDraft draft);

    /// <summary>What scheduling the draft would send, to how many and when, refused as scheduling it would be; nothing stored.</summary>
    [Alias("PreviewNoticePlan")]
    Task<CommandResult<NoticePlan>> PreviewNoticePlanAsync(SessionDraft draft);

    /// <summary>A dialogue held before the platform was used, recorded after the fact (held, with its minutes; no notice sent).</summary>
    [Alias("RecordPast")]
    Task<CommandResult<SessionInfo>> RecordPastAsync(PastSessionRecord record, string by);

    /// <summary>Names or changes the chair, the co-organisers and the secretary, until the results are published.</summary>
    [Alias("SetOrganisers")]
    Task<CommandResult<SessionInfo>> SetOrganisersAsync(string sessionId, SessionOrganisers organisers);

    [Alias("Reschedule")]
    Task<CommandResult<SessionInfo>> RescheduleAsync(string sessionId, DateTimeOffset startsAt, string reason);

    [Alias("Cancel")]
    Task<CommandResult<SessionInfo>> CancelAsync(string sessionId, string reason);

    [Alias("MarkHeld")]
    Task<CommandResult<SessionInfo>> MarkHeldAsync(string sessionId);

    /// <summary>
    /// The chair signed the conclusion (the session's results keep its items): the session is concluded, with the closing
    /// remarks and the name under the signature block. Nothing is published yet.
    /// </summary>
    [Alias("Conclude")]
    Task<CommandResult<SessionInfo>> ConcludeAsync(string sessionId, string conclusion, string? signedBy = null);

    /// <summary>
    /// The results are published: the conclusion notice takes the commune's next number of the year and the 10-day count
    /// of Điều 43 stops. Asked again, it answers the same number.
    /// </summary>
    [Alias("PublishResults")]
    Task<CommandResult<SessionInfo>> PublishResultsAsync(string sessionId);

    /// <summary>The days a session's open follow-up tasks are due, for the province's count of overdue follow-ups.</summary>
    [Alias("ReportFollowUps")]
    Task ReportFollowUpsAsync(string sessionId, IReadOnlyList<DateOnly> owed);

    /// <summary>Whether a session of this kind could start then, and why (nothing is scheduled).</summary>
    [Alias("CheckNotice"), ReadOnly]
    Task<NoticeCheck> CheckNoticeAsync(SessionKind kind, DateTimeOffset startsAt);

    [Alias("GetSession"), ReadOnly]
    Task<SessionInfo?> GetSessionAsync(string sessionId);

    /// <summary>Sessions overlapping [from, to), ordered by start; all of them when a bound is null.</summary>
    [Alias("ListSessions"), ReadOnly]
    Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>
    /// The residents' requests an earlier version kept in the calendar, handed once to the commune's
    /// <c>IDialogueRequestsGrain</c> (empty afterwards); the calendar keeps counting the dialogues they owe meanwhile.
    /// </summary>
    [Alias("TakeLegacyDialogueRequests")]
    Task<IReadOnlyList<DialogueRequest>> TakeLegacyDialogueRequestsAsync();

    /// <summary>How many dialogues residents' requests are owed, as the commune's requests report it.</summary>
    [Alias("SetDialogueRequestsOwed")]
    Task SetDialogueRequestsOwedAsync(int owed);

    /// <summary>The minutes (biên bản) of a session held, recorded or corrected by the secretary; kept with who and when.</summary>
    [Alias("RecordMinutes")]
    Task<CommandResult<SessionInfo>> RecordMinutesAsync(string sessionId, string minutes, string by);

    /// <summary>The days a session's open preparation milestones are due, for the province's count of overdue preparation.</summary>
    [Alias("ReportPreparation")]
    Task ReportPreparationAsync(string sessionId, IReadOnlyList<DateOnly> owed);

    /// <summary>
    /// The year's list of days off changed: the notice deadlines of sessions still to be announced that count working
    /// days across that year are counted again; each that moved is kept in the session's history and its office is told.
    /// Returns how many moved.
    /// </summary>
    [Alias("RecountDeadlines")]
    Task<int> RecountDeadlinesAsync(int year);

    /// <summary>How many invitees of a session were chosen after their names were due, for the province's oversight.</summary>
    [Alias("ReportInviteesLate")]
    Task ReportInviteesLateAsync(string sessionId, int chosenLate);

    /// <summary>What the province grain keeps of this commune's calendar.</summary>
    [Alias("GetReport"), ReadOnly]
    Task<CommuneCalendarReport> GetReportAsync();
}
