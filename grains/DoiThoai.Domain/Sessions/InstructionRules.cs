using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>
/// A province's instructions to its communes: what makes one acceptable, what refuses an answer to it, and when the
/// communes still without a periodic dialogue are reminded of its date.
/// </summary>
public static class InstructionRules
{
    public const int MaxTextLength = 2000;

    public const string Refused = "Chỉ đạo chưa hợp lệ.";

    public const string DoneByTheDialogue =
        "Chỉ đạo này được tính là hoàn thành khi hội nghị đối thoại định kỳ được ghi nhận đã tổ chức trước hạn, không cần báo cáo riêng.";

    /// <summary>The working days before an instruction's date on which communes without a periodic dialogue are reminded.</summary>
    public static readonly IReadOnlyList<int> ReminderWorkingDaysBefore = [10, 5, 1];

    public static string NotFound(string id) => $"Không tìm thấy chỉ đạo {id}.";

    /// <summary>Why an instruction is refused, per field; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> Check(string? text, DateOnly? periodicBy, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (VietnameseText.TextProblem(text, MaxTextLength, required: true) is { } textProblem)
        {
            errors["text"] = [$"Nội dung chỉ đạo {textProblem}"];
        }

        if (periodicBy is { } by && (by < today || by.Year > today.Year + 1))
        {
            errors["periodicBy"] = [$"Hạn tổ chức đối thoại định kỳ phải từ hôm nay ({today:dd/MM/yyyy}) đến hết năm sau."];
        }

        return errors;
    }

    /// <summary>The working days after <paramref name="today"/> up to and including <paramref name="by"/>.</summary>
    public static int WorkingDaysLeft(DateOnly today, DateOnly by, WorkingDayCalendar calendar)
    {
        var left = 0;
        for (var day = today.AddDays(1); day <= by; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                left++;
            }
        }

        return left;
    }

    /// <summary>Whether today is one of the days communes without a periodic dialogue are reminded of <paramref name="by"/>.</summary>
    public static bool IsReminderDay(DateOnly today, DateOnly by, WorkingDayCalendar calendar) =>
        calendar.IsWorkingDay(today) && ReminderWorkingDaysBefore.Contains(WorkingDaysLeft(today, by, calendar));
}
