using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using Orleans.Runtime;

namespace DoiThoai.Api.Apis;

/// <summary>What the operator on call looks at first: which silos are in the cluster, and what each one hosts.</summary>
public static class ClusterApi
{
    /// <param name="ManagedMemoryBytes">The silo's garbage-collected heap, fragmentation included, when it answered.</param>
    /// <param name="CpuPercent">The machine's CPU use as the silo last measured it (0–100).</param>
    public sealed record SiloView(
        string Address, string Name, string Status, long Activations, IReadOnlyDictionary<string, long> ActivationsByType,
        long? ManagedMemoryBytes, float? CpuPercent);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster/silos", GetSilos)
            .TouchesScope(ScopeLevel.National)
            .Needs(Access.Administer)
            .WithTags("Cluster").Describe("ListSilos", "The cluster's silos with their status, memory and CPU");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SiloView>>> GetSilos(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var active = hosts.Where(h => h.Status is SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var runtime = (await management.GetRuntimeStatistics(active))
            .Zip(active, (figures, silo) => (silo, figures.EnvironmentStatistics))
            .ToDictionary(r => r.silo, r => r.EnvironmentStatistics);
        IReadOnlyList<SiloView> silos =
        [
            .. hosts
                .Where(h => h.Status is not SiloStatus.Dead || h.IAmAliveTime > DateTime.UtcNow.AddMinutes(-10))
                .OrderBy(h => h.Status is SiloStatus.Dead).ThenBy(h => h.SiloName, StringComparer.Ordinal)
                .Select(h =>
                {
                    var byType = statistics.Where(s => s.SiloAddress.Equals(h.SiloAddress))
                        .GroupBy(s => ShortName(s.GrainType))
                        .ToDictionary(g => g.Key, g => g.Sum(s => (long)s.ActivationCount), StringComparer.Ordinal);
                    var environment = runtime.TryGetValue(h.SiloAddress, out var e) ? e : (Orleans.Statistics.EnvironmentStatistics?)null;
                    return new SiloView(h.SiloAddress.ToString(), h.SiloName, h.Status.ToString(), byType.Values.Sum(), byType,
                        environment?.RawMemoryUsageBytes, environment?.RawCpuUsagePercentage);
                }),
        ];
        return TypedResults.Ok(silos);
    }

    // "DoiThoai.Grains.Calendar.CommuneGrain,DoiThoai.Grains" → "CommuneGrain"
    private static string ShortName(string grainType)
    {
        var type = grainType.Split(',')[0];
        return type[(type.LastIndexOf('.') + 1)..];
    }
}
