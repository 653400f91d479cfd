using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>What a notice of a session tells, or what it checks.</summary>
public enum SessionNoticeKind
{
    /// <summary>The invitation (giấy mời) by e-mail, sent once when the session is scheduled.</summary>
    Invitation,

    /// <summary>The SMS announcement, sent once when the session is scheduled.</summary>
    Announcement,

    /// <summary>The SMS reminders to delegates (17:00 the day before, two hours before), each due at its time.</summary>
    Reminders,

    /// <summary>The loudspeaker announcements in the commune's broadcast slots (an urgent session: at once, too).</summary>
    Broadcasts,

    /// <summary>The preparation milestones made from the template of the session's kind (and moved when it moves).</summary>
    Preparation,

    /// <summary>The session moved: the history entry <see cref="SessionNotice.HistoryIndex"/> tells where.</summary>
    Rescheduled,

    /// <summary>The session was called off (the history entry <see cref="SessionNotice.HistoryIndex"/>).</summary>
    Cancelled,

    /// <summary>A new list of days off moved the notice deadline (the history entry <see cref="SessionNotice.HistoryIndex"/>).</summary>
    DeadlineRecounted,

    /// <summary>The session was held (the history entry <see cref="SessionNotice.HistoryIndex"/>): what still waits to announce it is stale.</summary>
    Held,

    /// <summary>
    /// Shortly before the notice deadline <see cref="SessionNotice.Deadline"/>, whether every invitation went out; a
    /// check planned for an earlier time of the session does nothing once the session has moved.
    /// </summary>
    DeadlineCheck,
}

/// <summary>
/// One notice of a session, typed: its kind, and the history entry or the deadline it is about. <see cref="Name"/> names
/// the messages it makes in the outbox (which keeps them unique); nothing is ever read back from a name.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.SessionNotice")]
public sealed record SessionNotice(
    [property: Id(0)] SessionNoticeKind Kind,
    [property: Id(1)] int? HistoryIndex = null,
    [property: Id(2)] DateTimeOffset? Deadline = null)
{
    /// <summary>The notices made when a session is scheduled.</summary>
    public static IReadOnlyList<SessionNotice> OnSchedule { get; } =
    [
        new(SessionNoticeKind.Invitation), new(SessionNoticeKind.Announcement), new(SessionNoticeKind.Reminders),
        new(SessionNoticeKind.Broadcasts), new(SessionNoticeKind.Preparation),
    ];

    public static SessionNotice Rescheduled(int historyIndex) => new(SessionNoticeKind.Rescheduled, historyIndex);

    public static SessionNotice Cancelled(int historyIndex) => new(SessionNoticeKind.Cancelled, historyIndex);

    public static SessionNotice DeadlineRecounted(int historyIndex) => new(SessionNoticeKind.DeadlineRecounted, historyIndex);

    public static SessionNotice Held(int historyIndex) => new(SessionNoticeKind.Held, historyIndex);

    public static SessionNotice DeadlineCheck(DateTimeOffset noticeDeadline) => new(SessionNoticeKind.DeadlineCheck, Deadline: noticeDeadline);

    /// <summary>The name the notice's messages carry in the outbox (as earlier versions named them).</summary>
    public string Name => Kind switch
    {
        SessionNoticeKind.Invitation => SessionNoticeKey.Invitation,
        SessionNoticeKind.Announcement => SessionNoticeKey.Announcement,
        SessionNoticeKind.Reminders => "reminders",
        SessionNoticeKind.Broadcasts => "broadcasts",
        SessionNoticeKind.Preparation => "preparation",
        SessionNoticeKind.Rescheduled => $"rescheduled-{HistoryIndex}",
        SessionNoticeKind.Cancelled => $"cancelled-{HistoryIndex}",
        SessionNoticeKind.DeadlineRecounted => $"deadline-recounted-{HistoryIndex}",
        SessionNoticeKind.Held => $"held-{HistoryIndex}",
        _ => "deadline-check-" + SessionNoticeKey.Slot(Deadline ?? DateTimeOffset.MinValue),
    };

    /// <summary>Whether the notice tells of a change of the session (moved or called off).</summary>
    public bool IsChange => Kind is SessionNoticeKind.Rescheduled or SessionNoticeKind.Cancelled;

    /// <summary>Every notice a session's history calls for: re-publishing them all is harmless (what was published is not run again).</summary>
    public static IReadOnlyList<SessionNotice> Of(SessionInfo session)
    {
        var notices = new List<SessionNotice>(OnSchedule);
        for (var i = 1; i < session.History.Count; i++)
        {
            switch (session.History[i].Kind)
            {
                case SessionChangeKind.Rescheduled:
                    notices.Add(Rescheduled(i));
                    break;
                case SessionChangeKind.Cancelled:
                    notices.Add(Cancelled(i));
                    break;
                case SessionChangeKind.DeadlineRecounted:
                    notices.Add(DeadlineRecounted(i));
                    break;
                case SessionChangeKind.Held:
                    notices.Add(Held(i));
                    break;
            }
        }

        return notices;
    }
}
