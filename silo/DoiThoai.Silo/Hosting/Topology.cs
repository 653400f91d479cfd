using System.Net;
using DoiThoai.Grains.Abstractions.Storage;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Storage;
using DoiThoai.Grains.Delivery;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;

namespace DoiThoai.Silo.Hosting;

public enum ClusteringProvider
{
    /// <summary>One silo on 127.0.0.1: the embedded default.</summary>
    Localhost,

    /// <summary>
    /// Silos find each other through the membership table in PostgreSQL: Orleans ADO.NET clustering, configured by
    /// Orleans itself from the section (ProviderType AdoNet, Invariant Npgsql, ConnectionName Postgres).
    /// </summary>
    AdoNet,

    /// <summary>
    /// Silos find each other through Orleans' membership table in Azure Table storage (Orleans' own name for the
    /// provider, AzureTableStorage, is accepted too; Orleans configures it from the section, with the table client the
    /// topology registers).
    /// </summary>
    AzureStorage,
}

public enum StorageProvider
{
    /// <summary>Grain state and the delivery outbox in one SQLite file under the data folder.</summary>
    Embedded,

    /// <summary>Grain state and the delivery outbox in PostgreSQL, shared by every silo.</summary>
    Postgres,

    /// <summary>Grain state in Azure Blob storage (Orleans' provider); the outbox, audit log and job store in PostgreSQL.</summary>
    AzureStorage,
}

/// <summary>
/// Which cluster this silo joins and where state lives, read from configuration only (section "Orleans"):
/// <c>Orleans:Clustering:ProviderType</c> (absent: one local silo; AdoNet: the PostgreSQL membership table, Orleans'
/// own configuration; AzureStorage: Orleans' membership table in Azure Table storage),
/// <c>Orleans:Storage:Provider</c> (Embedded | Postgres | AzureStorage), <c>Orleans:ClusterId</c>,
/// <c>Orleans:ServiceId</c>, <c>Orleans:AdvertisedAddress</c>, <c>Orleans:Kubernetes</c> (true: endpoints and cluster
/// identity from the pod), <c>ConnectionStrings:Postgres</c> and the Azure account (<see cref="AzureStorageAccount"/>).
/// The platform keeps no Orleans reminders: timed work is Quartz's (see README).
/// </summary>
public sealed record Topology(
    ClusteringProvider Clustering,
    StorageProvider Storage,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    bool Kubernetes,
    string? PostgresConnectionString,
    AzureStorageAccount? Azure,
    SiloTls? Tls = null)
{
    public const string Section = "Orleans";

    /// <summary>Every configuration key the topology reads (deployment manifests are checked against them).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Orleans:Clustering:ProviderType", "Orleans:Clustering:Invariant", "Orleans:Clustering:ConnectionName",
        "Orleans:Storage:Provider", "Orleans:ClusterId", "Orleans:ServiceId", "Orleans:AdvertisedAddress", "Orleans:Kubernetes",
        "Orleans:Name", "ConnectionStrings:Postgres", .. AzureStorageAccount.Keys, .. SiloTls.Keys,
    ];

    /// <summary>The outbox, the audit log and the job store are in PostgreSQL (every topology but the embedded one).</summary>
    public bool UsesPostgres => Storage != StorageProvider.Embedded;

    public bool UsesAzure => Storage == StorageProvider.AzureStorage || Clustering == ClusteringProvider.AzureStorage;

    /// <summary>Reads and checks the topology; a wrong value stops the silo at start with the reason.</summary>
    public static Topology From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var clustering = section["Clustering:ProviderType"] == OrleansAzureClustering ? ClusteringProvider.AzureStorage
            : Parse<ClusteringProvider>(section, "Clustering:ProviderType");
        var storage = Parse<StorageProvider>(section, "Storage:Provider");
        var address = section["AdvertisedAddress"] ?? "127.0.0.1";
        var topology = new Topology(
            clustering,
            storage,
            section["ClusterId"] ?? "doithoai",
            section["ServiceId"] ?? "doithoai",
            IPAddress.TryParse(address, out var ip) ? ip : throw new InvalidOperationException($"Orleans:AdvertisedAddress '{address}' is not an IP address."),
            section.GetValue("Kubernetes", false),
            configuration.GetConnectionString("Postgres"),
            AzureStorageAccount.From(configuration),
            SiloTls.From(configuration));
        topology.Check();
        return topology;
    }

    /// <summary>Orleans' name of its Azure Table membership provider, which it looks up from Orleans:Clustering:ProviderType.</summary>
    private const string OrleansAzureClustering = "AzureTableStorage";

    /// <summary>The key under which the membership table's client is registered for Orleans (Orleans:Clustering:ServiceKey).</summary>
    public const string MembershipClientKey = "doithoai-membership";

    /// <summary>
    /// What Orleans itself must read from the section, which it reads before the silo is built: in the Azure topology,
    /// its provider's own name and the key of the table client registered by <see cref="TopologySetup.UseTopology"/>.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> OrleansProviderSettings =>
        Clustering == ClusteringProvider.AzureStorage
            ? [new($"{Section}:Clustering:ProviderType", OrleansAzureClustering), new($"{Section}:Clustering:ServiceKey", MembershipClientKey)]
            : [];

    /// <summary>Every part of the platform has a store: a silo refuses to start with the setting that is missing.</summary>
    private void Check()
    {
        if (Clustering != ClusteringProvider.Localhost && Storage == StorageProvider.Embedded)
        {
            throw new InvalidOperationException(
                $"Several silos cannot share the embedded store: with Orleans:Clustering:ProviderType={Clustering} set Orleans:Storage:Provider to Postgres or AzureStorage.");
        }

        var noPostgres = string.IsNullOrWhiteSpace(PostgresConnectionString);
        if (Storage == StorageProvider.AzureStorage && noPostgres)
        {
            throw new InvalidOperationException(
                "Orleans:Storage:Provider=AzureStorage keeps grain state in Azure Blob storage; the delivery outbox, the audit log and the timed jobs stay in PostgreSQL: set ConnectionStrings:Postgres.");
        }

        if ((UsesPostgres || Clustering == ClusteringProvider.AdoNet) && noPostgres)
        {
            throw new InvalidOperationException("The topology uses PostgreSQL: set ConnectionStrings:Postgres.");
        }

        if (Storage == StorageProvider.AzureStorage && Azure is not ({ ConnectionString: not null } or { BlobServiceUri: not null }))
        {
            throw new InvalidOperationException(
                "Orleans:Storage:Provider=AzureStorage keeps grain state in Azure Blob storage: set ConnectionStrings:AzureStorage, or Orleans:AzureStorage:BlobServiceUri (signed in with DefaultAzureCredential).");
        }

        if (Clustering == ClusteringProvider.AzureStorage && Azure is not ({ ConnectionString: not null } or { TableServiceUri: not null }))
        {
            throw new InvalidOperationException(
                "Orleans:Clustering:ProviderType=AzureStorage keeps the membership table in Azure Table storage: set ConnectionStrings:AzureStorage, or Orleans:AzureStorage:TableServiceUri (signed in with DefaultAzureCredential).");
        }
    }

    private static T Parse<T>(IConfigurationSection section, string key)
        where T : struct, Enum
    {
        var value = section[key];
        return value is null ? default
            : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new InvalidOperationException($"Orleans:{key} '{value}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
    }
}

public static class TopologySetup
{
    /// <summary>Joins the cluster the topology names and registers where grain state and the outbox live.</summary>
    public static ISiloBuilder UseTopology(this ISiloBuilder silo, Topology topology, PlatformOptions platform)
    {
        silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = CallDeadline.CallerWaits);
        if (topology.UsesPostgres)
        {
            silo.Services.AddSingleton(_ => PostgresDataSource.Create(topology.PostgresConnectionString!));

            // A grain on another silo that fails on the database passes its NpgsqlException back to the caller, which
            // then answers 503 (retryable) rather than failing to serialize it into a 500.
            silo.Services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));
        }

        switch (topology.Clustering)
        {
            case ClusteringProvider.Localhost:
                silo.UseLocalhostClustering(platform.SiloPort, platform.GatewayPort, serviceId: topology.ServiceId, clusterId: topology.ClusterId);
                break;
            case ClusteringProvider.AdoNet or ClusteringProvider.AzureStorage:
                if (topology.Clustering == ClusteringProvider.AzureStorage)
                {
                    silo.Services.AddKeyedSingleton(Topology.MembershipClientKey, (_, _) => topology.Azure!.TableService());
                }

                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = topology.ClusterId;
                    options.ServiceId = topology.ServiceId;
                });
                if (topology.Kubernetes)
                {
                    silo.UseKubernetesHosting(); // pod IP, ports and cluster identity from the pod; dead pods leave the cluster
                }
                else
                {
                    silo.ConfigureEndpoints(topology.AdvertisedAddress, platform.SiloPort, platform.GatewayPort);
                }

                break;
        }

        topology.Tls?.Apply(silo);
        switch (topology.Storage)
        {
            case StorageProvider.Embedded:
                silo.AddEmbeddedStore(platform.DatabasePath);
                break;
            case StorageProvider.Postgres:
                silo.AddPostgresStore();
                break;
            case StorageProvider.AzureStorage:
                silo.AddAzureStore(topology.Azure!);
                break;
        }

        return silo;
    }
}
