using DoiThoai.Domain.Contacts;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Invitees;

/// <summary>
/// A group as the office sets it: a name, the hamlet whose head fills it (none: the office fills it), the role its
/// members are drawn from (none: anyone but officers), and how many people it must and may have. An existing group
/// is named by its key and keeps the people already chosen.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeGroupDraft")]
public sealed record InviteeGroupDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] int Minimum,
    [property: Id(2)] int Maximum,
    [property: Id(3)] string? Hamlet = null,
    [property: Id(4)] ContactRole? Role = null,
    [property: Id(5)] string? Key = null);

/// <summary>One person chosen, as the office sees them: no phone number or address.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeMember")]
public sealed record InviteeMember(
    [property: Id(0)] string ContactId,
    [property: Id(1)] string FullName,
    [property: Id(2)] string? Title,
    [property: Id(3)] string Hamlet,
    [property: Id(4)] string AddedBy,
    [property: Id(5)] DateTimeOffset AddedAt,
    [property: Id(6)] string? LateReason = null)
{
    /// <summary>Chosen after the names were due, on the office's say-so (the reason says why).</summary>
    public bool ChosenLate => LateReason is not null;
}

/// <summary>A group with the people chosen so far and how many are still missing.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeGroupView")]
public sealed record InviteeGroupView(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Hamlet,
    [property: Id(3)] ContactRole? Role,
    [property: Id(4)] int Minimum,
    [property: Id(5)] int Maximum,
    [property: Id(6)] IReadOnlyList<InviteeMember> Members,
    [property: Id(7)] int Missing,
    [property: Id(8)] IReadOnlyList<string> FilledBy);

/// <summary>A session's invitees by group: the totals, the day the names are due, the hamlets the registry knows.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeList")]
public sealed record InviteeList(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateOnly Deadline,
    [property: Id(2)] IReadOnlyList<InviteeGroupView> Groups,
    [property: Id(3)] int Wanted,
    [property: Id(4)] int Chosen,
    [property: Id(5)] int GroupsShort,
    [property: Id(6)] IReadOnlyList<string> Hamlets,
    [property: Id(7)] int ChosenLate = 0,
    [property: Id(8)] int NamesDueWorkingDays = 2);

/// <summary>Someone who may be chosen for a group: their name and title only, and whether they are chosen (here or elsewhere).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeCandidate")]
public sealed record InviteeCandidate(
    [property: Id(0)] string ContactId,
    [property: Id(1)] string FullName,
    [property: Id(2)] string? Title,
    [property: Id(3)] ContactRole Role,
    [property: Id(4)] bool Chosen,
    [property: Id(5)] string? ChosenInGroup);

/// <summary>What the hamlet head's page shows: the session, the group's numbers, the people of the hamlet.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeFillPage")]
public sealed record InviteeFillPage(
    [property: Id(0)] string CommuneName,
    [property: Id(1)] string SessionTitle,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] string? Venue,
    [property: Id(4)] string GroupName,
    [property: Id(5)] string? Hamlet,
    [property: Id(6)] int Minimum,
    [property: Id(7)] int Maximum,
    [property: Id(8)] DateOnly Deadline,
    [property: Id(9)] bool Open,
    [property: Id(10)] IReadOnlyList<InviteeCandidate> Candidates);

/// <summary>
/// The people invited to one session by quota, keyed "{commune}/{session}". The office sets the groups; each hamlet
/// head fills their hamlet's group through a link with a code of its own (no account), reminded two days before the
/// names are due; the office is alerted the day after for groups still short. People chosen who are not in the
/// session's audience get their own invitation.
/// </summary>
[Alias("DoiThoai.ISessionInviteesGrain")]
public interface ISessionInviteesGrain : IGrainWithStringKey
{
    /// <summary>Null when the session does not exist.</summary>
    [Alias("Get")]
    Task<InviteeList?> GetAsync();

    /// <summary>Plans the reminders again for a moved session (its notice grain calls it after a reschedule).</summary>
    [Alias("Sync")]
    Task SyncAsync();

    /// <summary>
    /// Replaces the groups; the heads of new hamlet groups are sent their link at once. <paramref name="namesDueWorkingDays"/>:
    /// how many working days before the notice deadline the names are due (unchanged when null; two by default).
    /// </summary>
    [Alias("SetGroups")]
    Task<CommandResult<InviteeList>> SetGroupsAsync(IReadOnlyList<InviteeGroupDraft> groups, int? namesDueWorkingDays = null);

    [Alias("Candidates")]
    Task<CommandResult<IReadOnlyList<InviteeCandidate>>> CandidatesAsync(string groupKey);

    /// <summary>
    /// The office chooses a group's people (any group). After the names were due it must say why (<paramref name="lateReason"/>):
    /// the lateness is recorded with each person then added and counted in the province's oversight.
    /// </summary>
    [Alias("SetMembers")]
    Task<CommandResult<InviteeList>> SetMembersAsync(string groupKey, IReadOnlyList<string> contactIds, string by, string? lateReason = null);

    /// <summary>The hamlet head's page, or NotFound for a wrong group or code (the same answer, so a guess learns nothing).</summary>
    [Alias("OpenFill")]
    Task<CommandResult<InviteeFillPage>> OpenFillAsync(string groupKey, string code);

    [Alias("Fill")]
    Task<CommandResult<InviteeFillPage>> FillAsync(string groupKey, string code, IReadOnlyList<string> contactIds);

    /// <summary>A timed check come due (the heads' reminder, the office's alert); returns the messages it queued.</summary>
    [Alias("RunInviteesCheck")]
    Task<int> RunCheckAsync(InviteesCheck check);
}

/// <summary>
/// A timed check of the names the hamlet heads owe by <see cref="Deadline"/>: two days before, their reminder; the day
/// after, the office's alert. Planned once per deadline; a check for a deadline the session has moved from plans the new one.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteesCheck")]
public sealed record InviteesCheck(
    [property: Id(0)] DateOnly Deadline,
    [property: Id(1)] bool Alert)
{
    /// <summary>The name its messages carry in the outbox.</summary>
    public string Name => $"{(Alert ? "short-" : "remind-")}{Deadline:yyyyMMdd}";
}
