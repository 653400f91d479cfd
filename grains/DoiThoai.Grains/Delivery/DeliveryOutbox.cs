using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Delivery;

/// <summary>
/// One message to one recipient on one channel for one notice of a session. The key (session, notice, recipient,
/// channel) is unique: enqueueing the same message again changes nothing, so a fan-out can be re-run safely.
/// <see cref="Attachment"/> is an invitation's calendar (text); <see cref="Document"/> names a published document of
/// the session (<see cref="PublishedDocument"/>) attached as the e-mail goes out, stored once rather than per message.
/// </summary>
public sealed record OutboxMessage(
    string SessionKey,
    string Notice,
    string RecipientId,
    DeliveryChannel Channel,
    DateTimeOffset DueAt,
    string Address,
    string Body,
    string? Subject = null,
    string? Attachment = null,
    string? Document = null)
{
    /// <summary>
    /// One notice to people on the channels they consented to: an e-mail to each who takes e-mail, the SMS to each
    /// who takes SMS, all due at <paramref name="at"/>.
    /// </summary>
    public static List<OutboxMessage> ToContacts(string key, string notice, IEnumerable<Contact> contacts, DateTimeOffset at,
        Func<Contact, EmailText> email, string sms, string? attachment = null)
    {
        var people = contacts as IReadOnlyCollection<Contact> ?? [.. contacts];
        return
        [
            .. people.Where(c => c.CanReceiveEmail).Select(c =>
            {
                var text = email(c);
                return new OutboxMessage(key, notice, c.Id, DeliveryChannel.Email, at, c.Email!, text.Body, text.Subject, attachment);
            }),
            .. people.Where(c => c.CanReceiveSms).Select(c => new OutboxMessage(key, notice, c.Id, DeliveryChannel.Sms, at, c.Phone!, sms)),
        ];
    }
}

/// <summary>The documents a session publishes and its messages attach, by the name an outbox row gives them.</summary>
public static class PublishedDocument
{
    /// <summary>The conclusion notice (thông báo kết luận) as published: the results grain of the message's session holds it.</summary>
    public const string ConclusionNotice = "conclusion-notice";
}

/// <summary>A timed job as an earlier version kept it: a row of the outbox, told apart by its key and name.</summary>
public sealed record LegacyPlanRow(long Id, string Key, string Name, DeliveryStatus Status, DateTimeOffset DueAt);

/// <summary>A message taken by one dispatcher for a while (its lease); another takes it again if the lease runs out.</summary>
public sealed record ClaimedMessage(long Id, OutboxMessage Message, int Attempts);

public sealed record DeliveryRow(
    string Notice,
    string RecipientId,
    DeliveryChannel Channel,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset DueAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string? ProviderId,
    string Address,
    DateTimeOffset UpdatedAt);

public sealed record DeliveryCount(DeliveryChannel Channel, DeliveryStatus Status, int Count);

public sealed record CommuneDeliveryCount(string CommuneCode, DeliveryChannel Channel, DeliveryStatus Status, int Count);

/// <summary>A channel's backlog: messages (or timed jobs) due and not yet out, and when the oldest of them fell due.</summary>
public sealed record DeliveryBacklog(DeliveryChannel Channel, int Waiting, DateTimeOffset OldestDue);

/// <summary>
/// The durable queue of every message the platform sends and the record of what became of it. Whatever is enqueued
/// survives a crash; a message is sent again only if a sender took it and died before recording the outcome.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>Adds the messages whose key is new; returns how many were new.</summary>
    Task<int> EnqueueAsync(IReadOnlyList<OutboxMessage> messages);

    Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(DeliveryChannel channel, DateTimeOffset now, int max, TimeSpan lease, string owner);

    Task MarkSentAsync(long id, string? providerId, DateTimeOffset at);

    /// <summary>Records several messages sent by one request to the provider (one SMS to many phones), in one write.</summary>
    Task MarkSentAsync(IReadOnlyCollection<long> ids, string? providerId, DateTimeOffset at);

    /// <summary>
    /// When the channel's next pending message falls due, if after <paramref name="after"/> and by
    /// <paramref name="by"/>: an idle dispatcher wakes then rather than at its next poll.
    /// </summary>
    Task<DateTimeOffset?> NextDueAsync(DeliveryChannel channel, DateTimeOffset after, DateTimeOffset by);

    Task MarkRetryAsync(long id, string error, DateTimeOffset nextAttempt, DateTimeOffset at);

    Task MarkFailedAsync(long id, string error, DateTimeOffset at);

    /// <summary>
    /// Writes why the channel's due messages still wait (the channel is not configured) on those that do not say so
    /// yet, without claiming them or counting an attempt; returns how many were noted.
    /// </summary>
    Task<int> NoteWaitingAsync(DeliveryChannel channel, string reason, DateTimeOffset now);

    /// <summary>
    /// Records what the provider reported later (an SMS delivery report): delivered or failed, for a message handed to the
    /// provider (sent, or being sent) that has no report yet. Returns false, changing nothing, when there is no such
    /// message: never handed over, cancelled, or already reported (a replay, or a late contradiction: the first stands).
    /// </summary>
    Task<bool> RecordReceiptAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail, DateTimeOffset at);

    /// <summary>
    /// The same for a report that names the phone rather than the recipient (one request carried several phones): the
    /// first message of the notice to <paramref name="address"/> among rows <paramref name="firstId"/>..<paramref name="lastId"/>
    /// still waiting for its report.
    /// </summary>
    Task<bool> RecordReceiptForAddressAsync(string sessionKey, string notice, long firstId, long lastId, string address, DeliveryChannel channel,
        DeliveryStatus status, string? detail, DateTimeOffset at);

    /// <summary>
    /// Marks every message of the session still pending, but those of <paramref name="exceptNotices"/> (what the change
    /// itself plans, so running it again cancels none of it), as cancelled; with <paramref name="dueBefore"/>, only those
    /// meant to go out before that moment (what announced a session now held).
    /// </summary>
    Task<int> CancelPendingAsync(string sessionKey, IReadOnlyCollection<string> exceptNotices, string reason, DateTimeOffset at, DateTimeOffset? dueBefore = null);

    /// <summary>
    /// Cancels what is still waiting to go to one person of a commune (withdrawn consent, a deleted contact), on one
    /// channel or on all; returns how many messages will not go out.
    /// </summary>
    Task<int> CancelForRecipientAsync(string communeCode, string recipientId, DeliveryChannel? channel, string reason, DateTimeOffset at);

    /// <summary>
    /// Removes a deleted person's address and the texts addressed to them from the record of their messages; that a
    /// message went out, and what became of it, stays.
    /// </summary>
    Task<int> EraseRecipientAsync(string communeCode, string recipientId, DateTimeOffset at);

    /// <summary>Every message of a commune's sessions addressed to one person, oldest first (for the person's own copy of their data).</summary>
    Task<IReadOnlyList<DeliveryRow>> ListForRecipientAsync(string communeCode, string recipientId);

    /// <summary>The recipients a message of the session reached (sent or delivered), by channel.</summary>
    Task<IReadOnlyList<(string RecipientId, DeliveryChannel Channel)>> ToldAsync(string sessionKey);

    /// <summary>The session's messages by channel and status; only those of the given notices when some are given.</summary>
    Task<IReadOnlyList<DeliveryCount>> CountAsync(string sessionKey, IReadOnlyCollection<string>? notices = null);

    /// <summary>Messages of the given communes' sessions touched since a moment, counted by commune, channel and status.</summary>
    Task<IReadOnlyList<CommuneDeliveryCount>> CountByCommuneAsync(IReadOnlyCollection<string> communeCodes, DateTimeOffset since);

    /// <summary>A page of the session's messages, oldest first; of one channel or one status when given.</summary>
    Task<IReadOnlyList<DeliveryRow>> ListAsync(string sessionKey, DeliveryChannel? channel, int offset, int limit, DeliveryStatus? status = null);

    /// <summary>Per channel, what is due by <paramref name="now"/> and still pending; channels with none are left out.</summary>
    Task<IReadOnlyList<DeliveryBacklog>> BacklogAsync(DateTimeOffset now);

    /// <summary>Rows an earlier version kept for its timed jobs (channel "Plan"), at most <paramref name="max"/>, earliest due first.</summary>
    Task<IReadOnlyList<LegacyPlanRow>> LegacyPlanRowsAsync(int max);

    /// <summary>Removes such rows, once what they stood for is in the job scheduler.</summary>
    Task DeleteLegacyPlanRowsAsync(IReadOnlyCollection<long> ids);
}
