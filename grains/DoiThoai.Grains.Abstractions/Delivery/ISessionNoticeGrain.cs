using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>The notices of one session, keyed "{communeCode}/{sessionId}": what goes out, to whom, when.</summary>
[Alias("DoiThoai.ISessionNoticeGrain")]
public interface ISessionNoticeGrain : IGrainWithStringKey
{
    [Alias("GetPlan")]
    Task<CalendarResult<NoticePlan>> GetPlanAsync();

    /// <summary>
    /// Records, durably, that the session's notices must go out; the messages themselves are made later, outside
    /// the caller's turn. Idempotent. Interleaves: the commune calls it from its own turn while this grain may be
    /// expanding a notice and asking that commune for the session; waiting there would deadlock the two.
    /// </summary>
    [Alias("Publish"), AlwaysInterleave]
    Task PublishAsync();

    /// <summary>Makes the messages of one notice and queues them (run by the delivery dispatcher); returns how many were new.</summary>
    [Alias("Expand")]
    Task<int> ExpandAsync(string notice);

    /// <summary>A delivery report from the SMS gateway for one message of this session (outbox only: interleaves).</summary>
    [Alias("RecordReceipt"), AlwaysInterleave]
    Task<bool> RecordReceiptAsync(string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail);

    [Alias("GetDeliveries"), AlwaysInterleave]
    Task<DeliveryReport> GetDeliveriesAsync(DeliveryChannel? channel, int page, int pageSize);
}

public static class SessionNoticeKey
{
    /// <summary>The invitation (giấy mời) by e-mail, sent once when the session is scheduled.</summary>
    public const string Invitation = "invitation";

    /// <summary>The SMS announcement, sent once when the session is scheduled.</summary>
    public const string Announcement = "announcement";

    /// <summary>The notices made when a session is scheduled.</summary>
    public static readonly IReadOnlyList<string> OnSchedule = [Invitation, Announcement];

    public static string Of(string communeCode, string sessionId) => $"{communeCode}/{sessionId}";
}
