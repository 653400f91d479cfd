using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Tests.Delivery;

/// <summary>
/// What every delivery outbox must do, whatever database backs it: the embedded one (SQLite) and the production one
/// (PostgreSQL, shared by every silo) run the same cases. Each case uses session keys of its own.
/// </summary>
public abstract class DeliveryOutboxConformance
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected abstract IDeliveryOutbox Outbox { get; }

    private static int _communes;

    // Each session in a commune of its own: the tests of a class share one database, and counts by commune must see
    // only their own session (a random one of 900 met another test's about once in sixty runs). 48101 and 48201 are
    // other tests' fixed communes.
    private static string NewSession() => $"48{300 + Interlocked.Increment(ref _communes) % 600:D3}/2026-{Guid.NewGuid():N}";

    private static List<OutboxMessage> Messages(string session, int count, DateTimeOffset due, string notice = "invitation", DeliveryChannel channel = DeliveryChannel.Email) =>
        [.. Enumerable.Range(0, count).Select(i => new OutboxMessage(session, notice, $"c{i}", channel, due, $"dan{i}@xa.vn", "Kính mời ông/bà dự hội nghị", "Giấy mời"))];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Enqueueing_the_same_messages_again_adds_nothing()
    {
        var session = NewSession();

        Assert.Equal(5, await Outbox.EnqueueAsync(Messages(session, 5, Now)));
        Assert.Equal(0, await Outbox.EnqueueAsync(Messages(session, 5, Now)));
        Assert.Equal(2, await Outbox.EnqueueAsync(Messages(session, 7, Now)));

        Assert.Equal(7, (await Outbox.CountAsync(session)).Sum(c => c.Count));
    }

    [Fact]
    public async Task A_persons_withdrawal_and_erasure_touch_only_their_messages_in_their_commune()
    {
        var session = NewSession();
        var commune = session.Split('/')[0];
        var otherCommuneSession = $"49{Random.Shared.Next(100, 999)}/2026-{Guid.NewGuid():N}";
        await Outbox.EnqueueAsync([
            .. Messages(session, 3, Now), .. Messages(session, 3, Now, "reminder", DeliveryChannel.Sms),
            .. Messages(otherCommuneSession, 3, Now, "reminder", DeliveryChannel.Sms)]);

        // c1 withdraws SMS consent: only their pending SMS is cancelled.
        Assert.Equal(1, await Outbox.CancelForRecipientAsync(commune, "c1", DeliveryChannel.Sms, "rút lại đồng ý", Now));
        var rows = await Outbox.ListAsync(session, null, 0, 100);
        Assert.Equal(DeliveryStatus.Cancelled, rows.Single(r => r is { RecipientId: "c1", Channel: DeliveryChannel.Sms }).Status);
        Assert.All(rows.Where(r => r.RecipientId != "c1" || r.Channel == DeliveryChannel.Email), r => Assert.Equal(DeliveryStatus.Pending, r.Status));
        Assert.All(await Outbox.ListAsync(otherCommuneSession, null, 0, 100), r => Assert.Equal(DeliveryStatus.Pending, r.Status));

        // c1 asks for deletion: their addresses go from every row of the commune; what became of each message stays.
        Assert.Equal(2, (await Outbox.ListForRecipientAsync(commune, "c1")).Count);
        Assert.Equal(2, await Outbox.EraseRecipientAsync(commune, "c1", Now));
        var erased = await Outbox.ListForRecipientAsync(commune, "c1");
        Assert.All(erased, r => Assert.Equal("", r.Address));
        Assert.Equal([DeliveryStatus.Pending, DeliveryStatus.Cancelled], erased.OrderBy(r => r.Channel).Select(r => r.Status));
        Assert.Equal("dan2@xa.vn", (await Outbox.ListForRecipientAsync(commune, "c2")).First().Address);
        Assert.Equal("dan1@xa.vn", (await Outbox.ListAsync(otherCommuneSession, null, 0, 100)).Single(r => r.RecipientId == "c1").Address);
    }

    [Fact]
    public async Task Only_due_messages_are_claimed_and_a_claimed_one_is_not_claimed_again_until_its_lease_ends()
    {
        var session = NewSession();
        var channel = DeliveryChannel.Loudspeaker; // a channel of its own: claims see every session's messages
        await Outbox.EnqueueAsync([.. Messages(session, 3, Now, channel: channel), .. Messages(session, 2, Now.AddHours(1), "reminder", channel)]);

        var first = Mine(await Outbox.ClaimDueAsync(channel, Now, 100, Lease, "silo-1"), session);
        var again = Mine(await Outbox.ClaimDueAsync(channel, Now.AddMinutes(1), 100, Lease, "silo-2"), session);
        var afterLease = Mine(await Outbox.ClaimDueAsync(channel, Now + Lease + TimeSpan.FromSeconds(1), 100, Lease, "silo-2"), session);

        Assert.Equal(3, first.Count);
        Assert.All(first, c => Assert.Equal(("invitation", 1), (c.Message.Notice, c.Attempts)));
        Assert.Equal(Now, first[0].Message.DueAt);
        Assert.Empty(again);
        Assert.Equal(first.Select(c => c.Id).Order(), afterLease.Select(c => c.Id).Order());
        Assert.All(afterLease, c => Assert.Equal(2, c.Attempts));
    }

    [Fact]
    public async Task The_backlog_counts_by_channel_what_is_due_and_still_waiting_with_the_oldest_due_time()
    {
        var session = NewSession();
        var longAgo = Now.AddYears(-10); // before every other case's messages, which share the outbox
        await Outbox.EnqueueAsync([
            .. Messages(session, 3, longAgo),
            .. Messages(session, 2, longAgo.AddMinutes(2), "reminder", DeliveryChannel.Sms),
            .. Messages(session, 4, longAgo.AddHours(1), "later")]);
        var sent = Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Sms, longAgo.AddMinutes(5), 1, Lease, "silo-1"), session).Single();
        await Outbox.MarkSentAsync(sent.Id, "smsc-1", longAgo.AddMinutes(5));

        var backlog = (await Outbox.BacklogAsync(longAgo.AddMinutes(5))).OrderBy(b => b.Channel).ToList();

        Assert.Equal([new DeliveryBacklog(DeliveryChannel.Email, 3, longAgo), new DeliveryBacklog(DeliveryChannel.Sms, 1, longAgo.AddMinutes(2))], backlog);
        Assert.Empty(await Outbox.BacklogAsync(longAgo.AddSeconds(-1)));
    }

    [Fact]
    public async Task Silos_claiming_at_once_never_get_the_same_message()
    {
        var session = NewSession();
        await Outbox.EnqueueAsync(Messages(session, 300, Now, channel: DeliveryChannel.Loudspeaker));

        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(k => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var round = 0; round < 10; round++)
            {
                mine.AddRange(Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Loudspeaker, Now, 10, Lease, $"silo-{k}"), session).Select(c => c.Id));
            }

            return mine;
        }, Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(300, all.Count);

        // Sent, so that the channel's other tests, which claim whatever is due, do not meet them.
        foreach (var id in all)
        {
            await Outbox.MarkSentAsync(id, null, Now);
        }
    }

    [Fact]
    public async Task A_delivery_report_is_never_undone_by_the_senders_own_record_and_counts_once_only_for_a_message_handed_over()
    {
        var session = NewSession();
        await Outbox.EnqueueAsync(Messages(session, 2, Now, "announcement", DeliveryChannel.Sms));
        await Outbox.EnqueueAsync(Messages(session, 1, Now.AddHours(1), "reminder", DeliveryChannel.Sms));
        var claimed = Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Sms, Now, 1000, Lease, "silo-1"), session);

        // A report may come before the sender records its own outcome; "sent" does not undo it.
        Assert.True(await Outbox.RecordReceiptAsync(session, "announcement", "c0", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        foreach (var message in claimed)
        {
            await Outbox.MarkSentAsync(message.Id, "kannel-1", Now);
        }

        // The first report stands: the same one again, or a contradicting one, changes nothing; nor does a report for a
        // message never handed to the gateway (the reminder, due later) or for no message at all.
        Assert.False(await Outbox.RecordReceiptAsync(session, "announcement", "c0", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptAsync(session, "announcement", "c0", DeliveryChannel.Sms, DeliveryStatus.Failed, "late", Now));
        Assert.False(await Outbox.RecordReceiptAsync(session, "reminder", "c0", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptAsync(session, "announcement", "nobody", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.True(await Outbox.RecordReceiptAsync(session, "announcement", "c1", DeliveryChannel.Sms, DeliveryStatus.Failed, "absent subscriber", Now));

        var counts = (await Outbox.CountAsync(session)).ToDictionary(c => c.Status, c => c.Count);
        Assert.Equal((1, 1, 1), (counts[DeliveryStatus.Delivered], counts[DeliveryStatus.Failed], counts[DeliveryStatus.Pending]));
        Assert.False(counts.ContainsKey(DeliveryStatus.Sent));
    }

    [Fact]
    public async Task A_report_naming_a_phone_finds_it_only_among_its_requests_messages_and_each_of_two_sharing_it_once()
    {
        // Four phones of one announcement, the last two sharing a number (one household); a later request of another
        // session with the same first number.
        var session = NewSession();
        var other = NewSession();
        List<OutboxMessage> sms = [.. Enumerable.Range(0, 4).Select(i => new OutboxMessage(session, "announcement", $"c{i}", DeliveryChannel.Sms, Now,
            $"+8490000000{Math.Min(i, 2)}", "UBND xa moi Ong/Ba du hoi nghi"))];
        await Outbox.EnqueueAsync(sms);
        await Outbox.EnqueueAsync([sms[0] with { SessionKey = other }]);
        var claimed = Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Sms, Now, 1000, Lease, "silo-1"), session).OrderBy(c => c.Id).ToList();
        var (first, last) = (claimed[0].Id, claimed[^1].Id);

        // One write records the request's messages sent; the other session's message stays as it was.
        await Outbox.MarkSentAsync([.. claimed.Select(c => c.Id)], "kannel: 0: Accepted for delivery", Now);
        Assert.All(await Outbox.ListAsync(session, DeliveryChannel.Sms, 0, 10), row => Assert.Equal(DeliveryStatus.Sent, row.Status));
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(await Outbox.ListAsync(other, DeliveryChannel.Sms, 0, 10)).Status);

        // A phone outside the request's rows, or of another notice or session, finds nothing.
        Assert.False(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000009", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, first, "+84900000001", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptForAddressAsync(session, "reminder", first, last, "+84900000001", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptForAddressAsync(other, "announcement", first, last, "+84900000000", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));

        // Each phone's report once; the shared number's two reports each take one of its two messages, a third none.
        Assert.True(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000000", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000000", DeliveryChannel.Sms, DeliveryStatus.Failed, "replayed", Now));
        Assert.True(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000001", DeliveryChannel.Sms, DeliveryStatus.Failed, "absent subscriber", Now));
        Assert.True(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000002", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.True(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000002", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));
        Assert.False(await Outbox.RecordReceiptForAddressAsync(session, "announcement", first, last, "+84900000002", DeliveryChannel.Sms, DeliveryStatus.Delivered, null, Now));

        var rows = await Outbox.ListAsync(session, DeliveryChannel.Sms, 0, 10);
        Assert.Equal(["c0 Delivered", "c1 Failed absent subscriber", "c2 Delivered", "c3 Delivered"],
            rows.Select(r => $"{r.RecipientId} {r.Status}{(r.LastError is null ? "" : " " + r.LastError)}").Order(StringComparer.Ordinal));
        Assert.Equal(DeliveryStatus.Pending, Assert.Single(await Outbox.ListAsync(other, DeliveryChannel.Sms, 0, 10)).Status);
    }

    [Fact]
    public async Task Why_a_channel_waits_is_noted_once_on_its_due_messages_without_claiming_them_or_counting_an_attempt()
    {
        const string Reason = "Kênh SMS chưa được cấu hình (Sms:Kannel:SendUrl, Username, Password).";
        var session = NewSession();
        await Outbox.EnqueueAsync([
            .. Messages(session, 2, Now, channel: DeliveryChannel.Sms),
            .. Messages(session, 1, Now.AddHours(1), "reminder", DeliveryChannel.Sms),
            .. Messages(session, 1, Now, channel: DeliveryChannel.Email)]);

        Assert.True(await Outbox.NoteWaitingAsync(DeliveryChannel.Sms, Reason, Now) >= 2);
        await Outbox.NoteWaitingAsync(DeliveryChannel.Sms, Reason, Now.AddMinutes(1)); // already said: not written again

        var sms = (await Outbox.ListAsync(session, DeliveryChannel.Sms, 0, 10)).OrderBy(r => r.DueAt).ToList();
        Assert.Equal(
            [(DeliveryStatus.Pending, 0, Reason, Now), (DeliveryStatus.Pending, 0, Reason, Now)],
            sms.Take(2).Select(r => (r.Status, r.Attempts, r.LastError, r.UpdatedAt)));
        Assert.Equal((DeliveryStatus.Pending, 0, (string?)null), (sms[2].Status, sms[2].Attempts, sms[2].LastError)); // not due yet
        Assert.Null(Assert.Single(await Outbox.ListAsync(session, DeliveryChannel.Email, 0, 10)).LastError); // another channel

        // Once the channel can send, they go as if never tried.
        var claimed = Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Sms, Now.AddMinutes(2), 1000, Lease, "silo-1"), session);
        Assert.Equal([1, 1], claimed.Select(c => c.Attempts));
    }

    [Fact]
    public async Task A_retry_comes_back_when_due_and_a_failure_is_final_with_its_reason()
    {
        var session = NewSession();
        await Outbox.EnqueueAsync(Messages(session, 2, Now, channel: DeliveryChannel.Email));
        var claimed = Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Email, Now, 1000, Lease, "silo-1"), session);

        await Outbox.MarkRetryAsync(claimed[0].Id, "421 try later", Now.AddSeconds(30), Now);
        await Outbox.MarkFailedAsync(claimed[1].Id, "550 no such mailbox", Now);

        Assert.Empty(Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Email, Now.AddSeconds(10), 1000, Lease, "silo-1"), session));
        var retried = Assert.Single(Mine(await Outbox.ClaimDueAsync(DeliveryChannel.Email, Now.AddSeconds(31), 1000, Lease, "silo-1"), session));
        Assert.Equal(claimed[0].Id, retried.Id);
        var rows = await Outbox.ListAsync(session, DeliveryChannel.Email, 0, 10);
        Assert.Equal(("550 no such mailbox", DeliveryStatus.Failed), rows.Where(r => r.Status == DeliveryStatus.Failed).Select(r => (r.LastError, r.Status)).Single());

        // The office's list of failures: only those, with their reasons, however many went well before them.
        var failed = Assert.Single(await Outbox.ListAsync(session, null, 0, 10, DeliveryStatus.Failed));
        Assert.Equal(("550 no such mailbox", DeliveryChannel.Email), (failed.LastError, failed.Channel));
    }

    [Fact]
    public async Task Cancelling_a_session_stops_what_is_pending_but_the_cancellation_notice_and_counts_by_notice()
    {
        var session = NewSession();
        await Outbox.EnqueueAsync([.. Messages(session, 4, Now.AddHours(1), "reminder-20261124-1700", DeliveryChannel.Sms), .. Messages(session, 4, Now, "cancelled-1", DeliveryChannel.Sms)]);

        Assert.Equal(4, await Outbox.CancelPendingAsync(session, ["cancelled-1"], "Phiên đã hủy", Now));

        var byNotice = await Outbox.CountAsync(session, ["cancelled-1"]);
        Assert.Equal(new DeliveryCount(DeliveryChannel.Sms, DeliveryStatus.Pending, 4), Assert.Single(byNotice));
        Assert.Equal(4, (await Outbox.CountAsync(session)).Single(c => c.Status == DeliveryStatus.Cancelled).Count);
        var commune = session[..5];
        Assert.Equal(8, (await Outbox.CountByCommuneAsync([commune], Now.AddDays(-1))).Where(c => c.CommuneCode == commune).Sum(c => c.Count));
    }

    private static List<ClaimedMessage> Mine(IReadOnlyList<ClaimedMessage> claimed, string session) =>
        [.. claimed.Where(c => c.Message.SessionKey == session)];
}
