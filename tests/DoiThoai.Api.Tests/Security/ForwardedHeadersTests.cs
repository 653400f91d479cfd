using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address. The real program believes X-Forwarded-For
/// and X-Forwarded-Proto from the proxies it is told of (Auth:KnownProxies), and from nobody else.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Feed = "/api/communes/31843/calendar.ics"; // Cà Mau: a public endpoint, rate-limited per address

    private static SiloProcess Silo(string? knownProxies)
    {
        var silo = new SiloProcess();
        silo.Settings["Auth:PublicRequestsPerMinute"] = "3";
        if (knownProxies is not null)
        {
            silo.Settings["Auth:KnownProxies"] = knownProxies;
        }

        return silo;
    }

    private static async Task<HttpStatusCode> FeedAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Feed);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_resident_has_a_bucket_of_their_own_and_the_dashboard_cookie_is_secure()
    {
        await using var silo = Silo("127.0.0.1");
        await silo.StartAsync();
        using var anonymous = silo.CreateClient(token: null);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await FeedAsync(anonymous, "203.0.113.7"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await FeedAsync(anonymous, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await FeedAsync(anonymous, "203.0.113.8")); // another resident, behind the same proxy

        using var admin = silo.CreateClient();
        using var open = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/session");
        open.Headers.Add("X-Forwarded-Proto", "https");
        using var opened = await admin.SendAsync(open, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, opened.StatusCode);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task From_anyone_else_the_headers_are_ignored_so_a_client_cannot_choose_its_bucket()
    {
        await using var silo = Silo(knownProxies: null);
        await silo.StartAsync();
        using var anonymous = silo.CreateClient(token: null);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await FeedAsync(anonymous, $"203.0.113.{i + 1}"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await FeedAsync(anonymous, "203.0.113.99"));
        using var admin = silo.CreateClient();
        using var open = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/session");
        open.Headers.Add("X-Forwarded-Proto", "https");
        using var opened = await admin.SendAsync(open, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("secure", Assert.Single(opened.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_out_deletes_the_dashboard_cookie_even_with_an_expired_token()
    {
        await using var silo = Silo(knownProxies: null);
        await silo.StartAsync();
        using var anonymous = silo.CreateClient(token: null);

        using var closed = await anonymous.DeleteAsync("/api/dashboard/session", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var cookie = Assert.Single(closed.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("doithoai_dashboard=;", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
