using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Delivery;

/// <summary>What became of one attempt: sent (with the provider's id), or failed for now or for good, with why.</summary>
public sealed record SendOutcome(bool Sent, string? ProviderId, string? Error, bool Permanent)
{
    public static SendOutcome Ok(string? providerId) => new(true, providerId, null, false);

    public static SendOutcome Retry(string error) => new(false, null, error, false);

    public static SendOutcome Fail(string error) => new(false, null, error, true);
}

/// <summary>
/// One delivery channel (SMTP, the SMS gateway, the loudspeaker head-end): it sends one message and says what
/// happened. Retries, idempotency and records are the dispatcher's, the same for every channel.
/// </summary>
public interface IChannelSender
{
    DeliveryChannel Channel { get; }

    /// <summary>How many messages of this channel may be in flight at once.</summary>
    int MaxConcurrency { get; }

    /// <summary>
    /// Why the channel cannot send anything (it is not configured), in Vietnamese for the deliveries view; null when
    /// it can. Its messages then wait, with this reason, and no attempt is counted against them: the dispatcher never
    /// calls <see cref="SendAsync"/> while this is set.
    /// </summary>
    string? NotConfigured { get; }

    Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A channel that hands one text to several recipients in one request (Kannel's sendsms takes several numbers in
/// <c>to</c>). The dispatcher gives it messages of one notice with the same text and no address twice, at most
/// <see cref="MaxRecipients"/>, and records their outcomes together; each message still has an outcome of its own.
/// </summary>
public interface IBatchChannelSender : IChannelSender
{
    int MaxRecipients { get; }

    /// <summary>The outcome of each message, in the order given.</summary>
    Task<IReadOnlyList<SendOutcome>> SendBatchAsync(IReadOnlyList<ClaimedMessage> messages, CancellationToken cancellationToken);
}
