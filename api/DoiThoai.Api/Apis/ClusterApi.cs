using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using Orleans.Runtime;

namespace DoiThoai.Api.Apis;

/// <summary>What the operator on call looks at first: which silos are in the cluster, and what each one hosts.</summary>
public static class ClusterApi
{
    public sealed record SiloView(string Address, string Name, string Status, long Activations, IReadOnlyDictionary<string, long> ActivationsByType);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cluster/silos", GetSilos)
            .TouchesScope(ScopeLevel.National)
            .Needs(Access.Administer)
            .WithTags("Cluster");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SiloView>>> GetSilos(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
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
                    return new SiloView(h.SiloAddress.ToString(), h.SiloName, h.Status.ToString(), byType.Values.Sum(), byType);
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
