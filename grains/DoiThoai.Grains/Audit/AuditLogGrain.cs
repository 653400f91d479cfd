using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Audit;
using Orleans.Concurrency;

namespace DoiThoai.Grains.Audit;

/// <summary>Where audit entries are kept: appended, read back, never changed.</summary>
public interface IAuditStore
{
    Task AppendAsync(string scope, AuditRecord record, DateTimeOffset at);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string scope, string? communeCode, long? beforeId, int limit);
}

/// <summary>
/// The audit log of a scope. It holds nothing, so it takes calls while earlier ones wait for their commit
/// (reentrant): entries that arrive together share one group commit instead of queueing for one each.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class AuditLogGrain(IAuditStore store, [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IAuditLogGrain
{
    public Task RecordAsync(AuditRecord record) => store.AppendAsync(this.GetPrimaryKeyString(), record, record.OccurredAt ?? time.GetUtcNow());

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? communeCode, long? beforeId, int limit) =>
        store.ListAsync(this.GetPrimaryKeyString(), communeCode, beforeId, limit);
}
