using DoiThoai.Domain.Calendar;

namespace DoiThoai.Domain.Messaging;

/// <summary>The loudspeaker slots of an announcement, and whether they cover three consecutive days.</summary>
public sealed record BroadcastPlan(IReadOnlyList<DateTimeOffset> Slots, bool Immediate)
{
    public int Days => Slots.Select(VietnamTime.LocalDate).Distinct().Count();

    /// <summary>Điều 13 Luật 10/2022: radio announcements run at least three consecutive days.</summary>
    public bool CoversThreeConsecutiveDays
    {
        get
        {
            var days = Slots.Select(VietnamTime.LocalDate).Distinct().Order().ToList();
            var run = 0;
            for (var i = 0; i < days.Count; i++)
            {
                run = i > 0 && days[i].DayNumber == days[i - 1].DayNumber + 1 ? run + 1 : 1;
                if (run >= 3)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>When each notice of a session goes out, from the moment it is announced to the session itself.</summary>
public static class NoticeTimeline
{
    /// <summary>
    /// Every slot of each day from the day of the notice deadline (or from the announcement, when the session was
    /// scheduled later than that) to the session: the announcements run in the days before the session that the law
    /// counts (at least 7 days, three of them consecutive), not every day of the months before it. An urgent session is
    /// broadcast at once, ahead of everything else, and then in the slots that remain before it starts.
    /// </summary>
    public static BroadcastPlan Broadcasts(
        DateTimeOffset announcedAt, DateTimeOffset sessionStart, DateTimeOffset noticeDeadline, IReadOnlyList<TimeOnly> slotTimes, bool urgent)
    {
        var slots = new List<DateTimeOffset>();
        if (urgent)
        {
            slots.Add(VietnamTime.ToLocal(announcedAt));
        }

        var firstDay = VietnamTime.LocalDate(urgent || noticeDeadline < announcedAt ? announcedAt : noticeDeadline);
        for (var day = firstDay; day <= VietnamTime.LocalDate(sessionStart); day = day.AddDays(1))
        {
            foreach (var time in slotTimes.Order())
            {
                var slot = VietnamTime.At(day, time);
                if (slot > announcedAt && slot < sessionStart)
                {
                    slots.Add(slot);
                }
            }
        }

        return new BroadcastPlan(slots, urgent);
    }

    /// <summary>
    /// The results announced on the loudspeakers: every slot of the next three days from now (Điều 13 Luật 10/2022: three
    /// consecutive days), the first slot still ahead first.
    /// </summary>
    public static IReadOnlyList<DateTimeOffset> ResultsBroadcasts(DateTimeOffset now, IReadOnlyList<TimeOnly> slotTimes)
    {
        var slots = new List<DateTimeOffset>();
        var today = VietnamTime.LocalDate(now);
        for (var day = today; slots.Select(VietnamTime.LocalDate).Distinct().Count() < 3 && day <= today.AddDays(4); day = day.AddDays(1))
        {
            slots.AddRange(slotTimes.Order().Select(t => VietnamTime.At(day, t)).Where(slot => slot > now));
        }

        return slots;
    }

    /// <summary>Reminders to delegates: 17:00 the day before and two hours before, those still ahead of now.</summary>
    public static IReadOnlyList<DateTimeOffset> DelegateReminders(DateTimeOffset sessionStart, DateTimeOffset now)
    {
        var dayBefore = VietnamTime.At(VietnamTime.LocalDate(sessionStart).AddDays(-1), new TimeOnly(17, 0));
        var twoHoursBefore = VietnamTime.ToLocal(sessionStart.AddHours(-2));
        return new[] { dayBefore, twoHoursBefore }.Where(t => t > now).Distinct().Order().ToList();
    }

    /// <summary>
    /// When the commune office is warned if invitations are still going out: a day before the notice deadline, or
    /// halfway to it when the session was scheduled later than that; never when the deadline has passed.
    /// </summary>
    public static DateTimeOffset? OfficeDeadlineWarning(DateTimeOffset noticeDeadline, DateTimeOffset now)
    {
        if (noticeDeadline <= now)
        {
            return null;
        }

        var dayBefore = noticeDeadline.AddDays(-1);
        return VietnamTime.ToLocal(dayBefore > now ? dayBefore : now + (noticeDeadline - now) / 2);
    }
}
