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
    Task PublishAsync(IReadOnlyList<SessionNotice> notices);

    /// <summary>Makes the messages of one notice and queues them (run by its timed job); returns how many were new.</summary>
    [Alias("Expand")]
    Task<int> ExpandAsync(SessionNotice notice);

    /// <summary>
    /// Takes notices an earlier version already handled (its outbox's plan rows) as published, so that publishing
    /// them again does not run them again.
    /// </summary>
    [Alias("AdoptPublished")]
    Task AdoptPublishedAsync(IReadOnlyList<SessionNotice> notices);

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

/// <summary>The outbox keys of a session's messages and the names of the messages its plan makes.</summary>
public static class SessionNoticeKey
{
    /// <summary>The invitation (giấy mời) by e-mail, sent once when the session is scheduled.</summary>
    public const string Invitation = "invitation";

    /// <summary>The SMS announcement, sent once when the session is scheduled.</summary>
    public const string Announcement = "announcement";

    /// <summary>The name of one broadcast, by its slot.</summary>
    public static string Broadcast(DateTimeOffset at) =>
        "broadcast-" + Slot(at);

    /// <summary>The name of one reminder: by its time, so a session moved elsewhere gets reminders of its own.</summary>
    public static string Reminder(DateTimeOffset at) =>
        "reminder-" + Slot(at);

    /// <summary>The warning to the commune office that the check before the deadline found invitations still out.</summary>
    public static string OfficeWarning(DateTimeOffset noticeDeadline) => "office-warning-" + Slot(noticeDeadline);

    /// <summary>A moment as part of a message's name: its Vietnam date and time to the minute.</summary>
    internal static string Slot(DateTimeOffset at) =>
        VietnamTime.ToLocal(at).ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Of(string communeCode, string sessionId) => $"{communeCode}/{sessionId}";

    /// <summary>The commune and the session of a key made by <see cref="Of(string, string)"/>.</summary>
    public static (string Commune, string Session) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
