using DoiThoai.Silo.Hosting;
using DoiThoai.TestServers;
using Microsoft.Extensions.Configuration;

namespace DoiThoai.Api.Tests.Deployment;

/// <summary>Which store each part of the platform uses, and a silo that refuses to start when a part has none.</summary>
public sealed class TopologyTests
{
    private const string Postgres = "Host=127.0.0.1;Username=doithoai;Database=doithoai";
    private const string Azure = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static Topology Read(params (string Key, string Value)[] settings) =>
        Topology.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void Nothing_set_is_the_embedded_platform_on_one_silo()
    {
        var topology = Read();

        Assert.Equal((ClusteringProvider.Localhost, StorageProvider.Embedded, false, false), (topology.Clustering, topology.Storage, topology.UsesPostgres, topology.UsesAzure));
    }

    [Fact]
    public void The_azure_topology_keeps_grain_state_and_membership_in_azure_and_the_records_in_postgres()
    {
        var topology = Read(
            ("Orleans:Clustering:ProviderType", "AzureStorage"), ("Orleans:Storage:Provider", "AzureStorage"),
            ("ConnectionStrings:AzureStorage", Azure), ("ConnectionStrings:Postgres", Postgres));

        Assert.Equal((ClusteringProvider.AzureStorage, StorageProvider.AzureStorage, true, true), (topology.Clustering, topology.Storage, topology.UsesPostgres, topology.UsesAzure));
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), topology.Azure!.BlobService().Uri);
        Assert.Equal(10002, topology.Azure.TableService().Uri.Port);
    }

    [Fact]
    public void Service_addresses_sign_in_with_the_default_azure_credential_and_need_no_key()
    {
        var topology = Read(
            ("Orleans:Clustering:ProviderType", "AzureStorage"), ("Orleans:Storage:Provider", "AzureStorage"),
            ("Orleans:AzureStorage:BlobServiceUri", "https://doithoaistate.blob.core.windows.net/"),
            ("Orleans:AzureStorage:TableServiceUri", "https://doithoaistate.table.core.windows.net/"),
            ("ConnectionStrings:Postgres", Postgres));

        Assert.Null(topology.Azure!.ConnectionString);
        Assert.Equal("doithoaistate", topology.Azure.BlobService().AccountName);
        Assert.Equal("doithoaistate", topology.Azure.TableService().AccountName);
    }

    [Theory]
    [InlineData("AzureStorage", "AzureStorage", false, true, "the delivery outbox, the audit log and the timed jobs stay in PostgreSQL: set ConnectionStrings:Postgres")]
    [InlineData("AzureStorage", "AzureStorage", true, false, "keeps grain state in Azure Blob storage: set ConnectionStrings:AzureStorage, or Orleans:AzureStorage:BlobServiceUri")]
    [InlineData("AzureStorage", "Postgres", true, false, "keeps the membership table in Azure Table storage: set ConnectionStrings:AzureStorage, or Orleans:AzureStorage:TableServiceUri")]
    [InlineData("AzureStorage", "Embedded", true, true, "Several silos cannot share the embedded store")]
    [InlineData("AdoNet", "Embedded", true, false, "Several silos cannot share the embedded store")]
    [InlineData("AdoNet", "Postgres", false, false, "set ConnectionStrings:Postgres")]
    public void A_part_without_a_store_stops_the_silo_with_the_setting_to_give(string clustering, string storage, bool postgres, bool azure, string message)
    {
        var settings = new List<(string, string)> { ("Orleans:Clustering:ProviderType", clustering), ("Orleans:Storage:Provider", storage) };
        if (postgres)
        {
            settings.Add(("ConnectionStrings:Postgres", Postgres));
        }

        if (azure)
        {
            settings.Add(("ConnectionStrings:AzureStorage", Azure));
        }

        var error = Assert.Throws<InvalidOperationException>(() => Read([.. settings]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_program_without_a_store_for_its_outbox_exits_saying_which_setting_to_give()
    {
        await using var silo = new SiloProcess();
        silo.Settings["Orleans:Clustering:ProviderType"] = "AzureStorage";
        silo.Settings["Orleans:Storage:Provider"] = "AzureStorage";
        silo.Settings["ConnectionStrings:AzureStorage"] = Azure;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.StartAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("exited: True", error.Message, StringComparison.Ordinal);
        Assert.Contains("the delivery outbox, the audit log and the timed jobs stay in PostgreSQL: set ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", error.Message, StringComparison.Ordinal); // the account's key is never printed
    }

    [Fact]
    public void A_service_address_that_is_not_one_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(
            ("Orleans:Storage:Provider", "AzureStorage"), ("Orleans:AzureStorage:BlobServiceUri", "doithoaistate"), ("ConnectionStrings:Postgres", Postgres)));

        Assert.Contains("Orleans:AzureStorage:BlobServiceUri 'doithoaistate' is not an http(s) address", error.Message, StringComparison.Ordinal);
    }
}
