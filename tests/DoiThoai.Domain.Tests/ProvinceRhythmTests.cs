using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Tests;

/// <summary>When a province's recurring work falls: the weekly digest's schedule, the reminders before an instruction's date.</summary>
public sealed class ProvinceRhythmTests
{
    [Theory]
    [InlineData(DayOfWeek.Monday, 7, 30, "0 30 7 ? * MON")]
    [InlineData(DayOfWeek.Friday, 16, 0, "0 0 16 ? * FRI")]
    public void A_digest_schedule_is_a_weekly_cron_in_quartz_syntax(DayOfWeek day, int hour, int minute, string cron) =>
        Assert.Equal(cron, new DigestSchedule(day, new TimeOnly(hour, minute)).Cron);

    [Fact]
    public void A_digest_goes_on_a_working_day_in_the_day_to_at_most_twenty_addresses_written_once_each()
    {
        Assert.Empty(DigestSchedule.Check(DayOfWeek.Tuesday, "21:59", ["A@xa.vn", "a@xa.vn", "b@xa.vn"], out var schedule, out var addresses));
        Assert.Equal(new DigestSchedule(DayOfWeek.Tuesday, new TimeOnly(21, 59)), schedule);
        Assert.Equal(2, addresses.Count);

        var refused = DigestSchedule.Check(DayOfWeek.Saturday, "06:59", [.. Enumerable.Range(0, 21).Select(i => $"n{i}@xa.vn")], out var none, out _);
        Assert.Null(none);
        Assert.Equal(["at", "day", "recipients"], refused.Keys.Order());
    }

    [Fact]
    public void Communes_are_reminded_ten_five_and_one_working_days_before_the_date_counting_only_working_days()
    {
        var by = new DateOnly(2026, 11, 20); // a Friday
        var plain = WorkingDayCalendar.WithoutHolidays;
        Assert.Equal(10, InstructionRules.WorkingDaysLeft(new DateOnly(2026, 11, 6), by, plain));
        Assert.Equal(
            [new DateOnly(2026, 11, 6), new DateOnly(2026, 11, 13), new DateOnly(2026, 11, 19)],
            Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 11, 1).AddDays(i)).Where(d => InstructionRules.IsReminderDay(d, by, plain)));

        // A day off on Monday 16 November moves the reminders one working day earlier.
        var withDayOff = new WorkingDayCalendar([new PublicHoliday(new DateOnly(2026, 11, 16), "Nghỉ")]);
        Assert.Equal(
            [new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 12), new DateOnly(2026, 11, 19)],
            Enumerable.Range(0, 20).Select(i => new DateOnly(2026, 11, 1).AddDays(i)).Where(d => InstructionRules.IsReminderDay(d, by, withDayOff)));
    }
}
