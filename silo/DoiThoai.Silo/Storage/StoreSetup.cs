using DoiThoai.Grains;
using DoiThoai.Grains.Audit;
using DoiThoai.Silo.Audit;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// Where grain state, the delivery outbox, the audit log and the timed jobs live: together in one database (embedded
/// SQLite, or PostgreSQL), or grain state in Azure Blob storage and the rest in PostgreSQL (the Azure topology: the
/// outbox, the audit log and Quartz need transactions and queries that blobs do not give).
/// </summary>
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
        return silo.AddPostgresRecords();
    }

    /// <summary>
    /// The Azure topology: grain state through Orleans' Azure Blob provider (one blob per state, in the same JSON the
    /// other stores keep, deleted when cleared), the records in PostgreSQL.
    /// </summary>
    public static ISiloBuilder AddAzureStore(this ISiloBuilder silo, AzureStorageAccount account)
    {
        silo.Services.AddAzureGrainState(account);
        return silo.AddPostgresRecords();
    }

    /// <summary>Grain state in Azure Blob storage, as the silo registers it (the storage tests register it alone).</summary>
    public static IServiceCollection AddAzureGrainState(this IServiceCollection services, AzureStorageAccount account)
    {
        services.AddAzureBlobGrainStorage(AzureBlobsName, options =>
        {
            options.BlobServiceClient = account.BlobService();
            options.ContainerName = AzureContainer;
            options.DeleteStateOnClear = true;
            options.GrainStorageSerializer = JsonStateSerializer;
        });
        services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (provider, _) =>
            new AzureGrainStorage(provider.GetRequiredKeyedService<IGrainStorage>(AzureBlobsName), JsonStateSerializer));
        return services;
    }

    /// <summary>The blob container that holds grain state.</summary>
    public const string AzureContainer = "doithoai-grain-state";

    private const string AzureBlobsName = "azure-blobs";

    /// <summary>Orleans' System.Text.Json serializer with the options every store of the platform writes with.</summary>
    public static IGrainStorageSerializer JsonStateSerializer { get; } = CreateJsonStateSerializer();

    private static SystemTextJsonGrainStorageSerializer CreateJsonStateSerializer()
    {
        var settings = new SystemTextJsonGrainStorageSerializerOptions();
        var json = settings.JsonSerializerOptions;
        var platform = JsonGrainStorage.SerializerOptions;
        json.PropertyNamingPolicy = platform.PropertyNamingPolicy;
        json.PropertyNameCaseInsensitive = platform.PropertyNameCaseInsensitive;
        json.NumberHandling = platform.NumberHandling;
        json.DefaultIgnoreCondition = platform.DefaultIgnoreCondition;
        foreach (var converter in platform.Converters)
        {
            json.Converters.Add(converter);
        }

        return new SystemTextJsonGrainStorageSerializer(Options.Create(settings));
    }

    /// <summary>The delivery outbox, the audit log and the job store in PostgreSQL.</summary>
    private static ISiloBuilder AddPostgresRecords(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<IDeliveryOutbox, PostgresDeliveryOutbox>();
        silo.Services.TryAddSingleton<IAuditStore, PostgresAuditStore>();
        silo.Services.TryAddSingleton<JobStore>(services => new JobStore.Postgres(services.GetRequiredService<NpgsqlDataSource>()));
        return silo;
    }
}
