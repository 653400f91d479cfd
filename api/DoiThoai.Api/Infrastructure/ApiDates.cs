using DoiThoai.Domain.Calendar;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// The dates the API accepts, whatever the field: from 1 January 2000 (older dialogues are not recorded here) to
/// 31 December 2099. Rules count days and working days from a date; far outside this range that arithmetic leaves
/// what .NET can represent (year 1 minus seven days), so a date outside it is refused as input, never reached.
/// </summary>
public static class ApiDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2099, 12, 31);

    public const string Range = "trong khoảng từ 01/01/2000 đến 31/12/2099";

    public static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>A moment is in range when its day in Vietnam is.</summary>
    public static bool InRange(DateTimeOffset moment) =>
        moment.UtcDateTime.Year is > 1 and < 9999 && InRange(VietnamTime.LocalDate(moment));
}
