namespace DoiThoai.Domain.Calendar;

/// <summary>Vietnam local time: Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving since 1975).</summary>
public static class VietnamTime
{
    public const string TimeZoneId = "Asia/Ho_Chi_Minh";
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>How a person in Vietnam reads a moment: "08:00 ngày 25/10/2025".</summary>
    public static string Format(DateTimeOffset instant) =>
        ToLocal(instant).ToString("HH:mm 'ngày' dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
