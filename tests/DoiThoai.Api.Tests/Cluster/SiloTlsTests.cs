using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// Silos that talk TLS with the cluster's certificate (Orleans:Tls): they form the cluster and serve across it, and
/// their silo port refuses whoever does not present that certificate: a plain connection, a TLS client with none,
/// one with another certificate.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class SiloTlsTests : IAsyncLifetime
{
    private const string Password = "silo-tls-test";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-tls-" + Guid.NewGuid().ToString("N"));
    private readonly SiloCluster _cluster = new(2);
    private X509Certificate2 _certificate = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _certificate = SelfSigned("CN=doithoai-silos");
        var path = Path.Combine(_directory, "silo.pfx");
        await File.WriteAllBytesAsync(path, _certificate.Export(X509ContentType.Pkcs12, Password));
        _cluster.Settings["Orleans:Tls:CertificatePath"] = path;
        _cluster.Settings["Orleans:Tls:CertificatePassword"] = Password;
        _cluster.Settings["Logging:LogLevel:Default"] = "Warning";
        await _cluster.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Silos_with_the_clusters_certificate_serve_together_and_their_port_refuses_anyone_without_it()
    {
        using var first = _cluster.Silos[0].CreateClient();
        using var second = _cluster.Silos[1].CreateClient();
        await Eventually.ReachedAsync(async () => (await (await first.Get("/api/cluster/silos")).JsonAsync(HttpStatusCode.OK)).EnumerateArray().Count(s => s.Str("status") == "Active"),
            n => n == 2, TimeSpan.FromSeconds(60), "both silos active");

        // Grains answer across the two silos: what one stores, the other reads.
        const string Code = "31840"; // Phường Hiệp Thành, Cà Mau
        await (await second.PutJsonAsync($"/api/communes/{Code}/notice-policy", """{"minimumNoticeDays": 9, "dayKind": "calendar"}""")).JsonAsync(HttpStatusCode.OK);
        var commune = await (await first.Get($"/api/communes/{Code}")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("9", commune.GetProperty("ownPolicy").ToString(), StringComparison.Ordinal);

        var port = _cluster.Silos[0].SiloPort;
        // The silo presents the cluster's certificate...
        using (var trusted = await HandshakeAsync(port, _certificate))
        {
            Assert.Equal(_certificate.RawData, trusted.RemoteCertificate!.GetRawCertData());
        }

        // ...and closes on whoever does not: no TLS, TLS without a certificate, TLS with another one.
        Assert.True(await ClosedOnPlainAsync(port), "a plain connection was kept open");
        Assert.True(await RefusedAsync(port, null), "a TLS client without a certificate was kept");
        using var stranger = SelfSigned("CN=not-a-silo");
        Assert.True(await RefusedAsync(port, stranger), "a TLS client with another certificate was kept");
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<SslStream> HandshakeAsync(int port, X509Certificate2? client)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "doithoai-silos",
            ClientCertificates = client is null ? null : [client],
        }, TestContext.Current.CancellationToken);
        return tls;
    }

    /// <summary>The silo ends the connection (an alert, a reset or end of stream) instead of waiting for Orleans' greeting.</summary>
    private static async Task<bool> RefusedAsync(int port, X509Certificate2? client)
    {
        try
        {
            await using var tls = await HandshakeAsync(port, client);
            return await EndsAsync(tls);
        }
        catch (Exception error) when (error is IOException or System.Security.Authentication.AuthenticationException)
        {
            return true;
        }
    }

    private static async Task<bool> ClosedOnPlainAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        try
        {
            return await EndsAsync(stream);
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<bool> EndsAsync(Stream stream)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[256];
        while (await stream.ReadAsync(buffer, patience.Token) > 0)
        {
        }

        return true;
    }
}
