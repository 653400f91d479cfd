using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Channels.Sms;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Telemetry;
using DoiThoai.Silo.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DoiThoai.Silo.Tests.Delivery;

/// <summary>
/// What the dispatcher does with the messages of a channel nobody has configured yet, and how it hands a fan-out to a
/// channel that takes several recipients a request.
/// </summary>
public sealed class DeliveryDispatcherTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
    private const string Session = "48101/2026-0001";
    private readonly TemporarySqliteDatabase _file = new();
    private readonly SqliteDeliveryOutbox _outbox;
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly DeliveryMetrics _metrics = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    public DeliveryDispatcherTests() => _outbox = new SqliteDeliveryOutbox(_file.Database);

    [Fact]
    public async Task An_unconfigured_channels_messages_wait_with_the_reason_and_no_attempt_is_counted_against_them()
    {
        var sms = new KannelSmsSender(_services.GetRequiredService<IHttpClientFactory>(), Options.Create(new KannelOptions()), TimeProvider.System);
        var options = new DeliveryOptions { PollInterval = TimeSpan.FromMilliseconds(20), FirstRetryDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 2 };
        using var dispatcher = new DeliveryDispatcher(_outbox, [sms], Options.Create(options), _clock, _metrics, NullLogger<DeliveryDispatcher>.Instance);
        await _outbox.EnqueueAsync([.. Enumerable.Range(0, 5).Select(i => Sms(i, Start))]);

        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        var noted = await RowsOnceAsync(rows => rows.Count == 5 && rows.All(r => r.LastError is not null));
        // A month on, long past the attempts a failing server would be given (two here), a message due then is noted
        // too, and all still wait.
        _clock.Advance(TimeSpan.FromDays(30));
        await _outbox.EnqueueAsync([Sms(5, Start.AddDays(30))]);
        var monthOn = await RowsOnceAsync(rows => rows.Count == 6 && rows.All(r => r.LastError is not null));
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);

        Assert.All(noted.Concat(monthOn), r => Assert.Equal(
            (DeliveryStatus.Pending, 0, "Kênh SMS chưa được cấu hình (Sms:Kannel:SendUrl, Username, Password)."),
            (r.Status, r.Attempts, r.LastError)));
    }

    [Fact]
    public async Task A_fan_out_goes_out_in_requests_of_one_text_with_no_phone_twice_and_each_messages_outcome_is_its_own()
    {
        // 110 residents told of the session (two sharing a phone, one whose number the gateway keeps refusing for
        // now), and 10 delegates reminded with another text.
        var gateway = new RecordingGateway(refused: "+84900000042");
        var options = new DeliveryOptions { PollInterval = TimeSpan.FromMilliseconds(20) };
        using var dispatcher = new DeliveryDispatcher(_outbox, [gateway], Options.Create(options), _clock, _metrics, NullLogger<DeliveryDispatcher>.Instance);
        await _outbox.EnqueueAsync([
            .. Enumerable.Range(0, 110).Select(i => Sms(i, Start) with { Address = $"+8490{(i == 8 ? 7 : i):D7}" }),
            .. Enumerable.Range(200, 10).Select(i => Sms(i, Start) with { Notice = "reminder", Body = "Nhac lich hoi nghi doi thoai 14:00" })]);

        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        var rows = await RowsOnceAsync(rows => rows.Count == 120 && rows.Count(r => r.Status == DeliveryStatus.Sent) == 119 && rows.Any(r => r.LastError is not null));
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);

        var requests = gateway.Requests.ToList();
        Assert.All(requests, request =>
        {
            Assert.InRange(request.Count, 1, gateway.MaxRecipients);
            Assert.Single(request.Select(m => (m.Message.Notice, m.Message.Body)).Distinct());
            Assert.Equal(request.Count, request.Select(m => m.Message.Address).Distinct().Count());
        });
        // 110 + 10 in as few requests as that allows: three of the announcement (the shared phone in a second), one reminder.
        Assert.Equal(4, requests.Count);
        Assert.Equal(120, requests.Sum(r => r.Count));
        var refused = Assert.Single(rows, r => r.Status != DeliveryStatus.Sent);
        Assert.Equal((DeliveryStatus.Pending, "c42", "Tổng đài tạm từ chối số này."), (refused.Status, refused.RecipientId, refused.LastError));
    }

    [Fact]
    public async Task A_message_due_before_the_next_poll_is_sent_when_it_falls_due_not_a_poll_later()
    {
        // Polls an hour apart: only waking at the reminder's own due time sends it within the test's 30 s.
        var gateway = new RecordingGateway(refused: "");
        var options = new DeliveryOptions { PollInterval = TimeSpan.FromHours(1) };
        using var dispatcher = new DeliveryDispatcher(_outbox, [gateway], Options.Create(options), _clock, _metrics, NullLogger<DeliveryDispatcher>.Instance);
        await _outbox.EnqueueAsync([Sms(0, Start.AddMinutes(10))]);

        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        await RowsOnceAsync(rows => rows.Single().Status == DeliveryStatus.Pending && _metrics.Idle().ContainsKey(DeliveryChannel.Sms)); // it has looked once
        Assert.Empty(gateway.Requests);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var sent = await RowsOnceAsync(rows => rows.Single().Status == DeliveryStatus.Sent);
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Start.AddMinutes(10), sent.Single().UpdatedAt);
    }

    [Fact]
    public async Task A_request_the_gateway_never_answers_is_given_up_before_its_lease_runs_out_and_the_message_waits_for_a_retry()
    {
        // The gateway is cut off: the request hangs. Before the lease lapses (and another silo may claim the message),
        // this silo stops waiting on it and records it for a retry: no two silos ever hold one message's request.
        var gateway = new SilentGateway();
        var options = new DeliveryOptions { PollInterval = TimeSpan.FromHours(1), Lease = TimeSpan.FromMinutes(2), FirstRetryDelay = TimeSpan.FromMinutes(5) };
        using var dispatcher = new DeliveryDispatcher(_outbox, [gateway], Options.Create(options), _clock, _metrics, NullLogger<DeliveryDispatcher>.Instance);
        await _outbox.EnqueueAsync([Sms(0, Start)]);

        await dispatcher.StartAsync(TestContext.Current.CancellationToken);
        await gateway.Called.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(89)); // within three quarters of the lease: still waiting on the gateway
        Assert.False(gateway.GaveUp.Task.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await gateway.GaveUp.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var rows = await RowsOnceAsync(rows => rows.Single().LastError is not null);
        await dispatcher.StopAsync(TestContext.Current.CancellationToken);

        var row = rows.Single();
        Assert.Equal(DeliveryStatus.Pending, row.Status);
        Assert.Equal(Start.AddSeconds(90), row.UpdatedAt);
    }

    /// <summary>A gateway that never answers (the network to it silently cut); says when it is called and given up on.</summary>
    private sealed class SilentGateway : IBatchChannelSender
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource GaveUp { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DeliveryChannel Channel => DeliveryChannel.Sms;

        public int MaxConcurrency => 1;

        public int MaxRecipients => 50;

        public string? NotConfigured => null;

        public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A gateway that takes several phones gets every message in a request.");

        public async Task<IReadOnlyList<SendOutcome>> SendBatchAsync(IReadOnlyList<ClaimedMessage> messages, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            finally
            {
                GaveUp.TrySetResult();
            }

            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>A gateway that takes 50 phones a request and records each request; one number it refuses for now.</summary>
    private sealed class RecordingGateway(string refused) : IBatchChannelSender
    {
        public System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<ClaimedMessage>> Requests { get; } = new();

        public DeliveryChannel Channel => DeliveryChannel.Sms;

        public int MaxConcurrency => 4;

        public int MaxRecipients => 50;

        public string? NotConfigured => null;

        public Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("A gateway that takes several phones gets every message in a request.");

        public Task<IReadOnlyList<SendOutcome>> SendBatchAsync(IReadOnlyList<ClaimedMessage> messages, CancellationToken cancellationToken)
        {
            Requests.Enqueue(messages);
            return Task.FromResult<IReadOnlyList<SendOutcome>>([.. messages.Select(m => m.Message.Address == refused
                ? SendOutcome.Retry("Tổng đài tạm từ chối số này.") : SendOutcome.Ok("gateway: accepted"))]);
        }
    }

    private static OutboxMessage Sms(int i, DateTimeOffset due) =>
        new(Session, "announcement", $"c{i}", DeliveryChannel.Sms, due, $"+8490{i:D7}", "UBND phuong moi Ong/Ba du hoi nghi doi thoai");

    /// <summary>The session's rows once they satisfy <paramref name="condition"/> (the dispatcher runs on its own).</summary>
    private async Task<IReadOnlyList<DeliveryRow>> RowsOnceAsync(Func<IReadOnlyList<DeliveryRow>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = await _outbox.ListAsync(Session, DeliveryChannel.Sms, 0, 1000);
            if (condition(rows))
            {
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        await _services.DisposeAsync();
        await _file.DisposeAsync();
    }
}
