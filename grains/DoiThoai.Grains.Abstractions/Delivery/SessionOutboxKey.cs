namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>A part of a session whose messages are kept apart from the session's notices in the outbox.</summary>
public enum SessionPart
{
    /// <summary>The session's preparation: milestone reminders and overdue alerts.</summary>
    Preparation,

    /// <summary>The session's invitees by quota: the hamlet heads' links and reminders, the office's alert.</summary>
    Invitees,

    /// <summary>The session's results: the follow-up tasks' reminders and overdue alerts.</summary>
    Results,
}

/// <summary>
/// The outbox key of the messages of a part of a session, "{commune}/{session}/{part}": a reschedule (which cancels the
/// notices' waiting rows) leaves them alone. The key still starts with the commune, as every key of the outbox does.
/// </summary>
public static class SessionOutboxKey
{
    public static string Of(string sessionKey, SessionPart part) => $"{sessionKey}/{part switch
    {
        SessionPart.Preparation => "preparation",
        SessionPart.Invitees => "invitees",
        _ => "results",
    }}";
}
