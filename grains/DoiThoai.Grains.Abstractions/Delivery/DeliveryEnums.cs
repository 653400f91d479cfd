namespace DoiThoai.Grains.Abstractions.Delivery;

public enum DeliveryChannel
{
    /// <summary>Not a message: the job of turning a session's change into its messages, run outside the calendar's turn.</summary>
    Plan,
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
