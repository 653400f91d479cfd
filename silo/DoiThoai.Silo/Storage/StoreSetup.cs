using DoiThoai.Grains;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Audit;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>Where grain state, the delivery outbox, the audit log and the timed jobs live: always together, in one database.</summary>
public static class StoreSetup
{
    /// <summary>The embedded default: one SQLite file.</summary>
    public static ISiloBuilder AddEmbeddedStore(this ISiloBuilder silo, string databasePath)
    {
        silo.Services.TryAddSingleton(_ => new SqliteDatabase(databasePath));
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (services, _) =>
            new SqliteGrainStorage(services.GetRequiredService<SqliteDatabase>(), services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        silo.Services.TryAddSingleton<IDeliveryOutbox, SqliteDeliveryOutbox>();
        silo.Services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        silo.Services.TryAddSingleton<JobStore>(JobStore.BesideEmbedded(databasePath));
        return silo;
    }

    /// <summary>The production store: PostgreSQL (the <see cref="NpgsqlDataSource"/> registered by the topology).</summary>
    public static ISiloBuilder AddPostgresStore(this ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (services, _) =>
            new PostgresGrainStorage(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        silo.Services.TryAddSingleton<IDeliveryOutbox, PostgresDeliveryOutbox>();
        silo.Services.TryAddSingleton<IAuditStore, PostgresAuditStore>();
        silo.Services.TryAddSingleton<JobStore>(services => new JobStore.Postgres(services.GetRequiredService<NpgsqlDataSource>()));
        return silo;
    }
}
