using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Holidays;

/// <summary>
/// The days off of one year: the default from the Labour Code, or the official list that replaced it, with the
/// weekend days that list makes working days (ngày làm bù).
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.HolidayYear")]
public sealed record HolidayYear(
    [property: Id(0)] int Year,
    [property: Id(1)] bool IsOfficialList,
    [property: Id(2)] IReadOnlyList<PublicHoliday> Days,
    [property: Id(3)] DateTimeOffset? ReplacedAt,
    [property: Id(4)] IReadOnlyList<PublicHoliday>? MakeUpWorkingDays = null)
{
    /// <summary>The working days of the given years together.</summary>
    public static WorkingDayCalendar Calendar(IEnumerable<HolidayYear> years)
    {
        var list = years as IReadOnlyCollection<HolidayYear> ?? [.. years];
        return new WorkingDayCalendar(list.SelectMany(y => y.Days), list.SelectMany(y => y.MakeUpWorkingDays ?? []));
    }
}

/// <summary>A replaced list, and how many deadlines counted in working days it moved.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.HolidayListChange")]
public sealed record HolidayListChange(
    [property: Id(0)] HolidayYear Holidays,
    [property: Id(1)] int NoticeDeadlinesMoved,
    [property: Id(2)] int PetitionDeadlinesMoved);

/// <summary>The holiday calendar of one year, keyed by the year.</summary>
[Alias("DoiThoai.IHolidayCalendarGrain")]
public interface IHolidayCalendarGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The list in force. Interleaves: it only reads what is already stored, and the communes ask for it while a
    /// replacement waits on them to count their deadlines again.
    /// </summary>
    [Alias("Get"), AlwaysInterleave]
    Task<HolidayYear> GetAsync();

    /// <summary>
    /// Replaces the year's list with the officially announced one, used as is (no compensation added), with the
    /// weekend days it makes working days; then the deadlines counted in working days that fall in the year (notices,
    /// petitions, names of invitees) are counted again across the country, and offices whose deadline moved are told.
    /// </summary>
    [Alias("Replace")]
    Task<CommandResult<HolidayListChange>> ReplaceAsync(IReadOnlyList<PublicHoliday> days, IReadOnlyList<PublicHoliday>? makeUpWorkingDays = null);
}
