using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Delivery;

/// <summary>
/// Runs the plan jobs of the outbox: the session's notice grain turns a change into its messages, outside the
/// commune calendar's turn. Enqueueing is idempotent, so a job run twice (after a crash) adds nothing.
/// </summary>
public sealed class PlanJobRunner(IGrainFactory grains) : IChannelSender
{
    public DeliveryChannel Channel => DeliveryChannel.Plan;

    public int MaxConcurrency => 8;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var added = await grains.GetGrain<ISessionNoticeGrain>(message.SessionKey).ExpandAsync(message.Notice);
        return SendOutcome.Ok($"{added} tin");
    }
}
