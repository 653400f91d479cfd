using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using Orleans.Concurrency;

namespace DoiThoai.Grains.Delivery;

/// <summary>
/// Records the gateway's delivery reports. It holds nothing, so it takes calls while earlier ones wait for their
/// commit (reentrant): a stateless worker has at most one activation per core, and without reentrancy two reports at
/// a time were recorded, each waiting for its own turn of the group commit instead of sharing one.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class DeliveryReceiptGrain(IDeliveryOutbox outbox, [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IDeliveryReceiptGrain
{
    public Task<bool> RecordAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail) =>
        outbox.RecordReceiptAsync(sessionKey, notice, recipientId, channel, status, detail, time.GetUtcNow());

    public Task<bool> RecordForAddressAsync(string sessionKey, string notice, long firstId, long lastId, string address, DeliveryChannel channel, DeliveryStatus status, string? detail) =>
        outbox.RecordReceiptForAddressAsync(sessionKey, notice, firstId, lastId, address, channel, status, detail, time.GetUtcNow());
}
