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
}
