namespace DoiThoai.Domain.Calendar;

/// <summary>A date of the Vietnamese lunisolar calendar (âm lịch).</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    public override string ToString() =>
        $"{Day:00}/{Month:00}{(IsLeapMonth ? " (nhuận)" : "")}/{Year}";
}
