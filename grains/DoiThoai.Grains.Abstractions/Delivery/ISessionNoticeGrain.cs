using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>The notices of one session, keyed "{communeCode}/{sessionId}": what goes out, to whom, when.</summary>
[Alias("DoiThoai.ISessionNoticeGrain")]
public interface ISessionNoticeGrain : IGrainWithStringKey
{
    [Alias("GetPlan")]
    Task<CommandResult<NoticePlan>> GetPlanAsync();

    /// <summary>
    /// Records, durably, that the session's notices must go out; the messages themselves are made later, outside
    /// the caller's turn. Idempotent. Interleaves: the commune calls it from its own turn while this grain may be
    /// expanding a notice and asking that commune for the session; waiting there would deadlock the two.
    /// </summary>
    [Alias("Publish"), AlwaysInterleave]
    Task PublishAsync(IReadOnlyList<string> notices);

    /// <summary>Makes the messages of one notice and queues them (run by the delivery dispatcher); returns how many were new.</summary>
    [Alias("Expand")]
    Task<int> ExpandAsync(string notice);

    [Alias("GetDeliveries"), AlwaysInterleave]
    Task<DeliveryReport> GetDeliveriesAsync(DeliveryChannel? channel, int page, int pageSize, DeliveryStatus? status = null);

    /// <summary>How the invitations and announcements of the session's current time stand (by e-mail and SMS).</summary>
    [Alias("GetInvitationProgress"), AlwaysInterleave]
    Task<InvitationProgress> GetInvitationProgressAsync();
}

/// <summary>The invitations and announcements of a session's current time: gone out, still waiting, failed.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InvitationProgress")]
public sealed record InvitationProgress(
    [property: Id(0)] int Sent,
    [property: Id(1)] int EmailsWaiting,
    [property: Id(2)] int SmsWaiting,
    [property: Id(3)] int Failed)
{
    /// <summary>Every invitation went out: some were sent and none waits any longer.</summary>
    public bool AllOut => Sent > 0 && EmailsWaiting + SmsWaiting == 0;
}

public static class SessionNoticeKey
{
    /// <summary>The invitation (giấy mời) by e-mail, sent once when the session is scheduled.</summary>
    public const string Invitation = "invitation";

    /// <summary>The SMS announcement, sent once when the session is scheduled.</summary>
    public const string Announcement = "announcement";

    /// <summary>The SMS reminders to delegates (17:00 the day before, two hours before), each due at its time.</summary>
    public const string Reminders = "reminders";

    /// <summary>The loudspeaker announcements in the commune's broadcast slots (an urgent session: at once, too).</summary>
    public const string Broadcasts = "broadcasts";

    /// <summary>The preparation milestones made from the template of the session's kind (and moved when it moves).</summary>
    public const string Preparation = "preparation";

    /// <summary>The notices made when a session is scheduled.</summary>
    public static readonly IReadOnlyList<string> OnSchedule = [Invitation, Announcement, Reminders, Broadcasts, Preparation];



    /// <summary>The name of one broadcast, by its slot.</summary>
    public static string Broadcast(DateTimeOffset at) =>
        "broadcast-" + Slot(at);

    /// <summary>The name of one reminder: by its time, so a session moved elsewhere gets reminders of its own.</summary>
    public static string Reminder(DateTimeOffset at) =>
        "reminder-" + Slot(at);

    private const string DeadlineCheckPrefix = "deadline-check-";

    /// <summary>
    /// The check, due shortly before the notice deadline, of whether every invitation went out; named by the deadline
    /// it guards, so a check planned for an earlier time of the session does nothing once the session has moved.
    /// </summary>
    public static string DeadlineCheck(DateTimeOffset noticeDeadline) => DeadlineCheckPrefix + Slot(noticeDeadline);

    public static bool IsDeadlineCheck(string notice) => notice.StartsWith(DeadlineCheckPrefix, StringComparison.Ordinal);

    /// <summary>The warning to the commune office that the check found invitations still out.</summary>
    public static string OfficeWarning(DateTimeOffset noticeDeadline) => "office-warning-" + Slot(noticeDeadline);

    /// <summary>A moment as part of a notice's name: its Vietnam date and time to the minute.</summary>
    private static string Slot(DateTimeOffset at) =>
        VietnamTime.ToLocal(at).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);

    private const string HeldPrefix = "held-";

    /// <summary>The session was held (the history entry at <paramref name="historyIndex"/>): what still waits to announce it is stale.</summary>
    public static string Held(int historyIndex) => HeldPrefix + historyIndex;

    public static bool IsHeld(string notice) => notice.StartsWith(HeldPrefix, StringComparison.Ordinal);

    private const string RecountedPrefix = "deadline-recounted-";

    /// <summary>The office's notice that the entry at <paramref name="historyIndex"/> moved the notice deadline.</summary>
    public static string DeadlineRecounted(int historyIndex) => RecountedPrefix + historyIndex;

    /// <summary>The history entry a deadline-recounted notice tells of.</summary>
    public static int? Recounted(string notice) =>
        notice.StartsWith(RecountedPrefix, StringComparison.Ordinal) && int.TryParse(notice.AsSpan(RecountedPrefix.Length), out var index) && index > 0
            ? index
            : null;

    private const string RescheduledPrefix = "rescheduled-";
    private const string CancelledPrefix = "cancelled-";

    /// <summary>The notice of the change at position <paramref name="historyIndex"/> of the session's history.</summary>
    public static string Rescheduled(int historyIndex) => RescheduledPrefix + historyIndex;

    public static string Cancelled(int historyIndex) => CancelledPrefix + historyIndex;

    /// <summary>Whether a notice tells of a change, and which entry of the history it tells of.</summary>
    public static (bool IsCancellation, int HistoryIndex)? Change(string notice)
    {
        foreach (var (prefix, cancellation) in new[] { (RescheduledPrefix, false), (CancelledPrefix, true) })
        {
            if (notice.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(notice.AsSpan(prefix.Length), out var index) && index > 0)
            {
                return (cancellation, index);
            }
        }

        return null;
    }

    /// <summary>Every notice a session's history calls for: re-publishing them all is harmless (idempotent).</summary>
    public static IReadOnlyList<string> Of(SessionInfo session)
    {
        var notices = new List<string>(OnSchedule);
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

    public static string Of(string communeCode, string sessionId) => $"{communeCode}/{sessionId}";

    /// <summary>The commune and the session of a key made by <see cref="Of(string, string)"/>.</summary>
    public static (string Commune, string Session) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
