using System.Net;
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
}

public enum StorageProvider
{
    /// <summary>Grain state and the delivery outbox in one SQLite file under the data folder.</summary>
    Embedded,

    /// <summary>Grain state and the delivery outbox in PostgreSQL, shared by every silo.</summary>
    Postgres,
}

/// <summary>
/// Which cluster this silo joins and where state lives, read from configuration only (section "Orleans"):
/// <c>Orleans:Clustering:ProviderType</c> (absent: one local silo; AdoNet: the PostgreSQL membership table, Orleans'
/// own configuration), <c>Orleans:Storage:Provider</c> (Embedded | Postgres),
/// <c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>, <c>Orleans:AdvertisedAddress</c>, <c>Orleans:Kubernetes</c>
/// (true: endpoints and cluster identity from the pod), and <c>ConnectionStrings:Postgres</c>.
/// The platform keeps no Orleans reminders: every timed send is a row of the delivery outbox (see README).
/// </summary>
public sealed record Topology(
    ClusteringProvider Clustering,
    StorageProvider Storage,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    bool Kubernetes,
    string? PostgresConnectionString)
{
    public const string Section = "Orleans";

    /// <summary>Every configuration key the topology reads (deployment manifests are checked against them).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Orleans:Clustering:ProviderType", "Orleans:Clustering:Invariant", "Orleans:Clustering:ConnectionName",
        "Orleans:Storage:Provider", "Orleans:ClusterId", "Orleans:ServiceId", "Orleans:AdvertisedAddress", "Orleans:Kubernetes",
        "Orleans:Name", "ConnectionStrings:Postgres",
    ];

    public bool UsesPostgres => Storage == StorageProvider.Postgres;

    /// <summary>Reads and checks the topology; a wrong value stops the silo at start with the reason.</summary>
    public static Topology From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var clustering = Parse<ClusteringProvider>(section, "Clustering:ProviderType");
        var storage = Parse<StorageProvider>(section, "Storage:Provider");
        var address = section["AdvertisedAddress"] ?? "127.0.0.1";
        var topology = new Topology(
            clustering,
            storage,
            section["ClusterId"] ?? "doithoai",
            section["ServiceId"] ?? "doithoai",
            IPAddress.TryParse(address, out var ip) ? ip : throw new InvalidOperationException($"Orleans:AdvertisedAddress '{address}' is not an IP address."),
            section.GetValue("Kubernetes", false),
            configuration.GetConnectionString("Postgres"));
        if (topology.UsesPostgres && string.IsNullOrWhiteSpace(topology.PostgresConnectionString))
        {
            throw new InvalidOperationException("The topology uses PostgreSQL: set ConnectionStrings:Postgres.");
        }

        if (clustering == ClusteringProvider.AdoNet && storage == StorageProvider.Embedded)
        {
            throw new InvalidOperationException(
                "Several silos cannot share the embedded store: with Orleans:Clustering:ProviderType=AdoNet set Orleans:Storage:Provider=Postgres.");
        }

        return topology;
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
            case ClusteringProvider.AdoNet:
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

        switch (topology.Storage)
        {
            case StorageProvider.Embedded:
                silo.AddEmbeddedStore(platform.DatabasePath);
                break;
            case StorageProvider.Postgres:
                silo.AddPostgresStore();
                break;
        }

        return silo;
    }
}
