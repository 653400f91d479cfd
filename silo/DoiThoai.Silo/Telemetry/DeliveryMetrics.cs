using System.Diagnostics.Metrics;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// The delivery's own figures (meter "DoiThoai.Delivery"): messages by channel and outcome, how late each went out
/// after it was due (the reminders' lateness among them), when each channel's dispatcher last looked at the outbox,
/// and each channel's backlog (messages due and not yet out, and how long the oldest has waited). Tags carry channels
/// and outcomes only, never an address.
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "DoiThoai.Delivery";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _lateness;
    private readonly Dictionary<DeliveryChannel, long> _lastPoll = [];
    private readonly Lock _pollLock = new();
    private IReadOnlyList<(DeliveryChannel Channel, int Waiting, TimeSpan Oldest)> _backlog = [];

    public DeliveryMetrics()
    {
        _messages = _meter.CreateCounter<long>("doithoai.delivery.messages", "{message}", "Messages handed to a channel, by channel and outcome (sent, retry, failed).");
        _lateness = _meter.CreateHistogram<double>("doithoai.delivery.lateness", "s", "From the moment a message or timed job was due to the moment it went out.");
        _meter.CreateObservableGauge("doithoai.delivery.idle", ObserveIdle, "s", "Seconds since each channel's dispatcher last looked at the outbox.");
        _meter.CreateObservableGauge("doithoai.delivery.backlog", () => _backlog.Select(b => new Measurement<long>(b.Waiting, Tag(b.Channel))),
            "{message}", "Messages and timed jobs due and not yet out, by channel (timed jobs as channel \"plan\").");
        _meter.CreateObservableGauge("doithoai.delivery.backlog.age", () => _backlog.Select(b => new Measurement<double>(b.Oldest.TotalSeconds, Tag(b.Channel))),
            "s", "How long the oldest message of each channel's backlog has been due.");
    }

    /// <summary>This silo's meter, for a listener that reads one silo's figures (tests; several silos share a process there).</summary>
    public Meter Meter => _meter;

    public void Sent(DeliveryChannel channel, TimeSpan late)
    {
        _messages.Add(1, Tag(channel), new("outcome", "sent"));
        _lateness.Record(Math.Max(0, late.TotalSeconds), Tag(channel));
    }

    /// <summary>The outbox's backlog as read at <paramref name="now"/>; every channel not in it has none.</summary>
    public void Backlog(IReadOnlyList<DoiThoai.Grains.Delivery.DeliveryBacklog> backlog, DateTimeOffset now) =>
        _backlog = [.. Enum.GetValues<DeliveryChannel>().Select(channel => backlog.FirstOrDefault(b => b.Channel == channel) is { } b
            ? (channel, b.Waiting, now - b.OldestDue)
            : (channel, 0, TimeSpan.Zero))];

    public void Retried(DeliveryChannel channel) => _messages.Add(1, Tag(channel), new("outcome", "retry"));

    public void Failed(DeliveryChannel channel) => _messages.Add(1, Tag(channel), new("outcome", "failed"));

    /// <summary>A channel's dispatcher has just looked at the outbox (monotonic time, whatever the platform's clock says).</summary>
    public void Polled(DeliveryChannel channel)
    {
        lock (_pollLock)
        {
            _lastPoll[channel] = Environment.TickCount64;
        }
    }

    /// <summary>How long since each channel last looked; empty before the dispatcher has started.</summary>
    public IReadOnlyDictionary<DeliveryChannel, TimeSpan> Idle()
    {
        var now = Environment.TickCount64;
        lock (_pollLock)
        {
            return _lastPoll.ToDictionary(p => p.Key, p => TimeSpan.FromMilliseconds(now - p.Value));
        }
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> ObserveIdle() =>
        Idle().Select(p => new Measurement<double>(p.Value.TotalSeconds, Tag(p.Key)));

    private static KeyValuePair<string, object?> Tag(DeliveryChannel channel) => new("channel", channel.ToString().ToLowerInvariant());
}
