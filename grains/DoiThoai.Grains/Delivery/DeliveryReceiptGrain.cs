using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using Orleans.Concurrency;

namespace DoiThoai.Grains.Delivery;

[StatelessWorker]
public sealed class DeliveryReceiptGrain(IDeliveryOutbox outbox, [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IDeliveryReceiptGrain
{
    public Task<bool> RecordAsync(string sessionKey, string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail) =>
        outbox.RecordReceiptAsync(sessionKey, notice, recipientId, channel, status, detail, time.GetUtcNow());
}
