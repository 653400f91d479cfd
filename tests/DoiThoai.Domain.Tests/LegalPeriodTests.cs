using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Petitions;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Tests;

/// <summary>Bộ luật Dân sự 2015, Điều 147: the day of the event is not counted; every period of the platform agrees.</summary>
public sealed class LegalPeriodTests
{
    private static readonly WorkingDayCalendar Days2026 = new(VietnamPublicHolidays.Default(2026));

    [Fact]
    public void Dieu_147_the_results_of_a_dialogue_on_the_5th_are_due_by_the_15th()
    {
        Assert.Equal(new DateOnly(2026, 12, 15), LegalPeriod.DaysAfter(new DateOnly(2026, 12, 5), 10));
        Assert.Equal(new DateOnly(2026, 12, 15), Oversight.ResultsDue(new DateTimeOffset(2026, 12, 5, 8, 0, 0, VietnamTime.Offset)));
    }

    [Fact]
    public void Dieu_147_seven_days_before_a_session_on_the_20th_is_the_13th_and_the_notice_rule_agrees()
    {
        var session = new DateTimeOffset(2026, 11, 20, 8, 0, 0, VietnamTime.Offset);
        Assert.Equal(new DateOnly(2026, 11, 13), LegalPeriod.DaysBefore(new DateOnly(2026, 11, 20), 7));
        var rule = new NoticeRule([NoticePolicy.LegalDefault], Days2026);
        Assert.Equal(new DateTimeOffset(2026, 11, 13, 8, 0, 0, VietnamTime.Offset), rule.Deadline(session));
    }

    [Fact]
    public void Dieu_147_working_days_skip_the_days_off_and_never_count_the_event_day()
    {
        // Received Friday 20/11/2026: Monday 23/11 is the first working day, Tuesday 24/11 is Culture Day (off).
        Assert.Equal(new DateOnly(2026, 11, 23), LegalPeriod.WorkingDaysAfter(new DateOnly(2026, 11, 20), 1, Days2026));
        Assert.Equal(new DateOnly(2026, 12, 7), LegalPeriod.WorkingDaysAfter(new DateOnly(2026, 11, 20), 10, Days2026));
        Assert.Equal(new DateOnly(2026, 12, 7), PetitionRules.AcknowledgeBy(new DateTimeOffset(2026, 11, 20, 15, 0, 0, VietnamTime.Offset), Days2026));
        // And back: the 7th working day before Wednesday 25/11/2026 (24/11 off) is Friday 13/11.
        Assert.Equal(new DateOnly(2026, 11, 13), LegalPeriod.WorkingDaysBefore(new DateOnly(2026, 11, 25), 7, Days2026));
    }
}
