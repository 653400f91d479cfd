using DoiThoai.Domain.Calendar;

namespace DoiThoai.Domain.Tests;

public sealed class NoticeRuleTests
{
    private static readonly NoticePolicy SevenCalendarDays = new(7, NoticeDayKind.Calendar);
    private static readonly NoticePolicy SevenWorkingDays = new(7, NoticeDayKind.Working);

    private static WorkingDayCalendar Holidays(params int[] years) =>
        new(years.SelectMany(VietnamPublicHolidays.Default));

    private static DateTimeOffset Local(int y, int m, int d, int h = 8, int min = 0, int s = 0) =>
        new(y, m, d, h, min, s, VietnamTime.Offset);

    [Fact]
    public void Seven_calendar_days_before_a_Saturday_session_is_the_Saturday_before_at_the_same_hour()
    {
        var rule = new NoticeRule([SevenCalendarDays], Holidays(2025));
        Assert.Equal(Local(2025, 10, 18), rule.Deadline(Local(2025, 10, 25)));
    }

    [Fact]
    public void Seven_working_days_skip_the_weekends()
    {
        var rule = new NoticeRule([SevenWorkingDays], Holidays(2025));
        // Monday 27/10/2025 08:00 → Thursday 16/10/2025 08:00 (17, 20–24, 27 are the seven working days).
        Assert.Equal(Local(2025, 10, 16), rule.Deadline(Local(2025, 10, 27)));
    }

    [Fact]
    public void Working_days_skip_the_Tet_holiday()
    {
        var rule = new NoticeRule([SevenWorkingDays], Holidays(2026));
        // Tết 2026 (default list): Monday 16 to Friday 20 February are off.
        Assert.Equal(Local(2026, 2, 9), rule.Deadline(Local(2026, 2, 25)));
    }

    [Fact]
    public void Working_days_skip_compensatory_days()
    {
        var rule = new NoticeRule([new NoticePolicy(5, NoticeDayKind.Working)], Holidays(2026));
        // 26/4/2026 (Hùng Kings' day) is a Sunday: Monday 27/4 is off; 30/4 and 1/5 are off too.
        Assert.Equal(Local(2026, 4, 23, 9), rule.Deadline(Local(2026, 5, 5, 9)));
    }

    [Fact]
    public void An_official_list_replaces_the_default_days()
    {
        // Without the default list, the week of Tết counts as working days.
        var withoutHolidays = new NoticeRule([SevenWorkingDays], WorkingDayCalendar.WithoutHolidays);
        Assert.Equal(Local(2026, 2, 16), withoutHolidays.Deadline(Local(2026, 2, 25)));
    }

    [Fact]
    public void Working_days_across_the_new_year_need_both_years_lists()
    {
        var rule = new NoticeRule([new NoticePolicy(3, NoticeDayKind.Working)], Holidays(2025, 2026));
        // Monday 5/1/2026: back over Friday 2/1, the holiday 1/1, Wednesday 31/12 and Tuesday 30/12.
        Assert.Equal(Local(2025, 12, 30), rule.Deadline(Local(2026, 1, 5)));
    }

    [Fact]
    public void The_earliest_allowed_start_is_rounded_up_to_the_minute()
    {
        var rule = new NoticeRule([SevenCalendarDays], Holidays(2025));
        Assert.Equal(Local(2025, 10, 27, 10, 31), rule.EarliestAllowedStart(Local(2025, 10, 20, 10, 30, 15)));
    }

    [Fact]
    public void The_earliest_allowed_start_in_working_days_is_the_day_whose_seventh_working_day_before_is_today()
    {
        var rule = new NoticeRule([SevenWorkingDays], Holidays(2025));
        // From Monday 20/10 10:30: Wednesday 29/10 10:30 (seven working days before it: 20–24, 27, 28).
        Assert.Equal(Local(2025, 10, 29, 10, 30), rule.EarliestAllowedStart(Local(2025, 10, 20, 10, 30)));
    }

    [Fact]
    public void On_a_weekend_the_earliest_start_begins_at_midnight_of_a_later_day()
    {
        var rule = new NoticeRule([SevenWorkingDays], Holidays(2025));
        // Saturday 25/10: the first working day to count is Monday 27/10, so any time on Wednesday 5/11 will do.
        Assert.Equal(Local(2025, 11, 5, 0), rule.EarliestAllowedStart(Local(2025, 10, 25, 14)));
    }

    [Fact]
    public void The_earliest_allowed_start_is_allowed_and_a_minute_earlier_is_not_for_every_hour_of_a_year()
    {
        var calendar = Holidays(2025, 2026);
        NoticePolicy[][] policySets =
        [
            [SevenCalendarDays],
            [SevenWorkingDays],
            [new NoticePolicy(10, NoticeDayKind.Calendar), new NoticePolicy(7, NoticeDayKind.Working)],
        ];
        foreach (var policies in policySets)
        {
            var rule = new NoticeRule(policies, calendar);
            for (var now = Local(2025, 1, 1, 0, 0, 7); now < Local(2026, 1, 1); now = now.AddMinutes(97))
            {
                var earliest = rule.EarliestAllowedStart(now);
                Assert.True(rule.Allows(earliest, now), $"{now}: {earliest} should be allowed");
                Assert.False(rule.Allows(earliest.AddMinutes(-1), now), $"{now}: {earliest.AddMinutes(-1)} should be refused");
            }
        }
    }

    [Fact]
    public void Deadlines_are_the_same_whatever_offset_the_start_is_given_in()
    {
        var rule = new NoticeRule([SevenWorkingDays], Holidays(2025));
        var local = Local(2025, 10, 27, 8);
        Assert.Equal(rule.Deadline(local), rule.Deadline(local.ToUniversalTime()));
        Assert.Equal(VietnamTime.Offset, rule.Deadline(local.ToUniversalTime()).Offset);
    }

    [Fact]
    public void A_commune_may_make_the_province_rule_stricter_but_never_looser()
    {
        Assert.Equal([SevenWorkingDays], NoticeRule.Effective(SevenCalendarDays, SevenWorkingDays));
        Assert.Equal([SevenCalendarDays], NoticeRule.Effective(SevenCalendarDays, new NoticePolicy(5, NoticeDayKind.Calendar)));
        Assert.Equal([SevenCalendarDays], NoticeRule.Effective(SevenCalendarDays, null));
        // Calendar days cannot be ordered against working days of a stricter province: both bind.
        var tenCalendarDays = new NoticePolicy(10, NoticeDayKind.Calendar);
        Assert.Equal([SevenWorkingDays, tenCalendarDays], NoticeRule.Effective(SevenWorkingDays, tenCalendarDays));
    }

    [Fact]
    public void Strictness_orders_working_days_above_the_same_number_of_calendar_days()
    {
        Assert.True(SevenWorkingDays.IsAtLeastAsStrictAs(SevenCalendarDays));
        Assert.False(SevenCalendarDays.IsAtLeastAsStrictAs(SevenWorkingDays));
        Assert.True(new NoticePolicy(8, NoticeDayKind.Calendar).IsAtLeastAsStrictAs(SevenCalendarDays));
        Assert.False(new NoticePolicy(6, NoticeDayKind.Working).IsAtLeastAsStrictAs(SevenCalendarDays));
    }
}
