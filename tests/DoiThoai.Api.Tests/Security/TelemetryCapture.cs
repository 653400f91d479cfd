using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Everything the platform writes out of band: every log message at every level (with its state and exception),
/// every trace span (name, tags, events) and every metric's tags, as text to search for personal data.
/// </summary>
public sealed class TelemetryCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();

    public TelemetryCapture()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _lines.Enqueue(
                $"span {activity.Source.Name} {activity.DisplayName} {string.Join(' ', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))} "
                + string.Join(' ', activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))),
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<int>((i, _, tags, _) => Record(i, tags));
        _meters.SetMeasurementEventCallback<double>((i, _, tags, _) => Record(i, tags));
        _meters.Start();
    }

    public string Text => string.Join('\n', _lines);

    public int Count => _lines.Count;

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length > 0)
        {
            var text = new System.Text.StringBuilder("metric ").Append(instrument.Name);
            foreach (var tag in tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }

            _lines.Enqueue(text.ToString());
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"scope {category} {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"log {logLevel} {category} {formatter(state, exception)} {values} {exception}");
        }
    }
}
