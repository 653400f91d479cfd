namespace DoiThoai.Grains.Abstractions.Delivery;

[GenerateSerializer, Immutable, Alias("DoiThoai.DeliveryTally")]
public sealed record DeliveryTally(
    [property: Id(0)] DeliveryChannel Channel,
    [property: Id(1)] int Pending,
    [property: Id(2)] int Sent,
    [property: Id(3)] int Delivered,
    [property: Id(4)] int Failed,
    [property: Id(5)] int Cancelled = 0)
{
    public static DeliveryTally Of(DeliveryChannel channel, IEnumerable<(DeliveryStatus Status, int Count)> counts)
    {
        var byStatus = counts.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        int Get(DeliveryStatus status) => byStatus.GetValueOrDefault(status);
        return new DeliveryTally(channel, Get(DeliveryStatus.Pending), Get(DeliveryStatus.Sent), Get(DeliveryStatus.Delivered),
            Get(DeliveryStatus.Failed), Get(DeliveryStatus.Cancelled));
    }
}

/// <summary>One message as an officer may see it: the address masked.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.DeliveryItem")]
public sealed record DeliveryItem(
    [property: Id(0)] string Notice,
    [property: Id(1)] string RecipientId,
    [property: Id(2)] DeliveryChannel Channel,
    [property: Id(3)] DeliveryStatus Status,
    [property: Id(4)] int Attempts,
    [property: Id(5)] DateTimeOffset DueAt,
    [property: Id(6)] DateTimeOffset? NextAttemptAt,
    [property: Id(7)] string? LastError,
    [property: Id(8)] string MaskedAddress,
    [property: Id(9)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("DoiThoai.DeliveryReport")]
public sealed record DeliveryReport(
    [property: Id(0)] IReadOnlyList<DeliveryTally> ByChannel,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<DeliveryItem> Items);
