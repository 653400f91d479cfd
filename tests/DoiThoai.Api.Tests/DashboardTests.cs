using System.Net;
using System.Text.Json;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Tests;

/// <summary>The Orleans dashboard, opened by a national administrator from the platform's pages.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DashboardTests(PlatformFactory platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_national_administrator_opens_the_dashboard_with_a_cookie_for_its_path_only_and_sees_the_silos_but_no_grain_state()
    {
        using var admin = platform.CreateClient();
        using var browser = platform.CreateAnonymousClient(); // a browser: no Authorization header, cookies by hand

        // Without the cookie the dashboard's page and data are refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.Get("/dashboard/ClusterStats")).StatusCode);

        var opened = await admin.Post("/api/dashboard/session");
        Assert.Equal(HttpStatusCode.NoContent, opened.StatusCode);
        var setCookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{DashboardCookie.Name}=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];

        var page = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/index.html") { Headers = { { "Cookie", cookie } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        var stats = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats") { Headers = { { "Cookie", cookie } } }, Ct);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var json = JsonDocument.Parse(await stats.Content.ReadAsStringAsync(Ct));
        Assert.NotEqual(JsonValueKind.Undefined, json.RootElement.ValueKind);

        // The state of a grain (a contact registry holds phone numbers) and the log stream are not shown.
        var state = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/dashboard/GrainState?grainId=x&grainType=ContactRegistryGrain") { Headers = { { "Cookie", cookie } } }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        Assert.Equal("application/problem+json", state.Content.Headers.ContentType?.MediaType);

        // The cookie is honoured on the dashboard's path only: the API still wants the header.
        var api = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/cluster/silos") { Headers = { { "Cookie", cookie } } }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_commune_officer_cannot_open_the_dashboard()
    {
        using var officer = await platform.CreateClientAsAsync(Roles.CommuneOfficer, commune: "00004");

        var refused = await officer.Post("/api/dashboard/session");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Set-Cookie"));
    }
}
