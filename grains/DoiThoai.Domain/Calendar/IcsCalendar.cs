using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DoiThoai.Domain.Calendar;

/// <summary>One event of an iCalendar document.</summary>
public sealed record CalendarEntry(
    string Uid,
    string Summary,
    string Description,
    string? Location,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Sequence,
    DateTimeOffset Stamp,
    bool Cancelled,
    string? Url = null);

/// <summary>A person in a scheduling message: a name (may be empty) and a mail address.</summary>
public sealed record CalendarParty(string Name, string Address);

/// <summary>
/// iCalendar (RFC 5545) documents that Google Calendar and Outlook accept: times in Asia/Ho_Chi_Minh with its
/// VTIMEZONE, stable UIDs, SEQUENCE growing with each change, cancelled events kept as CANCELLED.
/// </summary>
public static class IcsCalendar
{
    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//DoiThoai Cluster//Lich doi thoai//VI" };
        calendar.AddTimeZone(VietnamTimeZone());
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", VietnamTime.TimeZoneId);
        foreach (var entry in entries)
        {
            var item = new CalendarEvent
            {
                Uid = entry.Uid,
                Summary = entry.Summary,
                Description = entry.Description,
                Location = entry.Location,
                Start = new CalDateTime(VietnamTime.ToLocal(entry.Start).DateTime, VietnamTime.TimeZoneId, true),
                End = new CalDateTime(VietnamTime.ToLocal(entry.End).DateTime, VietnamTime.TimeZoneId, true),
                Sequence = entry.Sequence,
                DtStamp = new CalDateTime(entry.Stamp.UtcDateTime, "UTC", true),
                Status = entry.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (entry.Url is not null)
            {
                item.Url = new Uri(entry.Url);
            }

            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// A session's calendar as one person's scheduling message (iTIP, RFC 5546), which mail clients show as an
    /// invitation with Accept / Decline: METHOD:REQUEST with the office as ORGANIZER and the recipient as ATTENDEE
    /// (RSVP only when the office can receive replies), or METHOD:CANCEL once the session is called off. The UID and
    /// the rising SEQUENCE of the stored calendar are kept, so a client updates the event it already holds.
    /// </summary>
    public static (string Method, string Text) Addressed(string calendarText, CalendarParty organizer, CalendarParty attendee, bool askReply)
    {
        var calendar = Ical.Net.Calendar.Load(calendarText) ?? throw new ArgumentException("Not an iCalendar document.", nameof(calendarText));
        var cancelled = calendar.Events.Count > 0 && calendar.Events.All(e => e.Status == EventStatus.Cancelled);
        calendar.Method = cancelled ? "CANCEL" : "REQUEST";
        foreach (var item in calendar.Events)
        {
            item.Organizer = new Organizer("mailto:" + organizer.Address) { CommonName = NullIfEmpty(organizer.Name) };
            item.Attendees.Clear();
            item.Attendees.Add(new Attendee("mailto:" + attendee.Address)
            {
                CommonName = NullIfEmpty(attendee.Name),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = askReply && !cancelled,
            });
        }

        return (calendar.Method, new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

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
}
