using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;

namespace DoiThoai.Grains.Timing;

/// <summary>
/// Which job a timed job is: <see cref="Subject"/> is what it is about (a session "{commune}/{session}", or a commune's
/// petitions "{commune}/petitions"), <see cref="Name"/> what it does there. Planning a job of the same key again moves it.
/// </summary>
public readonly record struct TimedJobKey(string Subject, string Name);

/// <summary>
/// Work that must happen at a moment, not at once: each kind a type with the data it needs. The job scheduler
/// (Quartz, in the silo) keeps it durably and hands it to the grain that owns it when it falls due.
/// </summary>
public abstract record TimedJob(DateTimeOffset At)
{
    public abstract TimedJobKey Key { get; }
}

/// <summary>
/// The notices a change of a session calls for (all five when it is scheduled, one when it moves…), made into their
/// messages in order, by one job named after them.
/// </summary>
public sealed record NoticesJob(string SessionKey, IReadOnlyList<SessionNotice> Notices, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new(SessionKey, "notices-" + string.Join('+', Notices.Select(n => n.Name)));

    /// <summary>Equal when about the same session, the same notices in the same order, at the same time.</summary>
    public bool Equals(NoticesJob? other) =>
        other is not null && SessionKey == other.SessionKey && At == other.At && Notices.SequenceEqual(other.Notices);

    public override int GetHashCode() => HashCode.Combine(SessionKey, At, Notices.Count);
}

/// <summary>
/// The check shortly before the notice deadline that every invitation went out: one job per session, moved with it,
/// dropped when it is called off or held; it carries the deadline it guards.
/// </summary>
public sealed record DeadlineCheckJob(string SessionKey, DateTimeOffset Deadline, DateTimeOffset At) : TimedJob(At)
{
    public static TimedJobKey KeyOf(string sessionKey) => new(sessionKey, "deadline-check");

    public override TimedJobKey Key => KeyOf(SessionKey);
}

/// <summary>
/// A session's preparation checked at its next reminder or overdue time: one job per session, moved to the next check
/// each time it runs or the milestones change. It carries its time: every check falling between it and the run is made.
/// </summary>
public sealed record PreparationChecksJob(string SessionKey, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new(SessionKey, "preparation-checks");
}

/// <summary>The names a session's hamlet heads owe, checked before and after the day they are due.</summary>
public sealed record InviteesCheckJob(string SessionKey, InviteesCheck Check, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new(SessionKey, "invitees-" + Check.Name);
}

/// <summary>A follow-up task of a session's conclusion checked at its reminder or overdue time.</summary>
public sealed record FollowUpCheckJob(string SessionKey, FollowUpCheck Check, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new(SessionKey, Check.Name);
}

/// <summary>The speakers' phone numbers of a session erased once their purpose is served (moved with the session).</summary>
public sealed record SpeakerPhonesErasureJob(string SessionKey, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new(SessionKey, "erase-speaker-phones");
}

/// <summary>A petitioner's contact details erased the set time after they were told the answer.</summary>
public sealed record PetitionContactErasureJob(string CommuneCode, string PetitionId, DateTimeOffset At) : TimedJob(At)
{
    public override TimedJobKey Key => new($"{CommuneCode}/petitions", "erase-contact-" + PetitionId);
}

/// <summary>
/// Work that comes back on a cron schedule (Quartz's syntax, seconds first) in Vietnam time, on working days only: a
/// day off of the platform's holiday list skips that occurrence.
/// </summary>
public abstract record RecurringJob(string Cron)
{
    public abstract TimedJobKey Key { get; }
}

/// <summary>A province's weekly digest to its supervisors.</summary>
public sealed record WeeklyDigestJob(string ProvinceCode, string Schedule) : RecurringJob(Schedule)
{
    public override TimedJobKey Key => new($"province/{ProvinceCode}", "weekly-digest");
}

/// <summary>A province's reminders to communes without a periodic dialogue, looked at each working day at 08:00.</summary>
public sealed record PeriodicDialogueRemindersJob(string ProvinceCode) : RecurringJob("0 0 8 ? * MON-FRI")
{
    public override TimedJobKey Key => new($"province/{ProvinceCode}", "periodic-dialogue-reminders");
}
