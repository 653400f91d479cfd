using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Holidays;

namespace DoiThoai.Grains.Holidays;

[GenerateSerializer, Alias("DoiThoai.HolidayCalendarState")]
public sealed class HolidayCalendarState
{
    /// <summary>The official list that replaced the default; null while the default applies.</summary>
    [Id(0)] public List<PublicHoliday>? OfficialDays { get; set; }

    [Id(1)] public DateTimeOffset? ReplacedAt { get; set; }
}

public sealed class HolidayCalendarGrain(
    [PersistentState(HolidayCalendarGrain.StateName, GrainStorage.Name)] IPersistentState<HolidayCalendarState> state,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IHolidayCalendarGrain
{
    public const string StateName = "holidays";

    private int Year => checked((int)this.GetPrimaryKeyLong());

    public Task<HolidayYear> GetAsync() => Task.FromResult(Current());

    public async Task<CalendarResult<HolidayYear>> ReplaceAsync(IReadOnlyList<PublicHoliday> days)
    {
        var errors = HolidayListRules.Validate(Year, days);
        if (errors.Count > 0)
        {
            return CalendarResult<HolidayYear>.Fail(new CalendarProblem(
                CalendarProblemKind.Invalid, $"Danh sách ngày nghỉ năm {Year} chưa hợp lệ.", errors));
        }

        state.State.OfficialDays = [.. days.OrderBy(d => d.Date)];
        state.State.ReplacedAt = time.GetUtcNow();
        await state.WriteOrReloadAsync(this);

        return CalendarResult<HolidayYear>.Ok(Current());
    }

    private HolidayYear Current() => state.State.OfficialDays is { } official
        ? new HolidayYear(Year, true, official, state.State.ReplacedAt)
        : new HolidayYear(Year, false, VietnamPublicHolidays.Default(Year), null);
}
