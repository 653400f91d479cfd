namespace DoiThoai.Domain.Calendar;

/// <summary>
/// The lead-time rule: when the last invitation or announcement for a session may go out, and the earliest
/// start a session scheduled now may have.
/// </summary>
/// <remarks>
/// The deadline keeps the session's clock time and moves its date back by the minimum notice: N calendar days,
/// or to the N-th working day before the session's date. A session at 08:00 on Monday 27/10/2025 with
/// 7 working days' notice has its deadline at 08:00 on Thursday 16/10/2025. When several policies apply
/// (a province default and a commune's own that cannot be ordered against it) the earliest deadline wins.
/// </remarks>
public sealed class NoticeRule
{
    private readonly IReadOnlyList<NoticePolicy> _policies;
    private readonly WorkingDayCalendar _workingDays;

    public NoticeRule(IReadOnlyList<NoticePolicy> policies, WorkingDayCalendar workingDays)
    {
        if (policies.Count == 0)
        {
            throw new ArgumentException("At least one notice policy applies.", nameof(policies));
        }

        _policies = policies;
        _workingDays = workingDays;
    }

    public IReadOnlyList<NoticePolicy> Policies => _policies;

    /// <summary>The last moment invitations and public announcements may go out for a session starting then.</summary>
    public DateTimeOffset Deadline(DateTimeOffset start)
    {
        var local = VietnamTime.ToLocal(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var deadlineDate = _policies.Min(p => DeadlineDate(date, p));
        return VietnamTime.At(deadlineDate, time);
    }

    /// <summary>Whether a session starting then can still be announced in time, seen from <paramref name="now"/>.</summary>
    public bool Allows(DateTimeOffset start, DateTimeOffset now) => Deadline(start) >= now;

    /// <summary>The earliest start, to the minute, that leaves the required notice when the session is scheduled now.</summary>
    public DateTimeOffset EarliestAllowedStart(DateTimeOffset now)
    {
        var localNow = VietnamTime.ToLocal(now);
        var today = DateOnly.FromDateTime(localNow.DateTime);
        // Round up to the next whole minute: the deadline may not be earlier than now.
        var nowTime = TimeOnly.FromDateTime(localNow.DateTime);
        var nowMinute = new TimeOnly(nowTime.Hour, nowTime.Minute);
        var roundsToNextDay = false;
        if (nowMinute < nowTime)
        {
            roundsToNextDay = nowMinute == new TimeOnly(23, 59);
            nowMinute = nowMinute.AddMinutes(1);
        }

        var firstDay = roundsToNextDay ? today.AddDays(1) : today;
        // The deadline date of a session on day d only grows with d; walk forward to the first day that fits.
        for (var day = firstDay; ; day = day.AddDays(1))
        {
            var deadlineDate = _policies.Min(p => DeadlineDate(day, p));
            if (deadlineDate > firstDay)
            {
                return VietnamTime.At(day, TimeOnly.MinValue);
            }

            if (deadlineDate == firstDay)
            {
                return VietnamTime.At(day, roundsToNextDay ? TimeOnly.MinValue : nowMinute);
            }
        }
    }

    private DateOnly DeadlineDate(DateOnly sessionDate, NoticePolicy policy) =>
        LegalPeriod.Before(sessionDate, policy.MinimumNoticeDays, policy.DayKind, _workingDays);

    /// <summary>
    /// The policies that bind a commune: the province default, or the commune's own when it is at least as strict.
    /// A province that later tightens its default past the commune's own binds as well.
    /// </summary>
    public static IReadOnlyList<NoticePolicy> Effective(NoticePolicy provinceDefault, NoticePolicy? communeOwn)
    {
        if (communeOwn is null || provinceDefault.IsAtLeastAsStrictAs(communeOwn))
        {
            return [provinceDefault];
        }

        return communeOwn.IsAtLeastAsStrictAs(provinceDefault) ? [communeOwn] : [provinceDefault, communeOwn];
    }
}
