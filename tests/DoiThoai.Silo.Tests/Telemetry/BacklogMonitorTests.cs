using System.Diagnostics.Metrics;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Telemetry;
using DoiThoai.Silo.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DoiThoai.Silo.Tests.Telemetry;

/// <summary>What the operator's backlog gauges show for an outbox with messages due, waiting, and not yet due.</summary>
public sealed class BacklogMonitorTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly TemporarySqliteDatabase _file = new();
    private readonly SqliteDeliveryOutbox _outbox;
    private readonly DeliveryMetrics _metrics = new();
    private readonly FakeTimeProvider _clock = new(Start);

    public BacklogMonitorTests() => _outbox = new SqliteDeliveryOutbox(_file.Database);

    [Fact]
    public async Task The_gauges_show_each_channels_messages_due_and_how_long_the_oldest_has_waited()
    {
        await _outbox.EnqueueAsync([
            .. Enumerable.Range(0, 40).Select(i => Sms(i, Start)),
            .. Enumerable.Range(40, 10).Select(i => Sms(i, Start.AddMinutes(10)))]);
        var monitor = new BacklogMonitor(_outbox, _metrics, Options.Create(new DeliveryOptions()), _clock, NullLogger<BacklogMonitor>.Instance);

        _clock.Advance(TimeSpan.FromMinutes(2));
        await monitor.RefreshAsync();

        var figures = Read();
        Assert.Equal(40, figures[("doithoai.delivery.backlog", "sms")]);
        Assert.Equal(120, figures[("doithoai.delivery.backlog.age", "sms")]);
        Assert.Equal(0, figures[("doithoai.delivery.backlog", "email")]);

        // Ten minutes on, the later ten are due too, and the oldest has waited twelve minutes.
        _clock.Advance(TimeSpan.FromMinutes(10));
        await monitor.RefreshAsync();
        Assert.Equal(50, Read()[("doithoai.delivery.backlog", "sms")]);
        Assert.Equal(720, Read()[("doithoai.delivery.backlog.age", "sms")]);
    }

    private static OutboxMessage Sms(int i, DateTimeOffset due) =>
        new("48101/2026-0001", "announcement", $"c{i}", DeliveryChannel.Sms, due, $"+8490{i:D7}", "UBND phuong moi Ong/Ba du hoi nghi doi thoai");

    /// <summary>One collection of the gauges, as an exporter makes it: value by instrument and channel.</summary>
    private Dictionary<(string, string), double> Read()
    {
        var figures = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "channel")
                {
                    figures[(instrument.Name, (string)tag.Value!)] = value;
                }
            }
        }

        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return figures;
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        await _file.DisposeAsync();
    }
}
