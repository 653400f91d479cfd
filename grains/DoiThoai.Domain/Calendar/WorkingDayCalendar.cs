namespace DoiThoai.Domain.Calendar;

/// <summary>
/// Working days of public offices: Monday to Friday, minus the days off of the holiday lists given, plus the Saturdays
/// an official list names as make-up working days (ngày làm bù, when a day off was moved to join a holiday).
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _daysOff;
    private readonly HashSet<DateOnly> _workingWeekendDays;

    public WorkingDayCalendar(IEnumerable<PublicHoliday> daysOff, IEnumerable<PublicHoliday>? makeUpWorkingDays = null)
    {
        _daysOff = daysOff.Select(h => h.Date).ToHashSet();
        _workingWeekendDays = (makeUpWorkingDays ?? []).Select(h => h.Date).ToHashSet();
    }

    public static WorkingDayCalendar WithoutHolidays { get; } = new([]);

    public bool IsWorkingDay(DateOnly day) =>
        !_daysOff.Contains(day) && (!VietnamPublicHolidays.IsWeekend(day) || _workingWeekendDays.Contains(day));
}
