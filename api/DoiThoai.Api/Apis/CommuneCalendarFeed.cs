using System.Text;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DoiThoai.Api.Apis;

/// <summary>
/// A commune's dialogue calendar as an iCalendar feed (RFC 5545) that Google Calendar and Outlook subscribe to:
/// times in Asia/Ho_Chi_Minh with its VTIMEZONE, one stable UID per session, cancelled sessions kept as CANCELLED
/// so that subscribers remove them.
/// </summary>
public static class CommuneCalendarFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The domain part of every UID: fixed, so a session keeps its UID whatever address the feed is read at.</summary>
    public const string UidDomain = "doithoai-cluster";

    public static async Task<FileContentHttpResult> Get(string code, IGrainFactory grains, AdminUnitRegistry registry)
    {
        var commune = registry.FindCommune(code)!;
        var sessions = await grains.GetGrain<ICommuneGrain>(code).ListSessionsAsync(null, null);
        return TypedResults.File(Encoding.UTF8.GetBytes(Build(commune, sessions)), ContentType, $"doi-thoai-{code}.ics");
    }

    public static string Build(Commune commune, IReadOnlyList<SessionInfo> sessions)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//DoiThoai Cluster//Lich doi thoai//VI" };
        calendar.AddTimeZone(VietnamTimeZone());
        calendar.AddProperty("X-WR-CALNAME", $"Lịch đối thoại - {commune.Name}");
        calendar.AddProperty("X-WR-TIMEZONE", VietnamTime.TimeZoneId);
        foreach (var session in sessions)
        {
            var start = VietnamTime.ToLocal(session.StartsAt);
            var end = VietnamTime.ToLocal(session.EndsAt);
            var last = session.History.Count > 0 ? session.History[^1].At : session.CreatedAt;
            var item = new CalendarEvent
            {
                Uid = $"{commune.Code}-{session.Id}@{UidDomain}",
                Summary = $"Đối thoại {session.Kind.Vietnamese()}: {session.Title}",
                Description = Describe(session),
                Location = session.Venue ?? session.OnlineUrl,
                Start = new CalDateTime(start.DateTime, VietnamTime.TimeZoneId, true),
                End = new CalDateTime(end.DateTime, VietnamTime.TimeZoneId, true),
                Sequence = session.History.Count - 1,
                DtStamp = new CalDateTime(last.UtcDateTime, "UTC", true),
                Status = session.Status == SessionStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (session.OnlineUrl is not null)
            {
                item.Url = new Uri(session.OnlineUrl);
            }

            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Vietnam has kept UTC+7 without daylight saving since 13 June 1975: one STANDARD rule says it all.</summary>
    private static VTimeZone VietnamTimeZone()
    {
        var offset = new UtcOffset(VietnamTime.Offset);
        var zone = new VTimeZone(VietnamTime.TimeZoneId);
        zone.TimeZoneInfos.Add(new VTimeZoneInfo
        {
            Name = "STANDARD",
            OffsetFrom = offset,
            OffsetTo = offset,
            TimeZoneName = "ICT",
            Start = new CalDateTime(1975, 6, 13, 0, 0, 0, null),
        });
        return zone;
    }

    private static string Describe(SessionInfo session)
    {
        var text = new StringBuilder();
        text.Append("Hội nghị đối thoại ").Append(session.Kind.Vietnamese()).Append(" (").Append(session.Status.Vietnamese()).AppendLine(").");
        text.Append("Chủ trì: ").AppendLine(session.Chair);
        if (session.Topic is not null)
        {
            text.Append("Nội dung: ").AppendLine(session.Topic);
        }

        if (session.UrgentReason is not null)
        {
            text.Append("Lý do đột xuất: ").AppendLine(session.UrgentReason);
        }

        if (session.CancelReason is not null)
        {
            text.Append("Lý do hủy: ").AppendLine(session.CancelReason);
        }

        return text.ToString().TrimEnd();
    }
}
