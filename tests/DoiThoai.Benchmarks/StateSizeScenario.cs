using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks;

/// <summary>
/// Why grain state is kept in Azure Blob storage and not Table storage: one commune's contact registry (a grain
/// state) grown through the API's CSV import to the residents of a large ward, on the Azure topology (Azurite), its
/// stored size read from the blob after each step, against what one Table storage entity can hold through Orleans'
/// Table provider (the state split over at most 15 binary properties of 64 KiB).
/// </summary>
public static class StateSizeScenario
{
    private const string Commune = "25747"; // Phường Thủ Dầu Một, Thành phố Hồ Chí Minh
    private static readonly int[] Steps = [1_000, 5_000, 10_000, 30_000];
    private const double TableEntityLimitKiB = 15 * 64;

    public static async Task<BenchmarkReport> RunAsync(BenchmarkArguments arguments)
    {
        await using var cluster = new SiloCluster(1, azure: true);
        cluster.Settings["Logging:LogLevel:Default"] = "Warning";
        await cluster.StartAsync();
        using var client = Load.Client(cluster.Silos[0]);
        var container = new BlobServiceClient(cluster.Azurite!.ConnectionString).GetBlobContainerClient("doithoai-grain-state");

        var rows = new List<Measurement>();
        var imported = 0;
        foreach (var target in Steps)
        {
            Console.WriteLine($"importing residents up to {target}…");
            var clock = Stopwatch.StartNew();
            while (imported < target)
            {
                var batch = Math.Min(5_000, target - imported);
                using var response = await client.PostAsync($"/api/communes/{Commune}/contacts/import",
                    new StringContent(Csv(imported, batch), Encoding.UTF8, "text/csv"));
                Require.That(response.IsSuccessStatusCode, $"The import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                imported += batch;
            }

            var importSeconds = clock.Elapsed.TotalSeconds;
            var size = await ContactsBlobBytesAsync(container);
            var label = $"{target.ToString("N0", CultureInfo.InvariantCulture)} residents";
            rows.Add(new($"{label}: contact registry stored", size / 1024.0, "KiB"));
            rows.Add(new($"{label}: per resident", size / (double)target, "bytes"));
            rows.Add(new($"{label}: / one Table entity through Orleans ({TableEntityLimitKiB:0} KiB)", size / 1024.0 / TableEntityLimitKiB, ""));
            rows.Add(new($"{label}: import of the step", importSeconds, "s"));
        }

        return new BenchmarkReport("state-size",
            $"The Azure topology, one silo, Release, Azurite 3.37 on this machine; residents imported into one commune ({Commune}) " +
            "through the CSV import, 5,000 lines a request, each with a name, hamlet, mobile number, e-mail address and both consents.",
            rows,
            ["A state above 1 (the last column) cannot be written through Orleans' Table storage provider at all."]);
    }

    private static async Task<long> ContactsBlobBytesAsync(BlobContainerClient container)
    {
        long largest = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "contacts", CancellationToken.None))
        {
            if (blob.Name.Contains(Commune, StringComparison.Ordinal))
            {
                largest = Math.Max(largest, blob.Properties.ContentLength ?? 0);
            }
        }

        Require.That(largest > 0, "No contact registry blob was found.");
        return largest;
    }

    private static string Csv(int first, int count)
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = first; i < first + count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"Nguyễn Thị Hồng Nhung {i},người dân,Tổ dân phố {i % 60 + 1},09{i / 10_000_000 % 10}{i % 10_000_000:D7},cu.dan{i}@thudaumot.hcm.vn,có,có\n");
        }

        return csv.ToString();
    }
}
