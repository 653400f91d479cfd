namespace DoiThoai.Domain.Calendar;

/// <summary>What an officially announced holiday list must satisfy before it replaces a year's days off.</summary>
public static class HolidayListRules
{
    public const int MaxDaysPerYear = 60;
    public const int MaxNameLength = 200;

    public static Dictionary<string, string[]> Validate(int year, IReadOnlyList<PublicHoliday> days)
    {
        var errors = new List<string>();
        if (days.Count > MaxDaysPerYear)
        {
            errors.Add($"Danh sách có {days.Count} ngày, tối đa {MaxDaysPerYear} ngày nghỉ một năm.");
        }

        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            if (day.Date.Year != year)
            {
                errors.Add($"Ngày {day.Date:dd/MM/yyyy} (mục {i + 1}) không thuộc năm {year}.");
            }

            if (string.IsNullOrWhiteSpace(day.Name) || day.Name.Length > MaxNameLength || day.Name.Any(char.IsControl) || Text.VietnameseText.HasControlCharacters(day.Name))
            {
                errors.Add($"Tên ngày nghỉ ở mục {i + 1} phải có từ 1 đến {MaxNameLength} ký tự, không chứa ký tự điều khiển.");
            }
        }

        foreach (var duplicate in days.GroupBy(d => d.Date).Where(g => g.Count() > 1))
        {
            errors.Add($"Ngày {duplicate.Key:dd/MM/yyyy} xuất hiện nhiều lần.");
        }

        return errors.Count == 0 ? [] : new Dictionary<string, string[]> { ["days"] = [.. errors] };
    }
}
