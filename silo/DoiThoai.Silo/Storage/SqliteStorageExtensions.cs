using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

public static class SqliteStorageExtensions
{
    /// <summary>Registers a named grain storage kept in the platform's SQLite file.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
            new SqliteGrainStorage(services.GetRequiredService<SqliteDatabase>(), services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }
}
