using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Holidays;

/// <summary>The days off of one year: the default from the Labour Code, or the official list that replaced it.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.HolidayYear")]
public sealed record HolidayYear(
    [property: Id(0)] int Year,
    [property: Id(1)] bool IsOfficialList,
    [property: Id(2)] IReadOnlyList<PublicHoliday> Days,
    [property: Id(3)] DateTimeOffset? ReplacedAt);

/// <summary>The holiday calendar of one year, keyed by the year.</summary>
[Alias("DoiThoai.IHolidayCalendarGrain")]
public interface IHolidayCalendarGrain : IGrainWithIntegerKey
{
    [Alias("Get"), ReadOnly]
    Task<HolidayYear> GetAsync();

    /// <summary>Replaces the year's list with the officially announced one, used as is (no compensation added).</summary>
    [Alias("Replace")]
    Task<CalendarResult<HolidayYear>> ReplaceAsync(IReadOnlyList<PublicHoliday> days);
}
