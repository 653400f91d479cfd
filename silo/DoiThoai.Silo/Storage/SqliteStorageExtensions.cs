using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

public static class SqliteStorageExtensions
{
    /// <summary>Registers a named grain storage kept in the SQLite file at <paramref name="databasePath"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name, string databasePath)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
            new SqliteGrainStorage(databasePath, services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }
}
