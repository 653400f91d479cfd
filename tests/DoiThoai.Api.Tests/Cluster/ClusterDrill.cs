using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>The drills on the production topology run one at a time: each starts its own PostgreSQL and silos.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterDrills
{
    public const string Name = "cluster drills";
}

/// <summary>
/// A 3-silo cluster on PostgreSQL (or, <c>azure</c>, on Azurite for membership and grain state and PostgreSQL for the
/// rest) with the real channels: the SMTP sink and Kannel with its simulated SMSC, whose
/// delivery reports come back to the first silo (the drills never kill it; in production they go to the Service).
/// Residents are imported with both an e-mail address and a mobile number, consenting to both (or, in a
/// <see cref="NetworkLab"/>, where the SMTP sink on 127.0.0.1 is out of the silos' reach, with a mobile number only).
/// Given a lab, PostgreSQL, Kannel and the silos each run in a host of their own: "postgres", "kannel", "silo-k".
/// </summary>
internal sealed class ClusterDrill : IAsyncDisposable
{
    public const string DlrSecret = "drill-dlr-secret";

    // Mobile prefixes in use in Việt Nam, one per commune of a drill, so every number is distinct and valid.
    private static readonly string[] MobilePrefixes = ["090", "091", "093", "094", "096", "097", "098", "032", "033", "034"];

    // What one silo's dispatcher has sent and not yet recorded at most: twice each channel's concurrency in messages (SMTP 4
    // connections; Kannel 16 requests of up to 50 phones each, the same text to many phones going as one request).
    public const int EmailInHandPerSilo = 2 * 4;
    public const int SmsInHandPerSilo = 2 * 16 * 50;

    /// <summary>What one silo has on the way to Kannel at most: 16 requests of up to 50 phones.</summary>
    public const int SmsInFlightPerSilo = 16 * 50;

    private readonly bool _inLab;

    public ClusterDrill(int silos = 3, bool azure = false, NetworkLab? lab = null)
    {
        _inLab = lab is not null;
        Cluster = new SiloCluster(silos, azure, lab);
        Kannel = new KannelGateway(lab?.Hosts["kannel"]);
        Cluster.Settings["Email:Smtp:Host"] = "127.0.0.1";
        Cluster.Settings["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture);
        Cluster.Settings["Email:Smtp:From"] = "UBND thành phố Đà Nẵng <ubnd@danang.gov.vn>";
        Cluster.Settings["Sms:Kannel:SendUrl"] = Kannel.SendUrl;
        Cluster.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        Cluster.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        Cluster.Settings["Sms:Kannel:DlrSecret"] = DlrSecret;
        Cluster.Settings["Sms:Kannel:DlrUrl"] = new Uri(Cluster.Silos[0].BaseAddress, "/api/sms/dlr").ToString();
        Cluster.Settings["Delivery:PollInterval"] = "00:00:00.100";
        Cluster.Settings["Delivery:Lease"] = "00:00:10"; // what a dead silo held is taken again after this
        Cluster.Settings["Logging:LogLevel:Default"] = "Warning";
        Clients = [.. Cluster.Silos.Select(s => s.CreateClient(TimeSpan.FromSeconds(60)))];
    }

    public SiloCluster Cluster { get; }

    public SmtpSink Smtp { get; } = new();

    public KannelGateway Kannel { get; }

    /// <summary>The API of each silo: a load balancer in front of the cluster spreads requests over them.</summary>
    public IReadOnlyList<HttpClient> Clients { get; }

    /// <summary>The API of the first silo, the one the drills keep alive.</summary>
    public HttpClient Client => Clients[0];

    /// <summary>The API of the n-th silo, round the cluster.</summary>
    public HttpClient ClientFor(int n) => Clients[n % Clients.Count];

    /// <summary>Communes of Thành phố Đà Nẵng, in code order.</summary>
    public static IReadOnlyList<string> Communes(int count) =>
        [.. AdminUnitRegistry.Official.FindProvince("48")!.Communes.Take(count).Select(c => c.Code)];

    public static string Email(int commune, int person) => $"dan{person}@xa{commune}.danang.vn";

    /// <summary>The number as the SMSC sees it, without the leading 0 or country code: compare on the last 9 digits.</summary>
    public static string Mobile(int commune, int person) => $"{MobilePrefixes[commune]}{person:D7}";

    public static string Last9(string number) => number[^9..];

    /// <summary>Starts the servers and the silos; if any fails to start, stops what did (xunit disposes nothing then).</summary>
    public async Task StartAsync()
    {
        try
        {
            await Smtp.StartAsync();
            await Kannel.StartAsync();
            await Cluster.StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task ImportResidentsAsync(int commune, string code, int people, HttpClient? client = null)
    {
        var csv = new StringBuilder("Họ và tên,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < people; i++)
        {
            var email = _inLab ? "" : Email(commune, i);
            csv.Append(CultureInfo.InvariantCulture, $"Nguyễn Văn An {i},Tổ dân phố {i % 8 + 1},{Mobile(commune, i)},{email},có,{(_inLab ? "không" : "có")}\n");
        }

        using var response = await (client ?? Client).PostAsync($"/api/communes/{code}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"),
            TestContext.Current.CancellationToken);
        var import = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal(people, import.GetProperty("added").GetInt32());
    }

    /// <summary>An urgent dialogue (no notice lead time) starting at the given moment; returns its id.</summary>
    public async Task<string> ScheduleUrgentAsync(string code, DateTimeOffset startsAt, HttpClient? client = null, string title = "Đối thoại về ngập lụt khu dân cư")
    {
        var local = startsAt.ToOffset(TimeSpan.FromHours(7));
        using var response = await (client ?? Client).PostJsonAsync($"/api/communes/{code}/sessions", $$"""
            {"kind": "urgent", "form": "in-person", "title": "{{title}}",
             "startsAt": "{{local:yyyy-MM-dd'T'HH:mm:ss}}+07:00", "durationMinutes": 90, "venue": "Hội trường UBND",
             "urgentReason": "Mưa lớn gây ngập sâu nhiều tuyến đường, cần lấy ý kiến người dân ngay"}
            """);
        return (await response.JsonAsync(HttpStatusCode.Created)).Str("id");
    }

    /// <summary>
    /// The session's delivery tally per channel (pending, sent, delivered, failed, cancelled); null while the cluster
    /// answers 503 (a silo just lost, its grains not yet moved), which a client retries.
    /// </summary>
    public async Task<Tallies?> TallyAsync(string code, string sessionId, HttpClient? client = null)
    {
        using var response = await (client ?? Client).Get($"/api/communes/{code}/sessions/{sessionId}/deliveries?pageSize=1");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Assert.True((await response.ProblemAsync(HttpStatusCode.ServiceUnavailable)).GetProperty("retryable").GetBoolean());
            return null;
        }

        var report = await response.JsonAsync(HttpStatusCode.OK);
        var tallies = new Tallies();
        foreach (var c in report.GetProperty("byChannel").EnumerateArray())
        {
            tallies[c.Str("channel")] = new Tally(Int(c, "pending"), Int(c, "sent"), Int(c, "delivered"), Int(c, "failed"), Int(c, "cancelled"));
        }

        return tallies;
    }

    /// <summary>How many reads <see cref="ReadAsync"/> had to repeat after a retryable 503.</summary>
    public int RetriedReads { get; private set; }

    /// <summary>
    /// A read as a page makes it: a retryable 503 (a cluster just restarted, its membership still settling) is waited
    /// out after its Retry-After, for at most a minute; any other answer than 200 fails the drill.
    /// </summary>
    public async Task<string> ReadAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            using var response = await Client.Get(url);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200 for {url}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            }

            var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.True(problem.GetProperty("retryable").GetBoolean(), $"A 503 that is not retryable for a read: {problem}");
            RetriedReads++;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every row of the session's deliveries (notice, recipient, channel, status), page by page.</summary>
    public async Task<List<JsonElement>> RowsAsync(string code, string sessionId)
    {
        var rows = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var report = JsonDocument.Parse(await ReadAsync($"/api/communes/{code}/sessions/{sessionId}/deliveries?page={page}&pageSize=500")).RootElement;
            var items = report.GetProperty("items").EnumerateArray().ToList();
            rows.AddRange(items);
            if (items.Count < 500)
            {
                return rows;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        await Cluster.DisposeAsync();
        await Kannel.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private static int Int(JsonElement element, string property) => element.GetProperty(property).GetInt32();
}

/// <summary>A session's tally by channel ("email", "sms", "loudspeaker"), readable in a failure message.</summary>
internal sealed class Tallies() : Dictionary<string, Tally>(StringComparer.OrdinalIgnoreCase)
{
    /// <summary>A channel with no message yet counts zero everywhere.</summary>
    public new Tally this[string channel]
    {
        get => TryGetValue(channel, out var tally) ? tally : new Tally(0, 0, 0, 0, 0);
        set => base[channel] = value;
    }

    public override string ToString() => string.Join("; ", this.Select(t => $"{t.Key}: {t.Value}"));
}

internal sealed record Tally(int Pending, int Sent, int Delivered, int Failed, int Cancelled)
{
    public int Done => Sent + Delivered;
}
