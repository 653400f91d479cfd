namespace DoiThoai.Silo.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How often an idle dispatcher looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claimed message is reserved for its sender before another may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 200;

    /// <summary>How often the backlog gauges (messages due and waiting, by channel) are read from the outbox.</summary>
    public TimeSpan BacklogInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many attempts a message that still fails for now is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 50;
}
