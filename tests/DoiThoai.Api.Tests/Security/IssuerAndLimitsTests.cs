using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using DoiThoai.Api.Security;
using DoiThoai.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Production identity (tokens of an external OpenID Connect issuer, found through its discovery document), the
/// public endpoints' rate limit, and the embedded platform's first start.
/// </summary>
public sealed class IssuerAndLimitsTests : IAsyncLifetime
{
    private const string Audience = "doithoai-ha-noi";

    private readonly RSA _issuerKey = RSA.Create(2048);
    private readonly int _issuerPort = Ports.Free();
    private WebApplication? _issuer;
    private readonly PlatformFactory _platform = new();

    private string Authority => $"http://127.0.0.1:{_issuerPort}/realms/ha-noi";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A stand-in for the province's identity provider: discovery document and signing keys, over plain HTTP.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_issuerPort}");
        _issuer = builder.Build();
        var parameters = _issuerKey.ExportParameters(false);
        _issuer.MapGet("/realms/ha-noi/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["jwks_uri"] = Authority + "/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _issuer.MapGet("/realms/ha-noi/keys", () => Results.Json(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "k1", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        }));
        await _issuer.StartAsync(Ct);

        _platform.Settings["Auth:Authority"] = Authority;
        _platform.Settings["Auth:Audience"] = Audience;
        _platform.Settings["Auth:RequireHttpsMetadata"] = "false";
        _platform.Settings["Auth:PublicRequestsPerMinute"] = "5";
        _platform.Settings["Auth:FailedSignInsPerMinute"] = "3";
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        _issuerKey.Dispose();
    }

    private string ExternalToken(RSA key, string audience, string role = Roles.CommuneOfficer, string commune = "00004") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["role"] = role, ["commune"] = commune, ["name"] = "Đào Văn Tú", ["sub"] = "u-123" },
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });

    private async Task<HttpStatusCode> StatusWith(string token, string url)
    {
        using var client = _platform.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync(url, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Tokens_of_the_configured_issuer_are_accepted_with_their_role_and_scope()
    {
        using var otherKey = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.OK, await StatusWith(ExternalToken(_issuerKey, Audience), "/api/communes/00004/sessions"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWith(ExternalToken(_issuerKey, Audience), "/api/communes/00008/sessions"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(ExternalToken(_issuerKey, "another-api"), "/api/communes/00004/sessions"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(ExternalToken(otherKey, Audience), "/api/communes/00004/sessions"));

        // An identity from the province's provider is the officer in person: it reaches its commune's personal data
        // (past authorization to the contact's own 404), which a token a province administrator issued does not.
        Assert.Equal(HttpStatusCode.NotFound, await StatusWith(ExternalToken(_issuerKey, Audience), "/api/communes/00004/contacts/c-none"));

        // The platform's own tokens keep working beside the issuer's.
        using var admin = _platform.CreateClient();
        await (await admin.Get("/api/provinces")).JsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_per_address()
    {
        const string guesser = "198.51.100.7", colleague = "198.51.100.8";
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await FromAddress(guesser, "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoibmF0aW9uYWwtYWRtaW4ifQ.guess" + i, "/api/me")).Response.StatusCode);
        }

        // The fourth guess within the minute, and then even a good token from that address, is held back unread.
        var throttled = await FromAddress(guesser, SiloProcess.AdminToken, "/api/me");
        Assert.Equal(StatusCodes.Status429TooManyRequests, throttled.Response.StatusCode);
        Assert.Equal("60", throttled.Response.Headers.RetryAfter.ToString());
        var problem = JsonDocument.Parse(throttled.Response.Body).RootElement;
        Assert.Equal("Quá nhiều lần đăng nhập sai", problem.Str("title"));

        // An officer at another address signs in, and the guesser's address still reads what is public.
        Assert.Equal(StatusCodes.Status200OK, (await FromAddress(colleague, SiloProcess.AdminToken, "/api/me")).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await FromAddress(guesser, null, "/api/communes/00004/calendar.ics")).Response.StatusCode);
    }

    /// <summary>A GET as a client at that address sends it (the in-process server takes the address as given).</summary>
    private Task<HttpContext> FromAddress(string address, string? token, string path) =>
        _platform.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
            if (token is not null)
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }
        }, Ct);

    [Fact]
    public async Task Public_endpoints_need_no_token_but_are_rate_limited_per_address()
    {
        using var anonymous = _platform.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            using var feed = await anonymous.Get("/api/communes/00004/calendar.ics");
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        }

        using var refused = await anonymous.Get("/api/communes/00004/calendar.ics");
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Quá nhiều yêu cầu", problem.Str("title"));
        Assert.NotNull(refused.Headers.RetryAfter);

        // Signed-in work is not held back by the public limit, and health stays answerable for probes.
        using var admin = _platform.CreateClient();
        await (await admin.Get("/api/communes/00004/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/health")).StatusCode);
    }

    [Fact]
    public async Task On_first_start_the_embedded_platform_prints_an_admin_token_once_and_keeps_only_its_hash_and_a_lost_one_is_replaced()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "doithoai-first-start-" + Guid.NewGuid().ToString("N"));
        try
        {
            string token;
            await using (var silo = new SiloProcess(dataDir))
            {
                silo.Settings.Remove("Auth:AdminToken");
                silo.Settings.Remove("Auth:SigningKey");
                await silo.StartAsync();
                token = silo.StartupOutput.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("dt_", StringComparison.Ordinal));
                using var client = silo.CreateClient(token: token);
                await (await client.Get("/api/provinces")).JsonAsync(HttpStatusCode.OK);

                // The console at Information: where it listens and what an operator must act on (the unconfigured
                // channels, with the settings they lack), not Orleans' options or Polly's line per placement attempt.
                var console = silo.StartupOutput;
                Assert.Contains("Now listening on: http://127.0.0.1:", console, StringComparison.Ordinal);
                Assert.Contains("The Sms channel is not configured, its messages wait in the outbox: Kênh SMS chưa được cấu hình (Sms:Kannel:SendUrl", console, StringComparison.Ordinal);
                Assert.DoesNotContain("Polly", console, StringComparison.Ordinal);
                Assert.DoesNotContain("info: Orleans", console, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(token, string.Concat(Directory.GetFiles(dataDir).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)).Select(File.ReadAllText)), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, "admin-token.sha256")));
            // As the README's command makes it: the folder its owner's only, every file in it too (secrets and databases).
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
            Assert.All(Directory.GetFiles(dataDir), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

            await using (var again = new SiloProcess(dataDir))
            {
                again.Settings.Remove("Auth:AdminToken");
                again.Settings.Remove("Auth:SigningKey");
                await again.StartAsync();
                Assert.DoesNotContain(token, again.StartupOutput, StringComparison.Ordinal);
                using var client = again.CreateClient(token: token);
                await (await client.Get("/api/provinces")).JsonAsync(HttpStatusCode.OK);
                using var wrong = again.CreateClient(token: "dt_" + new string('x', 40));
                await (await wrong.Get("/api/provinces")).ProblemAsync(HttpStatusCode.Unauthorized);
            }

            // The token is lost: the operator makes a new one on the stopped platform; the old one stops working.
            var printed = await SiloProcess.ResetAdminTokenAsync(dataDir);
            var replacement = printed.Split(' ', '\n').Select(w => w.Trim()).Single(w => w.StartsWith("dt_", StringComparison.Ordinal));
            await using (var after = new SiloProcess(dataDir))
            {
                after.Settings.Remove("Auth:AdminToken");
                after.Settings.Remove("Auth:SigningKey");
                await after.StartAsync();
                Assert.DoesNotContain(replacement, after.StartupOutput, StringComparison.Ordinal);
                using var client = after.CreateClient(token: replacement);
                await (await client.Get("/api/provinces")).JsonAsync(HttpStatusCode.OK);
                using var old = after.CreateClient(token: token);
                await (await old.Get("/api/provinces")).ProblemAsync(HttpStatusCode.Unauthorized);
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void A_cluster_silo_without_its_token_secrets_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlatformSecrets.Load(new AuthOptions { AdminToken = "a-long-enough-admin-token" }, secretsDir: null, _ => { }));
        Assert.Contains("Auth:SigningKey", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => PlatformSecrets.Load(new AuthOptions { SigningKey = SiloProcess.SigningKey, AdminToken = "short" }, secretsDir: null, _ => { }));
    }
}
