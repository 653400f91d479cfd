namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>Who runs a session's timed job (a plan row of the outbox) besides its notices.</summary>
public enum SessionJobOwner
{
    /// <summary>The session's preparation: milestone reminders and overdue alerts.</summary>
    Preparation,

    /// <summary>The session's speakers: their phone numbers erased once their purpose is served.</summary>
    Speakers,

    /// <summary>The session's invitees by quota: the hamlet heads' links and reminders, the office's alert, the invitations.</summary>
    Invitees,

    /// <summary>The session's results: the follow-up tasks' reminders and overdue alerts.</summary>
    Results,
}

/// <summary>
/// The outbox key of a session's timed jobs and messages that are not its notices, "{commune}/{session}/{owner}": the
/// delivery dispatcher hands the job to its owner, and a reschedule (which cancels the notices' waiting rows) leaves
/// them alone. The key still starts with the commune, as every key of the outbox does.
/// </summary>
public static class SessionJobKey
{
    public static string Of(string sessionKey, SessionJobOwner owner) => $"{sessionKey}/{Name(owner)}";

    /// <summary>The session's key ("{commune}/{session}") and the owner, when the outbox key is a session job's.</summary>
    public static (string SessionKey, SessionJobOwner Owner)? Parse(string outboxKey)
    {
        foreach (var owner in Enum.GetValues<SessionJobOwner>())
        {
            var suffix = "/" + Name(owner);
            if (outboxKey.EndsWith(suffix, StringComparison.Ordinal) && outboxKey.Count(c => c == '/') == 2)
            {
                return (outboxKey[..^suffix.Length], owner);
            }
        }

        return null;
    }

    private static string Name(SessionJobOwner owner) => owner switch
    {
        SessionJobOwner.Preparation => "preparation",
        SessionJobOwner.Invitees => "invitees",
        SessionJobOwner.Results => "results",
        _ => "speakers",
    };
}
