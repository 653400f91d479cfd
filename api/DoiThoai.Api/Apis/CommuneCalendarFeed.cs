using System.Text;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Apis;

/// <summary>A commune's dialogue calendar as an iCalendar feed that Google Calendar and Outlook subscribe to.</summary>
public static class CommuneCalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static async Task<FileContentHttpResult> Get(string code, IGrainFactory grains, AdminUnitRegistry registry)
    {
        var commune = registry.FindCommune(code)!;
        var sessions = await grains.GetGrain<ICommuneGrain>(code).ListSessionsAsync(null, null);
        var text = IcsCalendar.Write($"Lịch đối thoại - {commune.Name}", sessions.Select(s => SessionCalendarEntry.From(commune, s)));
        return TypedResults.File(Encoding.UTF8.GetBytes(text), ContentType, $"doi-thoai-{code}.ics");
    }
}
