using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Delivery;

/// <summary>
/// Runs the plan jobs of the outbox: the session's notice grain turns a change into its messages, outside the
/// commune calendar's turn; the session's preparation checks a milestone come due; its speaker list erases the
/// phone numbers it no longer needs; its invitees remind the hamlet heads still short of names; a commune's petitions erase
/// the contact details of petitioners told their answer long enough ago. Enqueueing is idempotent, so a job run twice (after a crash) adds nothing.
/// </summary>
public sealed class PlanJobRunner(IGrainFactory grains) : IChannelSender
{
    public DeliveryChannel Channel => DeliveryChannel.Plan;

    public int MaxConcurrency => 8;

    public string? NotConfigured => null;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (PetitionJobKey.Parse(message.SessionKey) is { } commune)
        {
            return SendOutcome.Ok($"{await grains.GetGrain<IPetitionRegistryGrain>(commune).EraseContactsAsync()} kiến nghị");
        }

        var added = SessionJobKey.Parse(message.SessionKey) switch
        {
            ({ } session, SessionJobOwner.Preparation) => await grains.GetGrain<ISessionPreparationGrain>(session).RunCheckAsync(message.Notice),
            ({ } session, SessionJobOwner.Invitees) => await grains.GetGrain<ISessionInviteesGrain>(session).RunCheckAsync(message.Notice),
            ({ } session, SessionJobOwner.Speakers) => await grains.GetGrain<ISpeakerListGrain>(session).ErasePhonesAsync(),
            ({ } session, SessionJobOwner.Results) => await grains.GetGrain<ISessionResultsGrain>(session).RunCheckAsync(message.Notice),
            _ => await grains.GetGrain<ISessionNoticeGrain>(message.SessionKey).ExpandAsync(message.Notice),
        };
        return SendOutcome.Ok($"{added} tin");
    }
}
