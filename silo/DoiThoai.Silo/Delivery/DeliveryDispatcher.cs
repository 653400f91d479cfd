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
    /// concurrency is held at a time (waiting for a slot, sending, or being recorded), which also bounds what a crash
    /// can leave sent but unrecorded.
    /// </summary>
    private async Task RunChannelAsync(IChannelSender sender, CancellationToken stoppingToken)
    {
        if (sender.NotConfigured is { } reason)
        {
            await WaitUnconfiguredAsync(sender.Channel, reason, stoppingToken);
            return;
        }

        var settings = options.Value;
        var capacity = 4 * sender.MaxConcurrency;
        using var slots = new SemaphoreSlim(sender.MaxConcurrency);
        var inFlight = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            metrics.Polled(sender.Channel);
            IReadOnlyList<ClaimedMessage> batch = [];
            if (inFlight.Count <= capacity / 2)
            {
                try
                {
                    batch = await outbox.ClaimDueAsync(sender.Channel, clock.GetUtcNow(), Math.Min(settings.BatchSize, capacity - inFlight.Count), settings.Lease, _owner);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    LogOutboxUnavailable(logger, error, sender.Channel);
                }
            }

            foreach (var claimed in batch)
            {
                inFlight.Add(DeliverAsync(sender, claimed, slots, stoppingToken));
            }

            if (inFlight.Count == 0)
            {
                await Settled(Task.Delay(settings.PollInterval, stoppingToken));
                continue;
            }

            if (batch.Count == 0 || inFlight.Count > capacity / 2)
            {
                // Nothing more due, or enough in hand: wait for a message to finish (or, when idle, for the next poll).
                var finished = Task.WhenAny(inFlight);
                await Settled(batch.Count == 0 ? Task.WhenAny(finished, Task.Delay(settings.PollInterval, stoppingToken)) : finished);
            }

            inFlight.RemoveWhere(task => task.IsCompleted);
        }

        await Settled(Task.WhenAll(inFlight));
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

    /// <summary>Waits for a task without caring how it ended (a wait cut short by shutdown, a message already recorded).</summary>
    private static Task Settled(Task task) => task.ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>
    /// Sends in one of the channel's slots, then records the outcome outside it: the slot is the channel's (a
    /// connection to the gateway), and holding it while the outcome waits for its commit left the channel idle for
    /// that long on every message. What is sent but not yet recorded stays within what the loop has claimed.
    /// </summary>
    private async Task DeliverAsync(IChannelSender sender, ClaimedMessage claimed, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        SendOutcome outcome;
        await slots.WaitAsync(stoppingToken);
        try
        {
            outcome = await SendAsync(sender, claimed, stoppingToken);
        }
        finally
        {
            slots.Release();
        }

        var now = clock.GetUtcNow();
        if (outcome.Sent)
        {
            metrics.Sent(sender.Channel, now - claimed.Message.DueAt);
            await RecordAsync(() => outbox.MarkSentAsync(claimed.Id, outcome.ProviderId, now), sender.Channel, stoppingToken);
        }
        else if (outcome.Permanent || claimed.Attempts >= options.Value.MaxAttempts)
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

    private static async Task<SendOutcome> SendAsync(IChannelSender sender, ClaimedMessage claimed, CancellationToken stoppingToken)
    {
        using var span = DeliveryTracing.Start(claimed.Message);
        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(claimed.Message, stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            outcome = SendOutcome.Retry(error.GetType().Name + ": " + error.Message);
            span?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        }

        span?.SetTag("doithoai.outcome", outcome.Sent ? "sent" : outcome.Permanent ? "failed" : "retry");
        return outcome;
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
