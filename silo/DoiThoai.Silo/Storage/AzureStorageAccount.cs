using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using DoiThoai.Grains.Abstractions.Storage;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// The Azure Storage account of the Azure topology: either a connection string (<c>ConnectionStrings:AzureStorage</c>,
/// from the environment or a Kubernetes Secret) or the account's service addresses
/// (<c>Orleans:AzureStorage:BlobServiceUri</c>, <c>…:TableServiceUri</c>) reached with <see cref="DefaultAzureCredential"/>
/// (a managed or workload identity in Azure; no secret in configuration at all).
/// </summary>
public sealed record AzureStorageAccount(string? ConnectionString, Uri? BlobServiceUri, Uri? TableServiceUri)
{
    public const string ConnectionStringName = "AzureStorage";

    public static IReadOnlyList<string> Keys { get; } =
        ["ConnectionStrings:AzureStorage", "Orleans:AzureStorage:BlobServiceUri", "Orleans:AzureStorage:TableServiceUri"];

    /// <summary>The account configured, or null when none is; a malformed address stops the silo with the reason.</summary>
    public static AzureStorageAccount? From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Orleans:AzureStorage");
        var account = new AzureStorageAccount(
            configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } text ? text : null,
            UriOf(section, "BlobServiceUri"),
            UriOf(section, "TableServiceUri"));
        return account is { ConnectionString: null, BlobServiceUri: null, TableServiceUri: null } ? null : account;
    }

    /// <summary>Grain state: blobs, one per state (see README, "Topologies", for why not tables).</summary>
    public BlobServiceClient BlobService() =>
        ConnectionString is { } text ? new BlobServiceClient(text, Bounded(new BlobClientOptions()))
        : BlobServiceUri is { } uri ? new BlobServiceClient(uri, Credential, Bounded(new BlobClientOptions()))
        : throw new InvalidOperationException("Grain state in Azure Storage needs ConnectionStrings:AzureStorage or Orleans:AzureStorage:BlobServiceUri.");

    /// <summary>Cluster membership: Orleans' table of silos.</summary>
    public TableServiceClient TableService() =>
        ConnectionString is { } text ? new TableServiceClient(text, Bounded(new TableClientOptions()))
        : TableServiceUri is { } uri ? new TableServiceClient(uri, Credential, Bounded(new TableClientOptions()))
        : throw new InvalidOperationException("Membership in Azure Storage needs ConnectionStrings:AzureStorage or Orleans:AzureStorage:TableServiceUri.");

    /// <summary>
    /// The SDK retries a failed request (three times by default, up to a minute apart, each waiting up to 100 s): while
    /// storage is away a grain call would outlive Orleans' 30 s response timeout. Here a request gives up within
    /// <see cref="CallDeadline.WriteAllowance"/> (two retries 0.5–1 s apart, 4 s each at most: 13.5 s), so that the
    /// caller gets a clear, retryable 503 in time and a write never lands after its caller stopped waiting.
    /// </summary>
    private static T Bounded<T>(T options)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(4);
        return options;
    }

    private static TokenCredential Credential => SharedCredential.Value;

    // One credential for both clients: it caches the token it obtained.
    private static readonly Lazy<TokenCredential> SharedCredential = new(() => new DefaultAzureCredential());

    private static Uri? UriOf(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } value ? null
        : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri
        : throw new InvalidOperationException($"Orleans:AzureStorage:{key} '{value}' is not an http(s) address.");
}
