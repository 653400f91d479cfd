using DoiThoai.Domain.Calendar;

namespace DoiThoai.Domain.Tests;

public sealed class HolidayTests
{
    private static HashSet<DateOnly> Days(int year) => VietnamPublicHolidays.Default(year).Select(h => h.Date).ToHashSet();

    [Fact]
    public void The_2026_default_list_has_Tet_Hung_Kings_day_with_its_compensatory_Monday_and_Culture_Day()
    {
        var days = Days(2026);
        DateOnly[] expected =
        [
            new(2026, 1, 1),
            new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 2, 19), new(2026, 2, 20),
            new(2026, 4, 26), new(2026, 4, 27), // Hùng Kings' day is a Sunday: Monday off
            new(2026, 4, 30), new(2026, 5, 1),
            new(2026, 9, 1), new(2026, 9, 2),
            new(2026, 11, 24),
        ];
        Assert.Equal(expected.Order(), days.Order());
        Assert.Contains(VietnamPublicHolidays.Default(2026), h => h.Date == new DateOnly(2026, 4, 27) && h.Name.StartsWith("Nghỉ bù Giỗ Tổ", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_holidays_on_one_weekend_give_two_compensatory_days()
    {
        // 30/4/2022 was a Saturday and 1/5/2022 a Sunday: Monday 2/5 and Tuesday 3/5 were off.
        var days = Days(2022);
        Assert.Contains(new DateOnly(2022, 5, 2), days);
        Assert.Contains(new DateOnly(2022, 5, 3), days);
        Assert.DoesNotContain(new DateOnly(2022, 5, 4), days);
    }

    [Fact]
    public void New_Year_on_a_Saturday_is_compensated_on_Monday()
    {
        Assert.Contains(new DateOnly(2028, 1, 3), Days(2028));
    }

    [Fact]
    public void Culture_Day_is_a_holiday_only_from_2026()
    {
        Assert.DoesNotContain(new DateOnly(2025, 11, 24), Days(2025));
        Assert.Contains(new DateOnly(2027, 11, 24), Days(2027));
    }

    [Theory]
    [InlineData(2021, 3)] // a Thursday: Friday 3/9 off, as the government decided (issue 25)
    [InlineData(2022, 1)] // a Friday: Thursday 1/9 off
    [InlineData(2023, 1)] // a Saturday: Friday 1/9 off (and Monday 4/9 in compensation)
    [InlineData(2024, 3)] // 2/9/2024 was a Monday: 3/9 off
    [InlineData(2025, 1)] // a Tuesday: 1/9 off
    [InlineData(2027, 3)] // a Thursday again: Friday 3/9
    public void Bo_luat_Lao_dong_Dieu_112_national_day_takes_the_adjacent_day_that_joins_the_weekend(int year, int adjacentDay)
    {
        Assert.Contains(new DateOnly(year, 9, adjacentDay), Days(year));
    }

    [Fact]
    public void Every_default_year_from_2000_to_2100_has_eleven_holidays_plus_compensation_and_Tet_on_the_lunar_new_year()
    {
        for (var year = 2000; year <= 2100; year++)
        {
            var list = VietnamPublicHolidays.Default(year);
            var own = list.Count(h => !h.Name.StartsWith("Nghỉ bù", StringComparison.Ordinal));
            Assert.Equal(year >= 2026 ? 12 : 11, own);
            Assert.Contains(list, h => h.Date == VietnameseLunarCalendar.NewYear(year));
            Assert.Equal(list.Count, list.Select(h => h.Date).Distinct().Count());
            Assert.All(list, h => Assert.Equal(year, h.Date.Year));
        }
    }

    [Fact]
    public void Bo_luat_Lao_dong_Dieu_112_a_make_up_working_Saturday_of_an_official_list_counts_as_a_working_day()
    {
        // 2/1/2027 is a Saturday; an official list that moves the working day after New Year names it "làm bù".
        var saturday = new DateOnly(2027, 1, 2);
        var plain = new WorkingDayCalendar([]);
        var official = new WorkingDayCalendar([], [new PublicHoliday(saturday, "Làm bù cho ngày 4/1")]);
        Assert.False(plain.IsWorkingDay(saturday));
        Assert.True(official.IsWorkingDay(saturday));
        // The working day before Monday 4/1/2027: Saturday 2/1 with the make-up day, Friday 1/1 in a calendar without it.
        Assert.Equal(new DateOnly(2027, 1, 2), LegalPeriod.WorkingDaysBefore(new DateOnly(2027, 1, 4), 1, official));
        Assert.Equal(new DateOnly(2027, 1, 1), LegalPeriod.WorkingDaysBefore(new DateOnly(2027, 1, 4), 1, plain));
    }
}
