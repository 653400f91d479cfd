using System.Text;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Grains.Abstractions.Calendar;

/// <summary>A session as an iCalendar event: the same in the commune's feed and in an invitation's attachment.</summary>
public static class SessionCalendarEntry
{
    /// <summary>The domain part of every UID: fixed, so a session keeps its UID wherever the event is read.</summary>
    public const string UidDomain = "doithoai-cluster";

    public static string Uid(string communeCode, string sessionId) => $"{communeCode}-{sessionId}@{UidDomain}";

    public static CalendarEntry From(Commune commune, SessionInfo session) => new(
        Uid(commune.Code, session.Id),
        $"Đối thoại {session.Kind.Vietnamese()}: {session.Title}",
        Describe(session),
        session.Venue ?? session.OnlineUrl,
        session.StartsAt,
        session.EndsAt,
        session.History.Count - 1,
        session.History.Count > 0 ? session.History[^1].At : session.CreatedAt,
        session.Status == SessionStatus.Cancelled,
        session.OnlineUrl);

    private static string Describe(SessionInfo session)
    {
        var text = new StringBuilder();
        text.Append("Hội nghị đối thoại ").Append(session.Kind.Vietnamese()).Append(" (").Append(session.Status.Vietnamese()).AppendLine(").");
        text.Append("Chủ trì: ").AppendLine(session.Chair);
        if (session.Topic is not null)
        {
            text.Append("Nội dung: ").AppendLine(session.Topic);
        }

        if (session.UrgentReason is not null)
        {
            text.Append("Lý do đột xuất: ").AppendLine(session.UrgentReason);
        }

        if (session.CancelReason is not null)
        {
            text.Append("Lý do hủy: ").AppendLine(session.CancelReason);
        }

        return text.ToString().TrimEnd();
    }
}
