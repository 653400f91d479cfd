namespace DoiThoai.Domain.Calendar;

/// <summary>
/// The default list of days off for a year, from Bộ luật Lao động 2019 Điều 112 (and Nghị quyết on 24/11 from 2026).
/// The Prime Minister fixes the official days each year (Tết in particular); officials replace the default with
/// the announced list, which is then used as is.
/// </summary>
public static class VietnamPublicHolidays
{
    /// <summary>The first year of Vietnamese Culture Day (24/11) as a public holiday.</summary>
    public const int CultureDayFirstYear = 2026;

    public static IReadOnlyList<PublicHoliday> Default(int year)
    {
        var holidays = new List<PublicHoliday> { new(new DateOnly(year, 1, 1), "Tết Dương lịch") };

        // Tết Nguyên đán: by default the last day of the old lunar year and the first four of the new one.
        var newYear = VietnameseLunarCalendar.NewYear(year);
        holidays.Add(new(newYear.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)"));
        for (var day = 1; day <= 4; day++)
        {
            holidays.Add(new(newYear.AddDays(day - 1), $"Tết Nguyên đán (mùng {day})"));
        }

        holidays.Add(new(VietnameseLunarCalendar.ToSolar(new LunarDate(year, 3, 10, false)), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
        holidays.Add(new(new DateOnly(year, 4, 30), "Ngày Chiến thắng (30/4)"));
        holidays.Add(new(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"));

        // Quốc khánh: 2/9 plus one adjacent day, chosen as the government does to join the weekend: the day after when
        // that makes a long weekend (Monday → Tuesday 3/9, 2024; Thursday → Friday 3/9, 2021; Sunday → Monday 3/9),
        // otherwise the day before (Tuesday → Monday 1/9, 2025; Friday → Thursday 1/9, 2022; Saturday → Friday 1/9, 2023).
        var nationalDay = new DateOnly(year, 9, 2);
        holidays.Add(new(nationalDay, "Quốc khánh (2/9)"));
        var adjacent = nationalDay.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday or DayOfWeek.Sunday
            ? nationalDay.AddDays(1)
            : nationalDay.AddDays(-1);
        holidays.Add(new(adjacent, $"Quốc khánh (ngày liền kề {adjacent:dd/MM})"));

        if (year >= CultureDayFirstYear)
        {
            holidays.Add(new(new DateOnly(year, 11, 24), "Ngày Văn hóa Việt Nam (24/11)"));
        }

        // Tết of the next lunar year may begin its holiday on 31/12 of this one only in theory; keep days in this year.
        holidays.RemoveAll(h => h.Date.Year != year);
        holidays.AddRange(CompensatoryDays(holidays));
        return holidays.OrderBy(h => h.Date).ToList();
    }

    /// <summary>
    /// Điều 112 khoản 3: a holiday falling on the weekly rest day (Saturday or Sunday for public servants) is
    /// compensated by the next working day that is neither a holiday nor already a compensatory day.
    /// </summary>
    public static IEnumerable<PublicHoliday> CompensatoryDays(IReadOnlyCollection<PublicHoliday> holidays)
    {
        var taken = holidays.Select(h => h.Date).ToHashSet();
        var result = new List<PublicHoliday>();
        foreach (var holiday in holidays.OrderBy(h => h.Date).Where(h => IsWeekend(h.Date)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            result.Add(new(day, $"Nghỉ bù {holiday.Name}"));
        }

        return result;
    }

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
