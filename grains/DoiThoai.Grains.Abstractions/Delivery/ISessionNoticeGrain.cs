using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>The notices of one session, keyed "{communeCode}/{sessionId}": what goes out, to whom, when.</summary>
[Alias("DoiThoai.ISessionNoticeGrain")]
public interface ISessionNoticeGrain : IGrainWithStringKey
{
    [Alias("GetPlan")]
    Task<CalendarResult<NoticePlan>> GetPlanAsync();

    /// <summary>
    /// Records, durably, that the session's invitations must go out; the messages themselves are made later, outside
    /// the caller's turn. Idempotent.
    /// </summary>
    [Alias("Publish")]
    Task PublishAsync();

    /// <summary>Makes the messages of one notice and queues them (run by the delivery dispatcher); returns how many were new.</summary>
    [Alias("Expand")]
    Task<int> ExpandAsync(string notice);

    [Alias("GetDeliveries")]
    Task<DeliveryReport> GetDeliveriesAsync(DeliveryChannel? channel, int page, int pageSize);
}

public static class SessionNoticeKey
{
    /// <summary>The invitation (giấy mời) by e-mail, sent once when the session is scheduled.</summary>
    public const string Invitation = "invitation";

    public static string Of(string communeCode, string sessionId) => $"{communeCode}/{sessionId}";
}
