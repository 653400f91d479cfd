namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>
/// A channel a message goes out on, stored by name. An earlier version also kept its timed jobs as rows of channel
/// "Plan"; they are moved into the job scheduler at start (LegacyPlanRows) and are never read as messages.
/// </summary>
public enum DeliveryChannel
{
    Email,
    Sms,
    Loudspeaker,
}

public enum DeliveryStatus
{
    Pending,
    Sent,
    Delivered,
    Failed,

    /// <summary>Not sent because the session changed before it went out; the change notice replaces it.</summary>
    Cancelled,
}
