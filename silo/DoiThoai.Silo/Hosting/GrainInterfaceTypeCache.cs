using System.Collections.Concurrent;
using Orleans.Metadata;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// Remembers the grain interface type of each interface. Orleans works it out again on every GetGrain: it reads the
/// interface's attributes by reflection, then formats its name, and on the schedule benchmark that was 5 % of the
/// silo's CPU (the API and the grains get a reference on every request). The answer is Orleans' own (its attribute
/// provider, else its convention), asked once per interface; generic interfaces are left to Orleans.
/// </summary>
internal sealed class GrainInterfaceTypeCache(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> _known = new();
    private readonly AttributeGrainInterfaceTypeProvider _attributes = new(services);

    /// <summary>Puts the cache before Orleans' own providers, which it consults.</summary>
    public static void AddTo(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, GrainInterfaceTypeCache>());

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        if (type.IsGenericType)
        {
            grainInterfaceType = default;
            return false;
        }

        grainInterfaceType = _known.GetOrAdd(type, static (type, cache) => cache.Resolve(type), this);
        return true;
    }

    private GrainInterfaceType Resolve(Type type) =>
        _attributes.TryGetGrainInterfaceType(type, out var byAttribute)
            ? byAttribute
            : services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceTypeByConvention(type);
}
