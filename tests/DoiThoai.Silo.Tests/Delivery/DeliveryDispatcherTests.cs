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

/// <summary>What the dispatcher does with the messages of a channel nobody has configured yet.</summary>
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

    private static OutboxMessage Sms(int i, DateTimeOffset due) =>
        new(Session, "announcement", $"c{i}", DeliveryChannel.Sms, due, $"+8490{i:D7}", "UBND phuong moi Ong/Ba du hoi nghi doi thoai");

    /// <summary>The session's rows once they satisfy <paramref name="condition"/> (the dispatcher runs on its own).</summary>
    private async Task<IReadOnlyList<DeliveryRow>> RowsOnceAsync(Func<IReadOnlyList<DeliveryRow>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var rows = await _outbox.ListAsync(Session, DeliveryChannel.Sms, 0, 100);
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
