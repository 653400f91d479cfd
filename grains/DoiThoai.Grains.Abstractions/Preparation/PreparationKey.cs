using System.Globalization;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Abstractions.Preparation;

/// <summary>
/// The outbox key of a session's preparation messages (<see cref="SessionJobKey"/>, "{commune}/{session}/preparation"):
/// apart from the session's notices, so a reschedule (which cancels what the notices still had waiting) leaves the
/// milestones' reminders alone; and the names of its reminders.
/// </summary>
public static class PreparationKey
{
    private const string ReminderPrefix = "milestone-remind-";
    private const string OverduePrefix = "milestone-overdue-";

    public static string Of(string sessionKey) => SessionJobKey.Of(sessionKey, SessionJobOwner.Preparation);

    /// <summary>The reminder of a milestone, named by the day it is due: a milestone moved gets reminders of its own.</summary>
    public static string Reminder(string milestone, DateOnly due) => $"{ReminderPrefix}{due:yyyyMMdd}-{milestone}";

    /// <summary>The alert that a milestone is overdue, named by the day it was due.</summary>
    public static string Overdue(string milestone, DateOnly due) => $"{OverduePrefix}{due:yyyyMMdd}-{milestone}";

    /// <summary>Which milestone and due day a reminder or an overdue alert is about.</summary>
    public static (bool Overdue, string Milestone, DateOnly Due)? Parse(string notice)
    {
        foreach (var (prefix, overdue) in new[] { (ReminderPrefix, false), (OverduePrefix, true) })
        {
            if (notice.StartsWith(prefix, StringComparison.Ordinal) && notice.Length > prefix.Length + 9 && notice[prefix.Length + 8] == '-'
                && DateOnly.TryParseExact(notice.AsSpan(prefix.Length, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                return (overdue, notice[(prefix.Length + 9)..], due);
            }
        }

        return null;
    }
}
