namespace DoiThoai.Domain.Calendar;

/// <summary>
/// How every period of the platform is counted, stated once: Bộ luật Dân sự 2015, Điều 147 — when a period is counted
/// in days, the day of the event that starts it is not counted; counting starts on the next day (and, Điều 148, the
/// period ends at the end of its last day). So the results of a dialogue held on the 5th, due "within 10 days", are due
/// by the end of the 15th; a petition received on a Monday is owed its acknowledgement by the 10th working day after
/// that Monday; and a session on the 20th that needs "at least 7 days" of notice, counted back from the session (its own
/// day not counted: the 19th, 18th … 13th), needs its notice out by the 13th. Notice deadlines, results, petitions,
/// preparation milestones and the invitees' names all count through here.
/// </summary>
public static class LegalPeriod
{
    /// <summary>The last day of a period of <paramref name="days"/> days that starts after <paramref name="eventDay"/>.</summary>
    public static DateOnly DaysAfter(DateOnly eventDay, int days) => eventDay.AddDays(days);

    /// <summary>The latest day that still leaves <paramref name="days"/> days before <paramref name="eventDay"/>.</summary>
    public static DateOnly DaysBefore(DateOnly eventDay, int days) => eventDay.AddDays(-days);

    /// <summary>The <paramref name="days"/>-th working day after <paramref name="eventDay"/> (the event's own day not counted).</summary>
    public static DateOnly WorkingDaysAfter(DateOnly eventDay, int days, WorkingDayCalendar calendar) => Walk(eventDay, days, 1, calendar);

    /// <summary>The <paramref name="days"/>-th working day before <paramref name="eventDay"/> (the event's own day not counted).</summary>
    public static DateOnly WorkingDaysBefore(DateOnly eventDay, int days, WorkingDayCalendar calendar) => Walk(eventDay, days, -1, calendar);

    /// <summary>Counted in calendar or working days, as a notice policy says.</summary>
    public static DateOnly Before(DateOnly eventDay, int days, NoticeDayKind kind, WorkingDayCalendar calendar) =>
        kind == NoticeDayKind.Working ? WorkingDaysBefore(eventDay, days, calendar) : DaysBefore(eventDay, days);

    private static DateOnly Walk(DateOnly from, int days, int step, WorkingDayCalendar calendar)
    {
        var current = from;
        for (var found = 0; found < days;)
        {
            current = current.AddDays(step);
            if (calendar.IsWorkingDay(current))
            {
                found++;
            }
        }

        return current;
    }
}
