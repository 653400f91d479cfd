namespace DoiThoai.Domain.Calendar;

/// <summary>What an officially announced holiday list must satisfy before it replaces a year's days off.</summary>
public static class HolidayListRules
{
    public const int MaxDaysPerYear = 60;
    public const int MaxNameLength = 200;

    /// <summary>Make-up working days a year may name (Saturdays worked to join a day off to a holiday).</summary>
    public const int MaxMakeUpDaysPerYear = 10;

    public static Dictionary<string, string[]> Validate(int year, IReadOnlyList<PublicHoliday> days, IReadOnlyList<PublicHoliday>? makeUpWorkingDays = null)
    {
        var result = new Dictionary<string, string[]>();
        if (days.Count == 0)
        {
            result["days"] = ["Danh sách ngày nghỉ trống; một năm luôn có Tết Dương lịch, Tết Nguyên đán và các ngày lễ."];
        }
        else if (DayErrors(year, days, MaxDaysPerYear, "ngày nghỉ") is { Count: > 0 } dayErrors)
        {
            result["days"] = [.. dayErrors];
        }

        var makeUp = makeUpWorkingDays ?? [];
        var makeUpErrors = DayErrors(year, makeUp, MaxMakeUpDaysPerYear, "ngày làm bù");
        foreach (var day in makeUp.Where(d => d is not null))
        {
            if (!VietnamPublicHolidays.IsWeekend(day.Date))
            {
                makeUpErrors.Add($"Ngày làm bù {day.Date:dd/MM/yyyy} không phải thứ Bảy hoặc Chủ nhật.");
            }

            if (days.Any(d => d?.Date == day.Date))
            {
                makeUpErrors.Add($"Ngày {day.Date:dd/MM/yyyy} vừa là ngày nghỉ vừa là ngày làm bù.");
            }
        }

        if (makeUpErrors.Count > 0)
        {
            result["makeUpWorkingDays"] = [.. makeUpErrors];
        }

        return result;
    }

    private static List<string> DayErrors(int year, IReadOnlyList<PublicHoliday> days, int maxDays, string what)
    {
        var errors = new List<string>();
        if (days.Count > maxDays)
        {
            errors.Add($"Danh sách có {days.Count} ngày, tối đa {maxDays} {what} một năm.");
        }

        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (day is null)
            {
                errors.Add($"Mục {i + 1} ({what}) trống.");
                continue;
            }

            if (day.Date.Year != year)
            {
                errors.Add($"Ngày {day.Date:dd/MM/yyyy} (mục {i + 1}) không thuộc năm {year}.");
            }

            if (string.IsNullOrWhiteSpace(day.Name) || day.Name.Length > MaxNameLength || day.Name.Any(char.IsControl) || Text.VietnameseText.HasControlCharacters(day.Name))
            {
                errors.Add($"Tên {what} ở mục {i + 1} phải có từ 1 đến {MaxNameLength} ký tự, không chứa ký tự điều khiển.");
            }
        }

        foreach (var duplicate in days.Where(d => d is not null).GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            errors.Add($"Ngày {duplicate.Key:dd/MM/yyyy} xuất hiện nhiều lần.");
        }

        return errors;
    }
}
