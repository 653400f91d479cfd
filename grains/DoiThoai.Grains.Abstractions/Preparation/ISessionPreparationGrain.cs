using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Preparation;

/// <summary>One step of preparing or following up a session, with who does it and by when.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.Milestone")]
public sealed record Milestone(
    [property: Id(0)] string Key,
    [property: Id(1)] string Title,
    [property: Id(2)] string OwnerUnit,
    [property: Id(3)] ContactRole OwnerRole,
    [property: Id(4)] MilestoneAnchor Anchor,
    [property: Id(5)] int OffsetDays,
    [property: Id(6)] DateOnly DueDate,
    [property: Id(7)] MilestoneAutomation Automation,
    [property: Id(8)] DateTimeOffset? DoneAt = null,
    [property: Id(9)] string? DoneBy = null,
    [property: Id(10)] string? Note = null);

public enum MilestoneState
{
    Done,
    Open,

    /// <summary>Due within the reminder period (two days).</summary>
    DueSoon,
    Overdue,
}

/// <summary>A milestone as the office sees it today.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.MilestoneStatus")]
public sealed record MilestoneStatus(
    [property: Id(0)] Milestone Milestone,
    [property: Id(1)] MilestoneState State,
    [property: Id(2)] int DaysLeft);

/// <summary>One item of the programme (chương trình hội nghị): start time (Vietnam), what, who leads it.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.AgendaItem")]
public sealed record AgendaItem(
    [property: Id(0)] TimeOnly StartsAt,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Presenter = null);

/// <summary>The session's preparation: the milestones in date order and the programme.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionPreparation")]
public sealed record SessionPreparation(
    [property: Id(0)] string SessionId,
    [property: Id(1)] IReadOnlyList<MilestoneStatus> Milestones,
    [property: Id(2)] IReadOnlyList<AgendaItem> Agenda,
    [property: Id(3)] int Overdue);

/// <summary>A milestone the office adds: its date is kept where it is put.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.MilestoneDraft")]
public sealed record MilestoneDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string OwnerUnit,
    [property: Id(2)] DateOnly DueDate,
    [property: Id(3)] ContactRole OwnerRole = ContactRole.Officer);

/// <summary>What the office changes in a milestone; what is left null stays. A new date is kept when the session moves.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.MilestoneChange")]
public sealed record MilestoneChange(
    [property: Id(0)] string? Title = null,
    [property: Id(1)] string? OwnerUnit = null,
    [property: Id(2)] DateOnly? DueDate = null);

/// <summary>
/// The preparation of one session, keyed "{commune}/{session}" (SessionNoticeKey.Of): milestones from the template of
/// its kind, moved with the session; the programme; reminders to the owners before a milestone is due and an alert
/// when it is overdue, planned as timed jobs of the delivery outbox.
/// </summary>
[Alias("DoiThoai.ISessionPreparationGrain")]
public interface ISessionPreparationGrain : IGrainWithStringKey
{
    /// <summary>Creates the preparation from the templates, or moves the undated-by-hand milestones with the session; plans reminders.</summary>
    [Alias("Sync")]
    Task SyncAsync(SessionInfo session);

    /// <summary>Null when the commune has no such session.</summary>
    [Alias("Get")]
    Task<SessionPreparation?> GetAsync();

    [Alias("AddMilestone")]
    Task<CommandResult<SessionPreparation>> AddMilestoneAsync(MilestoneDraft draft);

    [Alias("ChangeMilestone")]
    Task<CommandResult<SessionPreparation>> ChangeMilestoneAsync(string key, MilestoneChange change);

    [Alias("CompleteMilestone")]
    Task<CommandResult<SessionPreparation>> CompleteMilestoneAsync(string key, string? note, string by);

    [Alias("RemoveMilestone")]
    Task<CommandResult<SessionPreparation>> RemoveMilestoneAsync(string key);

    [Alias("SetAgenda")]
    Task<CommandResult<SessionPreparation>> SetAgendaAsync(IReadOnlyList<AgendaItem> agenda);

    /// <summary>
    /// The checks come due from <paramref name="from"/> (the time its job was planned for) to now (run by that timed job):
    /// for each milestone still open and still due that day, its owners are told by e-mail and SMS; then the next check
    /// is planned. Returns how many messages were queued.
    /// </summary>
    [Alias("RunChecks")]
    Task<int> RunChecksAsync(DateTimeOffset from);
}
