using DoiThoai.Domain.Calendar;

namespace DoiThoai.Domain.Sessions;

/// <summary>Where a commune stands with this year's periodic dialogue, as of a date its province sets.</summary>
public enum PeriodicDialogueStatus
{
    /// <summary>held (or concluded) this year.</summary>
    Held,

    /// <summary>scheduled on or before the province's date.</summary>
    Scheduled,

    /// <summary>scheduled, but after the province's date.</summary>
    ScheduledLate,

    /// <summary>neither held nor scheduled this year.</summary>
    Missing,
}

/// <summary>What a province checks of its communes' sessions (Luật 72/2025/QH15, Điều 43).</summary>
public static class Oversight
{
    /// <summary>The results of a dialogue are published within this many days after it (Điều 43).</summary>
    public const int ResultsPublicationDays = 10;

    /// <summary>The last day on which the results of a session held on the day of <paramref name="startsAt"/> may be published.</summary>
    public static DateOnly ResultsDue(DateTimeOffset startsAt) => LegalPeriod.DaysAfter(VietnamTime.LocalDate(startsAt), ResultsPublicationDays);

    /// <summary>
    /// Late when the results were published after their last day, or are still unpublished after it. A cancelled or
    /// not yet held session owes no results.
    /// </summary>
    public static bool ResultsLate(SessionStatus status, DateTimeOffset startsAt, DateTimeOffset? publishedAt, DateTimeOffset now)
    {
        if (status is SessionStatus.Cancelled || (status is SessionStatus.Scheduled && publishedAt is null && now < startsAt))
        {
            return false;
        }

        var due = ResultsDue(startsAt);
        return publishedAt is { } published
            ? VietnamTime.LocalDate(published) > due
            : VietnamTime.LocalDate(now) > due;
    }

    /// <summary>The best of a commune's periodic sessions of the year, judged against the province's date.</summary>
    public static PeriodicDialogueStatus PeriodicStatus(IEnumerable<(SessionStatus Status, DateTimeOffset StartsAt)> periodicThisYear, DateOnly by)
    {
        var best = PeriodicDialogueStatus.Missing;
        foreach (var (status, startsAt) in periodicThisYear)
        {
            var judged = status switch
            {
                SessionStatus.Held or SessionStatus.Concluded => PeriodicDialogueStatus.Held,
                SessionStatus.Scheduled when VietnamTime.LocalDate(startsAt) <= by => PeriodicDialogueStatus.Scheduled,
                SessionStatus.Scheduled => PeriodicDialogueStatus.ScheduledLate,
                _ => PeriodicDialogueStatus.Missing,
            };
            best = judged < best ? judged : best;
        }

        return best;
    }

    public static string Vietnamese(this PeriodicDialogueStatus status) => status switch
    {
        PeriodicDialogueStatus.Held => "đã tổ chức",
        PeriodicDialogueStatus.Scheduled => "đã lên lịch",
        PeriodicDialogueStatus.ScheduledLate => "lên lịch sau hạn",
        PeriodicDialogueStatus.Missing => "chưa có",
        _ => status.ToString(),
    };
}
