using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>The notices of one session, keyed "{communeCode}/{sessionId}": what goes out, to whom, when.</summary>
[Alias("DoiThoai.ISessionNoticeGrain")]
public interface ISessionNoticeGrain : IGrainWithStringKey
{
    [Alias("GetPlan")]
    Task<CalendarResult<NoticePlan>> GetPlanAsync();
}

public static class SessionNoticeKey
{
    public static string Of(string communeCode, string sessionId) => $"{communeCode}/{sessionId}";
}
