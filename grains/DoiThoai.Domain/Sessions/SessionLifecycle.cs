namespace DoiThoai.Domain.Sessions;

/// <summary>The states a session moves through: scheduled → held → concluded; a scheduled session may be cancelled.</summary>
public static class SessionLifecycle
{
    public static bool CanMove(SessionStatus from, SessionStatus to) => (from, to) switch
    {
        (SessionStatus.Scheduled, SessionStatus.Held) => true,
        (SessionStatus.Scheduled, SessionStatus.Cancelled) => true,
        (SessionStatus.Held, SessionStatus.Concluded) => true,
        _ => false,
    };

    public static bool CanReschedule(SessionStatus status) => status == SessionStatus.Scheduled;

    /// <summary>A session occupies its venue unless it was cancelled.</summary>
    public static bool OccupiesVenue(SessionStatus status) => status != SessionStatus.Cancelled;

    /// <summary>Why a move is refused, in words an officer reads.</summary>
    public static string Refusal(SessionStatus from, string action) =>
        $"Không thể {action} phiên đối thoại {from.Vietnamese()}.";
}
