using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains;
using DoiThoai.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoiThoai.Silo.Hosting;

/// <summary>What every silo of the platform needs, whatever its clustering: used by the host and by the tests.</summary>
public static class SiloSetup
{
    public static ISiloBuilder AddDoiThoaiGrains(this ISiloBuilder silo, string databasePath)
    {
        silo.AddSqliteGrainStorage(GrainStorage.Name, databasePath);
        silo.Services.TryAddSingleton(AdminUnitRegistry.Official);
        silo.Services.TryAddKeyedSingleton(PlatformClock.Key, TimeProvider.System);
        return silo;
    }
}
