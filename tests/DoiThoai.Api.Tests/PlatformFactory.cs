using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DoiThoai.Domain.Calendar;
using DoiThoai.Api.Tests.Contract;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.TestServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DoiThoai.Api.Tests;

/// <summary>
/// The embedded platform in process (one silo hosting the API) over a fresh data folder, with the rules' clock
/// fixed at Monday 2 November 2026, 09:00 in Vietnam.
/// </summary>
public sealed class PlatformFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, VietnamTime.Offset);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "doithoai-api-" + Guid.NewGuid().ToString("N"));

    /// <summary>The platform's data folder (its SQLite store and Quartz's jobs.db).</summary>
    public string DataDir => _dataDir;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>What the platform answered, per operation: checked against the published contract when the platform stops.</summary>
    public AnsweredStatuses Answered { get; } = new();

    private bool _built;

    /// <summary>Configuration for this platform (e.g. Email:Smtp:Host), set before the first client is created.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>A logger that sees everything the platform logs, at every level (set before the first client is created).</summary>
    public ILoggerProvider? LogCapture { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (!Settings.ContainsKey("Auth:PublicRequestsPerMinute"))
        {
            // Every in-process request comes from one address that stands for every user of the platform (the hostile
            // input test alone sends hundreds to the public speaker form); the limit itself is tested with its own setting.
            builder.UseSetting("Auth:PublicRequestsPerMinute", "1000000");
        }

        if (!Settings.ContainsKey("Auth:FailedSignInsPerMinute"))
        {
            builder.UseSetting("Auth:FailedSignInsPerMinute", "1000000"); // the access matrix alone sends hundreds of bad tokens
        }

        if (!Settings.ContainsKey("Auth:LookupRequestsPerMinute"))
        {
            builder.UseSetting("Auth:LookupRequestsPerMinute", "1000000");
        }

        builder.UseSetting("Platform:DataDir", _dataDir);
        builder.UseSetting("Auth:AdminToken", SiloProcess.AdminToken);
        builder.UseSetting("Auth:SigningKey", SiloProcess.SigningKey);
        builder.UseSetting("Platform:SiloPort", Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Platform:GatewayPort", Ports.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services
            .AddKeyedSingleton<TimeProvider>(PlatformClock.Key, Clock)
            .AddSingleton<IStartupFilter>(new AnsweredStatuses.Filter(Answered)));
        _built = true;
        if (LogCapture is { } capture)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(capture).AddFilter(capture.GetType().FullName, LogLevel.Trace));
        }
    }

    /// <summary>Clients from <see cref="WebApplicationFactory{T}.CreateClient()"/> are signed in as the national administrator.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloProcess.AdminToken);
    }

    /// <summary>A client with no token at all: what anyone on the network is.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client signed in with a token the national administrator issued for a role and a unit.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string role, string? province = null, string? commune = null, string name = "Cán bộ thử nghiệm")
    {
        using var admin = CreateClient();
        var json = JsonSerializer.Serialize(new { name, role, province, commune });
        using var response = await admin.PostAsync("/api/tokens", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("token").GetString());
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        var undeclared = _built ? Answered.Undeclared(await ContractAsync()) : [];
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }

        // Every status an endpoint answered in the tests is one its operation declares: a client generated from the
        // contract knows every answer it can get.
        if (undeclared.Count > 0)
        {
            // Also in a file: xunit reports a failing collection fixture's cleanup without its message.
            await File.WriteAllLinesAsync(Path.Combine(Artifacts.Directory("openapi"), $"undeclared-{Guid.NewGuid():N}.txt"), undeclared);
            throw new InvalidOperationException("Answers the published contract (/openapi/v1.json) does not declare:\n" + string.Join("\n", undeclared));
        }
    }

    /// <summary>
    /// The published contract, as a client downloads it (from an address of its own, so that no test's rate limit on
    /// the shared in-process address refuses it).
    /// </summary>
    public async Task<JsonElement> ContractAsync()
    {
        TestServer server;
        try
        {
            server = Server;
        }
        catch (NotSupportedException)
        {
            using var client = CreateAnonymousClient(); // on Kestrel (UseKestrel): a real socket of the test's own
            return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        }

        var context = await server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = "/openapi/v1.json";
            request.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.200");
        });
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        return (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFactory>
{
    public const string Name = "platform";
}
