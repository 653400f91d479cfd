namespace DoiThoai.Domain.Calendar;

/// <summary>Working days of public offices: Monday to Friday, minus the days off of the holiday lists given.</summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _daysOff;

    public WorkingDayCalendar(IEnumerable<PublicHoliday> daysOff) => _daysOff = daysOff.Select(h => h.Date).ToHashSet();

    public static WorkingDayCalendar WithoutHolidays { get; } = new([]);

    public bool IsWorkingDay(DateOnly day) => !VietnamPublicHolidays.IsWeekend(day) && !_daysOff.Contains(day);

    /// <summary>The n-th working day strictly after the given day.</summary>
    public DateOnly WorkingDaysAfter(DateOnly day, int n)
    {
        var current = day;
        for (var found = 0; found < n;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
            {
                found++;
            }
        }

        return current;
    }

    /// <summary>The n-th working day strictly before the given day.</summary>
    public DateOnly WorkingDaysBefore(DateOnly day, int n)
    {
        var current = day;
        for (var found = 0; found < n;)
        {
            current = current.AddDays(-1);
            if (IsWorkingDay(current))
            {
                found++;
            }
        }

        return current;
    }
}
