using System.Diagnostics;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Telemetry;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Delivery;

/// <summary>
/// Sends what is due from the outbox, channel by channel, with bounded concurrency per channel. Every outcome is
/// recorded before the next claim: transient failures come back later (exponential backoff with jitter), permanent
/// ones stop at once with the reason. Runs in every silo; leases keep two silos from sending the same message.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IDeliveryOutbox outbox,
    IEnumerable<IChannelSender> senders,
    IOptions<DeliveryOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider clock,
    DeliveryMetrics metrics,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(senders.Select(sender => RunChannelAsync(sender, stoppingToken)));

    /// <summary>
    /// Keeps the channel's senders busy: claims more as soon as half of what it holds is done, rather than waiting for
    /// a whole batch to finish, so one slow message never idles the others. At most four times the channel's
    /// concurrency is held at a time (waiting for a slot, sending, or being recorded), counted in requests to the
    /// channel's server, which also bounds what a crash can leave sent but unrecorded. A channel that takes several
    /// recipients a request gets the claimed messages grouped: one notice, one text, no address twice.
    /// </summary>
    private async Task RunChannelAsync(IChannelSender sender, CancellationToken stoppingToken)
    {
        if (sender.NotConfigured is { } reason)
        {
            await WaitUnconfiguredAsync(sender.Channel, reason, stoppingToken);
            return;
        }

        var settings = options.Value;
        var perRequest = (sender as IBatchChannelSender)?.MaxRecipients ?? 1;
        var capacity = 4 * sender.MaxConcurrency * perRequest;
        using var slots = new SemaphoreSlim(sender.MaxConcurrency);
        // A list, not a set: an async method that completes at once returns a shared completed task.
        var inFlight = new List<(Task Task, int Messages)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            metrics.Polled(sender.Channel);
            IReadOnlyList<ClaimedMessage> batch = [];
            var claimedAt = clock.GetUtcNow();
            var held = inFlight.Sum(request => request.Messages);
            if (held <= capacity / 2)
            {
                try
                {
                    batch = await outbox.ClaimDueAsync(sender.Channel, claimedAt, Math.Min(settings.BatchSize * perRequest, capacity - held), settings.Lease, _owner);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogOutboxUnavailable(logger, error, sender.Channel);
                }
            }

            foreach (var request in sender is IBatchChannelSender batched ? Requests(batch, batched.MaxRecipients) : batch.Select(claimed => (IReadOnlyList<ClaimedMessage>)[claimed]))
            {
                inFlight.Add((DeliverAsync(sender, request, claimedAt, slots, stoppingToken), request.Count));
                held += request.Count;
            }

            if (inFlight.Count == 0)
            {
                // Until the next message falls due, on the platform's clock; else a poll interval, in real time.
                await Settled(await UntilNextDueAsync(sender.Channel, claimedAt, settings.PollInterval) is { } untilDue
                    ? Task.Delay(untilDue, clock, stoppingToken)
                    : Task.Delay(settings.PollInterval, stoppingToken));
                continue;
            }

            if (batch.Count == 0 || held > capacity / 2)
            {
                // Nothing more due, or enough in hand: wait for a request to finish (or, when idle, for the next poll).
                var finished = Task.WhenAny(inFlight.Select(request => request.Task));
                await Settled(batch.Count == 0 ? Task.WhenAny(finished, Task.Delay(settings.PollInterval, stoppingToken)) : finished);
            }

            inFlight.RemoveAll(request => request.Task.IsCompleted);
        }

        await Settled(Task.WhenAll(inFlight.Select(request => request.Task)));
    }

    /// <summary>
    /// The claimed messages as requests of at most <paramref name="max"/> recipients: messages of one notice with the
    /// same text together, in due order, and an address that comes twice (two people sharing a phone) in different
    /// requests, so that a report naming the phone tells its request's message apart.
    /// </summary>
    internal static IEnumerable<IReadOnlyList<ClaimedMessage>> Requests(IReadOnlyList<ClaimedMessage> claimed, int max)
    {
        foreach (var same in claimed.GroupBy(c => (c.Message.SessionKey, c.Message.Notice, c.Message.Body)))
        {
            var open = new List<(List<ClaimedMessage> Messages, HashSet<string> Addresses)>();
            foreach (var message in same)
            {
                var request = open.FirstOrDefault(r => !r.Addresses.Contains(message.Message.Address));
                if (request.Messages is null)
                {
                    request = ([], []);
                    open.Add(request);
                }

                request.Messages.Add(message);
                request.Addresses.Add(message.Message.Address);
                if (request.Messages.Count == max)
                {
                    open.Remove(request);
                    yield return request.Messages;
                }
            }

            foreach (var request in open)
            {
                yield return request.Messages;
            }
        }
    }

    /// <summary>
    /// A channel that is not configured (configuration is read at start) claims nothing: its messages wait, and every
    /// <see cref="DeliveryOptions.FirstRetryDelay"/> (real time) those come due are marked with the reason, which the
    /// deliveries view shows. Trying them would count attempts until they were recorded failed, and keep the outbox's writer
    /// busy for nothing. The loop still looks every poll interval, which the reminders health check watches.
    /// </summary>
    private async Task WaitUnconfiguredAsync(DeliveryChannel channel, string reason, CancellationToken stoppingToken)
    {
        LogNotConfigured(logger, channel, reason);
        var settings = options.Value;
        var sinceNote = (Stopwatch?)null; // paced in real time, as the polls are: an idle silo writes once a while
        while (!stoppingToken.IsCancellationRequested)
        {
            metrics.Polled(channel);
            if (sinceNote is null || sinceNote.Elapsed >= settings.FirstRetryDelay)
            {
                try
                {
                    await outbox.NoteWaitingAsync(channel, reason, clock.GetUtcNow());
                    sinceNote = Stopwatch.StartNew();
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogOutboxUnavailable(logger, error, channel);
                }
            }

            await Settled(Task.Delay(settings.PollInterval, stoppingToken));
        }
    }

    /// <summary>
    /// How long an idle channel waits when its next message falls due before the next poll (null otherwise), so a
    /// reminder set for 07:00:00.000 is claimed then rather than up to a poll interval later.
    /// </summary>
    private async Task<TimeSpan?> UntilNextDueAsync(DeliveryChannel channel, DateTimeOffset claimedAt, TimeSpan poll)
    {
        try
        {
            // After the last claim's moment, not now: a message that fell due since then is claimed at once.
            return await outbox.NextDueAsync(channel, claimedAt, claimedAt + poll) is { } next
                ? TimeSpan.FromTicks(Math.Max(0, (next - clock.GetUtcNow()).Ticks))
                : null;
        }
        catch (Exception error)
        {
            LogOutboxUnavailable(logger, error, channel);
            return null;
        }
    }

    /// <summary>The part of a lease a request may use, the rest kept for recording its outcome.</summary>
    private const double LeaseUsable = 0.75;

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the request ended first
        }
    }

    /// <summary>Waits for a task without caring how it ended (a wait cut short by shutdown, a message already recorded).</summary>
    private static Task Settled(Task task) => task.ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>
    /// Sends in one of the channel's slots, then records the outcomes outside it: the slot is the channel's (a
    /// connection to the gateway), and holding it while the outcome waits for its commit left the channel idle for
    /// that long on every message. What is sent but not yet recorded stays within what the loop has claimed. The
    /// messages a request sent are recorded sent in one write.
    /// A request is sent only within its lease, and given up (recorded for a retry) before the lease could run out:
    /// once it has, another silo may claim the same messages, and two silos sending one message at once is what the
    /// lease exists to prevent (a silo cut off from the gateway would otherwise still be waiting on it).
    /// </summary>
    private async Task DeliverAsync(IChannelSender sender, IReadOnlyList<ClaimedMessage> request, DateTimeOffset claimedAt, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        IReadOnlyList<SendOutcome> outcomes;
        await slots.WaitAsync(stoppingToken);
        try
        {
            var left = claimedAt + options.Value.Lease * LeaseUsable - clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return; // held too long in this silo: not sent; the lease runs out and the messages are claimed again
            }

            using var withinLease = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            using var leaseEnds = clock.CreateTimer(_ => Cancel(withinLease), null, left, Timeout.InfiniteTimeSpan);
            outcomes = await SendAsync(sender, request, withinLease.Token, stoppingToken);
        }
        finally
        {
            slots.Release();
        }

        var now = clock.GetUtcNow();
        var sent = request.Zip(outcomes).Where(pair => pair.Second.Sent).ToList();
        foreach (var (claimed, _) in sent)
        {
            metrics.Sent(sender.Channel, now - claimed.Message.DueAt);
        }

        foreach (var providerId in sent.GroupBy(pair => pair.Second.ProviderId))
        {
            List<long> ids = [.. providerId.Select(pair => pair.First.Id)];
            await RecordAsync(() => ids.Count == 1 ? outbox.MarkSentAsync(ids[0], providerId.Key, now) : outbox.MarkSentAsync(ids, providerId.Key, now),
                sender.Channel, stoppingToken);
        }

        foreach (var (claimed, outcome) in request.Zip(outcomes).Where(pair => !pair.Second.Sent))
        {
            if (outcome.Permanent || claimed.Attempts >= options.Value.MaxAttempts)
            {
                LogFailed(logger, sender.Channel, claimed.Message.Notice, outcome.Error);
                metrics.Failed(sender.Channel);
                await RecordAsync(() => outbox.MarkFailedAsync(claimed.Id, outcome.Error ?? "", now), sender.Channel, stoppingToken);
            }
            else
            {
                metrics.Retried(sender.Channel);
                await RecordAsync(() => outbox.MarkRetryAsync(claimed.Id, outcome.Error ?? "", now + RetryDelay(claimed.Attempts), now), sender.Channel, stoppingToken);
            }
        }
    }

    private static async Task<IReadOnlyList<SendOutcome>> SendAsync(IChannelSender sender, IReadOnlyList<ClaimedMessage> request, CancellationToken withinLease, CancellationToken stoppingToken)
    {
        using var span = DeliveryTracing.Start(request[0].Message, request.Count);
        IReadOnlyList<SendOutcome> outcomes;
        try
        {
            outcomes = sender is IBatchChannelSender batched
                ? await batched.SendBatchAsync(request, withinLease)
                : [await sender.SendAsync(request[0].Message, withinLease)];
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            outcomes = [.. request.Select(_ => SendOutcome.Retry(error.GetType().Name + ": " + error.Message))];
            span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }

        span?.SetTag("doithoai.outcome", outcomes.All(o => o.Sent) ? "sent" : outcomes.Any(o => o.Sent) ? "partly sent"
            : outcomes.All(o => o.Permanent) ? "failed" : "retry");
        return outcomes;
    }

    /// <summary>
    /// Records an outcome, trying again while the database is briefly away (a restart): a message sent but not
    /// recorded would be sent again once its lease runs out. Gives up at half the lease, leaving it to the lease.
    /// </summary>
    private async Task RecordAsync(Func<Task> record, DeliveryChannel channel, CancellationToken stoppingToken)
    {
        var giveUpAt = clock.GetUtcNow() + options.Value.Lease / 2;
        while (true)
        {
            try
            {
                await record();
                return;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && clock.GetUtcNow() < giveUpAt)
            {
                LogRecordRetry(logger, error, channel);
                await Settled(Task.Delay(RecordRetryDelay, clock, stoppingToken));
            }
        }
    }

    private static readonly TimeSpan RecordRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>10 s, 20 s, 40 s … up to the maximum, each ±20 % so that retries of a burst spread out.</summary>
    private TimeSpan RetryDelay(int attempts)
    {
        var settings = options.Value;
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 20));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Channel} channel is not configured, its messages wait in the outbox: {Reason}")]
    private static partial void LogNotConfigured(ILogger logger, DeliveryChannel channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox could not be read for channel {Channel}; retrying")]
    private static partial void LogOutboxUnavailable(ILogger logger, Exception error, DeliveryChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of a {Channel} message could not be recorded yet; retrying")]
    private static partial void LogRecordRetry(ILogger logger, Exception error, DeliveryChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Channel} message of notice {Notice} failed for good: {Error}")]
    private static partial void LogFailed(ILogger logger, DeliveryChannel channel, string notice, string? error);
}
