namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>
/// Where a provider's delivery report is recorded. A stateless worker: it runs on the silo that received the report,
/// so a report is never lost because the silo hosting the session's grain has just died (the gateway retries on 503).
/// </summary>
[Alias("DoiThoai.IDeliveryReceiptGrain")]
public interface IDeliveryReceiptGrain : IGrainWithIntegerKey
{
    /// <summary>Records delivered or failed for one message; false when no such message exists.</summary>
    [Alias("Record")]
    Task<bool> RecordAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail);

    /// <summary>
    /// Records delivered or failed for the message to <paramref name="address"/> among the session's rows
    /// <paramref name="firstId"/>..<paramref name="lastId"/> of the notice (one request to several phones); false when none waits for it.
    /// </summary>
    [Alias("RecordForAddress")]
    Task<bool> RecordForAddressAsync(string sessionKey, string notice, long firstId, long lastId, string address, DeliveryChannel channel, DeliveryStatus status, string? detail);
}
