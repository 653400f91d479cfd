namespace DoiThoai.Domain.Calendar;

/// <summary>
/// The Vietnamese lunisolar calendar, computed astronomically at UTC+7.
/// </summary>
/// <remarks>
/// A lunar month starts on the local day of the new moon; month 11 is the month containing the winter
/// solstice; in a year with 13 months the leap month is the first one that contains no major solar term.
/// The new moon and solar longitude come from the truncated series in Jean Meeus, "Astronomical Algorithms"
/// (the method published by Hồ Ngọc Đức for the Vietnamese calendar). The same rules evaluated at UTC+8 give
/// the Chinese calendar, which is why Vietnam and China disagree in some years (Tết 1985, 2007, 2030…).
/// .NET's <see cref="System.Globalization.ChineseLunisolarCalendar"/> is the Chinese one and must not be used here.
/// Valid for the Gregorian years 1900–2199.
/// </remarks>
public static class VietnameseLunarCalendar
{
    public const double VietnamTimeZoneHours = 7.0;
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695; // the new moon of 1 January 1900, as a Julian day

    /// <summary>Converts a Gregorian date to the lunar date in Vietnam (UTC+7).</summary>
    public static LunarDate FromSolar(DateOnly date) => FromSolar(date, VietnamTimeZoneHours);

    /// <summary>Converts a lunar date in Vietnam (UTC+7) to its Gregorian date.</summary>
    /// <exception cref="ArgumentException">The lunar month given as leap is not the leap month of that year.</exception>
    public static DateOnly ToSolar(LunarDate lunar) => ToSolar(lunar, VietnamTimeZoneHours);

    /// <summary>Lunar New Year's day (mùng 1 Tết) of the lunar year that starts in the given Gregorian year.</summary>
    public static DateOnly NewYear(int gregorianYear) => ToSolar(new LunarDate(gregorianYear, 1, 1, false));

    /// <summary>Conversion at any time zone: UTC+8 gives the Chinese calendar (used in tests to cross-check).</summary>
    public static LunarDate FromSolar(DateOnly date, double timeZoneHours)
    {
        CheckRange(date.Year);
        var dayNumber = JulianDayNumber(date);
        // The mean lunation gives the month's index to within one; the true new moon settles it.
        var k = (int)Math.Floor((dayNumber - NewMoonEpoch) / SynodicMonth) + 1;
        while (NewMoonDay(k, timeZoneHours) > dayNumber)
        {
            k--;
        }

        while (NewMoonDay(k + 1, timeZoneHours) <= dayNumber)
        {
            k++;
        }

        var monthStart = NewMoonDay(k, timeZoneHours);

        var a11 = LunarMonth11(date.Year, timeZoneHours);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = date.Year;
            a11 = LunarMonth11(date.Year - 1, timeZoneHours);
        }
        else
        {
            lunarYear = date.Year + 1;
            b11 = LunarMonth11(date.Year + 1, timeZoneHours);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = (int)Math.Floor((monthStart - a11) / 29.0);
        var isLeap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapMonthDiff = LeapMonthOffset(a11, timeZoneHours);
            if (diff >= leapMonthDiff)
            {
                lunarMonth = diff + 10;
                isLeap = diff == leapMonthDiff;
            }
        }

        if (lunarMonth > 12)
        {
            lunarMonth -= 12;
        }

        if (lunarMonth >= 11 && diff < 4)
        {
            lunarYear -= 1;
        }

        return new LunarDate(lunarYear, lunarMonth, lunarDay, isLeap);
    }

    public static DateOnly ToSolar(LunarDate lunar, double timeZoneHours)
    {
        if (lunar.Month is < 1 or > 12 || lunar.Day is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lunar), lunar, "Tháng âm lịch 1–12, ngày 1–30.");
        }

        CheckRange(lunar.Year);
        int a11, b11;
        if (lunar.Month < 11)
        {
            a11 = LunarMonth11(lunar.Year - 1, timeZoneHours);
            b11 = LunarMonth11(lunar.Year, timeZoneHours);
        }
        else
        {
            a11 = LunarMonth11(lunar.Year, timeZoneHours);
            b11 = LunarMonth11(lunar.Year + 1, timeZoneHours);
        }

        var k = (int)Math.Floor(0.5 + (a11 - NewMoonEpoch) / SynodicMonth);
        var offset = lunar.Month - 11;
        if (offset < 0)
        {
            offset += 12;
        }

        if (b11 - a11 > 365)
        {
            var leapOffset = LeapMonthOffset(a11, timeZoneHours);
            var leapMonth = leapOffset - 2;
            if (leapMonth < 0)
            {
                leapMonth += 12;
            }

            if (lunar.IsLeapMonth && lunar.Month != leapMonth)
            {
                throw new ArgumentException($"Năm âm lịch {lunar.Year} không có tháng {lunar.Month} nhuận.", nameof(lunar));
            }

            if (lunar.IsLeapMonth || offset >= leapOffset)
            {
                offset += 1;
            }
        }
        else if (lunar.IsLeapMonth)
        {
            throw new ArgumentException($"Năm âm lịch {lunar.Year} không có tháng nhuận.", nameof(lunar));
        }

        var monthStart = NewMoonDay(k + offset, timeZoneHours);
        return FromJulianDayNumber(monthStart + lunar.Day - 1);
    }

    private static void CheckRange(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Lịch âm chỉ tính cho các năm {MinYear}–{MaxYear}.");
        }
    }

    internal static int JulianDayNumber(DateOnly date) => date.DayNumber + 1721426;

    internal static DateOnly FromJulianDayNumber(int jdn) => DateOnly.FromDayNumber(jdn - 1721426);

    /// <summary>The local day (as a Julian day number) of the k-th new moon after 1 January 1900.</summary>
    private static int NewMoonDay(int k, double timeZoneHours) =>
        (int)Math.Floor(NewMoon(k) + 0.5 + timeZoneHours / 24);

    /// <summary>Which of the 12 major solar terms (30° sectors of the sun's longitude) the local day falls in.</summary>
    private static int SunLongitudeSector(int dayNumber, double timeZoneHours) =>
        (int)Math.Floor(SunLongitude(dayNumber - 0.5 - timeZoneHours / 24) / Math.PI * 6);

    /// <summary>The first day of lunar month 11 (the month containing the winter solstice) around the end of a year.</summary>
    private static int LunarMonth11(int year, double timeZoneHours)
    {
        var offset = JulianDayNumber(new DateOnly(year, 12, 31)) - 2415021;
        var k = (int)Math.Floor(offset / SynodicMonth);
        var newMoon = NewMoonDay(k, timeZoneHours);
        if (SunLongitudeSector(newMoon, timeZoneHours) >= 9)
        {
            newMoon = NewMoonDay(k - 1, timeZoneHours);
        }

        return newMoon;
    }

    /// <summary>In a 13-month year starting at month 11 (a11), the index of the first month without a major term.</summary>
    private static int LeapMonthOffset(int a11, double timeZoneHours)
    {
        var k = (int)Math.Floor((a11 - NewMoonEpoch) / SynodicMonth + 0.5);
        var i = 1;
        var arc = SunLongitudeSector(NewMoonDay(k + i, timeZoneHours), timeZoneHours);
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSector(NewMoonDay(k + i, timeZoneHours), timeZoneHours);
        }
        while (arc != last && i < 14);

        return i - 1;
    }

    /// <summary>The Julian day (dynamical time corrected to UT) of the k-th new moon after 1 January 1900.</summary>
    private static double NewMoon(int k)
    {
        const double dr = Math.PI / 180;
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    /// <summary>The sun's apparent longitude in radians [0, 2π) at the given Julian day.</summary>
    private static double SunLongitude(double julianDay)
    {
        const double dr = Math.PI / 180;
        var t = (julianDay - 2451545.0) / 36525;
        var t2 = t * t;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }
}
