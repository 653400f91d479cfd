using System.Net;
using System.Text;
using DoiThoai.Api.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// For every endpoint the platform serves and every kind of caller, access outside the caller's scope is refused
/// (401 without a token, 403 with one) and nothing changes. The table below is written by hand from the rules, not
/// derived from the code under test; an endpoint missing from it fails the test, so a new endpoint must be placed.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AccessMatrixTests(PlatformFactory platform)
{
    private const string Commune = "00004";       // Phường Ba Đình, Hà Nội
    private const string Neighbour = "00008";     // Phường Ngọc Hà, Hà Nội
    private const string Province = "01";         // Hà Nội
    private const string OtherProvince = "48";    // Đà Nẵng
    private const string OtherCommune = "20194";  // Phường Hải Vân, Đà Nẵng

    private enum Kind
    {
        Public, NationalRead, NationalGovern, Administer,
        ProvinceRead, ProvinceGovern,
        CommuneRead, CommuneOperate, CommunePersonal,
        SignedBySmsGateway, TokenIssuing,
    }

    /// <summary>Every endpoint: method and route pattern, and what kind of access it is.</summary>
    private static readonly Dictionary<string, Kind> Endpoints = new()
    {
        ["GET /health"] = Kind.Public,
        ["GET /health/ready"] = Kind.Public,
        ["GET /openapi/{documentName}.json"] = Kind.Public,
        ["GET /api/docs/{documentName?}"] = Kind.Public,
        ["GET /api/docs/scalar.js"] = Kind.Public,
        ["GET /api/docs/scalar.aspnetcore.js"] = Kind.Public,
        ["GET /api/docs/favicon.svg"] = Kind.Public,
        ["GET /api/communes/{code}/calendar.ics"] = Kind.Public,
        ["GET /api/public/communes/{code}"] = Kind.Public,
        ["GET /api/public/communes/{code}/petitions/{id:length(1,20)}"] = Kind.Public,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/alert.cap.xml"] = Kind.Public,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/conclusion.pdf"] = Kind.Public,
        ["GET /api/communes/{code}/results"] = Kind.Public,
        ["GET /kq/{code}/{id:length(1,40)}"] = Kind.Public,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/registration"] = Kind.Public,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/speakers"] = Kind.Public,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/invitees/groups/{key:length(1,20)}/fill"] = Kind.Public,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/invitees/groups/{key:length(1,20)}/fill"] = Kind.Public,

        ["GET /api/provinces"] = Kind.NationalRead,
        ["GET /api/holidays/{year}"] = Kind.NationalRead,
        ["PUT /api/holidays/{year}"] = Kind.NationalGovern,
        ["GET /api/cluster/silos"] = Kind.Administer,
        ["GET /api/audit"] = Kind.Administer,
        ["POST /api/dashboard/session"] = Kind.Administer,
        ["DELETE /api/dashboard/session"] = Kind.Public,

        // The Orleans dashboard, its page and assets included: national administrators only.
        ["GET /dashboard"] = Kind.Administer,
        ["GET /dashboard/index.html"] = Kind.Administer,
        ["GET /dashboard/favicon.ico"] = Kind.Administer,
        ["GET /dashboard/index.min.js"] = Kind.Administer,
        ["GET /dashboard/index.css"] = Kind.Administer,
        ["GET /dashboard/fonts/{**path}"] = Kind.Administer,
        ["GET /dashboard/img/{**path}"] = Kind.Administer,
        ["GET /dashboard/version"] = Kind.Administer,
        ["GET /dashboard/DashboardCounters"] = Kind.Administer,
        ["GET /dashboard/ClusterStats"] = Kind.Administer,
        ["GET /dashboard/Reminders"] = Kind.Administer,
        ["GET /dashboard/Reminders/{page:int}"] = Kind.Administer,
        ["GET /dashboard/HistoricalStats/{*path}"] = Kind.Administer,
        ["GET /dashboard/SiloProperties/{*address}"] = Kind.Administer,
        ["GET /dashboard/SiloMetadata/{*address}"] = Kind.Administer,
        ["GET /dashboard/SiloStats/{*address}"] = Kind.Administer,
        ["GET /dashboard/SiloCounters/{*address}"] = Kind.Administer,
        ["GET /dashboard/GrainStats/{*grainName}"] = Kind.Administer,
        ["GET /dashboard/TopGrainMethods"] = Kind.Administer,
        ["GET /dashboard/GrainState"] = Kind.Administer,
        ["GET /dashboard/LifecycleStages"] = Kind.Administer,
        ["GET /dashboard/GrainTypes"] = Kind.Administer,
        ["GET /dashboard/Trace"] = Kind.Administer,

        ["POST /api/tokens"] = Kind.TokenIssuing,
        ["GET /api/me"] = Kind.NationalRead,
        ["GET /api/sms/dlr"] = Kind.SignedBySmsGateway,

        ["GET /api/provinces/{code}/communes"] = Kind.ProvinceRead,
        ["GET /api/provinces/{code}/overview"] = Kind.ProvinceRead,
        ["GET /api/provinces/{code}/notice-policy"] = Kind.ProvinceRead,
        ["GET /api/provinces/{code}/tokens"] = Kind.ProvinceGovern,
        ["GET /api/provinces/{code}/overview.xlsx"] = Kind.ProvinceRead,
        ["POST /api/provinces/{code}/tokens/{id:length(1,40)}/revoke"] = Kind.ProvinceGovern,
        ["GET /api/tokens/national"] = Kind.NationalGovern,
        ["POST /api/tokens/national/{id:length(1,40)}/revoke"] = Kind.NationalGovern,
        ["GET /api/provinces/{code}/sms-policy"] = Kind.ProvinceRead,
        ["PUT /api/provinces/{code}/notice-policy"] = Kind.ProvinceGovern,
        ["PUT /api/provinces/{code}/sms-policy"] = Kind.ProvinceGovern,
        ["GET /api/provinces/{code}/digest"] = Kind.ProvinceRead,
        ["PUT /api/provinces/{code}/digest"] = Kind.ProvinceGovern,
        ["GET /api/provinces/{code}/audit"] = Kind.ProvinceGovern,

        ["GET /api/communes/{code}"] = Kind.CommuneRead,
        ["PUT /api/communes/{code}/notice-policy"] = Kind.CommuneOperate,
        ["DELETE /api/communes/{code}/notice-policy"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/sessions/past"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/preview"] = Kind.CommuneOperate,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/organisers"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/reschedule"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/cancel"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/held"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/conclude"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/speakers/desk"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/results"] = Kind.CommuneRead,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/conclusion"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/conclusion/sign"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/results/publish"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/follow-ups/{key:length(1,20)}/close"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/documents"] = Kind.CommuneRead,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/documents/{file:length(1,60)}"] = Kind.CommuneRead,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/preparation"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/preparation/milestones"] = Kind.CommuneOperate,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/preparation/milestones/{key:length(1,40)}"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/sessions/{id:length(1,40)}/preparation/milestones/{key:length(1,40)}/done"] = Kind.CommuneOperate,
        ["DELETE /api/communes/{code}/sessions/{id:length(1,40)}/preparation/milestones/{key:length(1,40)}"] = Kind.CommuneOperate,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/preparation/agenda"] = Kind.CommuneOperate,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/minutes"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/invitees"] = Kind.CommuneRead,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/invitees/groups"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/invitees/groups/{key:length(1,20)}/candidates"] = Kind.CommunePersonal,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/invitees/groups/{key:length(1,20)}/members"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/notice-plan"] = Kind.CommuneRead,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/deliveries"] = Kind.CommuneRead,
        ["GET /api/communes/{code}/loudspeakers"] = Kind.CommuneRead,
        ["PUT /api/communes/{code}/loudspeakers"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/contacts"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/contacts/import"] = Kind.CommunePersonal,
        ["GET /api/communes/{code}/contacts/{id:length(1,20)}"] = Kind.CommunePersonal,
        ["GET /api/communes/{code}/contacts/{id:length(1,20)}/export"] = Kind.CommunePersonal,
        ["PUT /api/communes/{code}/contacts/{id:length(1,20)}/consent"] = Kind.CommunePersonal,
        ["DELETE /api/communes/{code}/contacts/{id:length(1,20)}"] = Kind.CommunePersonal,
        ["POST /api/communes/{code}/petitions"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/petitions"] = Kind.CommuneRead,
        ["GET /api/communes/{code}/petitions/{id:length(1,20)}"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/petitions/{id:length(1,20)}/acknowledge"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/petitions/{id:length(1,20)}/assign"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/petitions/{id:length(1,20)}/escalate"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/petitions/{id:length(1,20)}/answer"] = Kind.CommuneOperate,
        ["GET /api/provinces/{code}/petitions"] = Kind.ProvinceRead,
        ["GET /api/communes/{code}/notice-check"] = Kind.CommuneRead,
        ["POST /api/provinces/{code}/instructions"] = Kind.ProvinceGovern,
        ["GET /api/provinces/{code}/instructions"] = Kind.ProvinceRead,
        ["GET /api/communes/{code}/instructions"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/instructions/{id:length(1,20)}/acknowledge"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/instructions/{id:length(1,20)}/done"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/dialogue-requests"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/dialogue-requests"] = Kind.CommuneRead,
        ["POST /api/communes/{code}/dialogue-requests/{id:length(1,20)}/signatures"] = Kind.CommuneOperate,
        ["POST /api/communes/{code}/dialogue-requests/{id:length(1,20)}/session"] = Kind.CommuneOperate,
        ["GET /api/communes/{code}/sessions/{id:length(1,40)}/speakers"] = Kind.CommuneRead,
        ["PUT /api/communes/{code}/sessions/{id:length(1,40)}/speakers/order"] = Kind.CommuneOperate,
        ["DELETE /api/communes/{code}/sessions/{id:length(1,40)}/speakers/{number:int}"] = Kind.CommuneOperate,
    };

    /// <summary>The callers, and the kinds of access each may have on Phường Ba Đình and Hà Nội.</summary>
    private static readonly (string Name, string? Role, string? Province, string? Commune, Kind[] Allowed)[] Callers =
    [
        ("anonymous", null, null, null, []),
        ("national-admin", Roles.NationalAdmin, null, null,
            [Kind.NationalRead, Kind.NationalGovern, Kind.Administer, Kind.ProvinceRead, Kind.ProvinceGovern, Kind.CommuneRead, Kind.CommuneOperate, Kind.CommunePersonal]),
        ("province-admin of Hà Nội", Roles.ProvinceAdmin, Province, null,
            [Kind.NationalRead, Kind.ProvinceRead, Kind.ProvinceGovern, Kind.CommuneRead, Kind.CommuneOperate]),
        ("province-admin of Đà Nẵng", Roles.ProvinceAdmin, OtherProvince, null, [Kind.NationalRead]),
        ("commune-officer of Ba Đình", Roles.CommuneOfficer, null, Commune, [Kind.NationalRead, Kind.CommuneRead, Kind.CommuneOperate, Kind.CommunePersonal]),
        ("commune-officer of Ngọc Hà", Roles.CommuneOfficer, null, Neighbour, [Kind.NationalRead]),
        ("commune-officer of Hải Vân", Roles.CommuneOfficer, null, OtherCommune, [Kind.NationalRead]),
        ("viewer of Hà Nội", Roles.Viewer, Province, null, [Kind.NationalRead, Kind.ProvinceRead, Kind.CommuneRead]),
        ("viewer of Ba Đình", Roles.Viewer, null, Commune, [Kind.NationalRead, Kind.CommuneRead]),
        ("viewer of Ngọc Hà", Roles.Viewer, null, Neighbour, [Kind.NationalRead]),
        ("viewer of Đà Nẵng", Roles.Viewer, OtherProvince, null, [Kind.NationalRead]),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_refuses_every_caller_outside_its_scope_and_changes_nothing()
    {
        using var admin = platform.CreateClient();
        var served = platform.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToHashSet();
        Assert.True(served.SetEquals(Endpoints.Keys),
            $"Endpoints not in the table: {string.Join(", ", served.Except(Endpoints.Keys))}; in the table but not served: {string.Join(", ", Endpoints.Keys.Except(served))}");

        await SeedAsync(admin);
        var clients = new List<HttpClient>();
        foreach (var caller in Callers)
        {
            clients.Add(caller.Role is null ? platform.CreateAnonymousClient() : await platform.CreateClientAsAsync(caller.Role, caller.Province, caller.Commune));
        }

        // First every refused call, then the state is compared; then every allowed one (which may legitimately change things).
        var before = await SnapshotAsync(admin);
        var wrong = new List<string>();
        var checkedCount = 0;
        foreach (var refusedPass in new[] { true, false })
        {
            foreach (var (caller, client) in Callers.Zip(clients))
            {
                foreach (var (endpoint, kind) in Endpoints.Where(e => e.Value is not (Kind.Public or Kind.SignedBySmsGateway or Kind.TokenIssuing)))
                {
                    var allowed = caller.Allowed.Contains(kind);
                    if (allowed == refusedPass)
                    {
                        continue;
                    }

                    using var response = await client.SendAsync(Request(endpoint), Ct);
                    var status = response.StatusCode;
                    var expectedRefusal = caller.Role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                    checkedCount++;
                    if (allowed ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != expectedRefusal)
                    {
                        wrong.Add($"{caller.Name}: {endpoint} → {(int)status}, expected {(allowed ? "access" : ((int)expectedRefusal).ToString())}");
                    }
                    else if (!allowed)
                    {
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    }
                }
            }

            if (refusedPass)
            {
                Assert.Equal(before, await SnapshotAsync(admin));
            }
        }

        clients.ForEach(c => c.Dispose());
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.Equal(Callers.Length * Endpoints.Count(e => e.Value is not (Kind.Public or Kind.SignedBySmsGateway or Kind.TokenIssuing)), checkedCount);
    }

    [Fact]
    public async Task Public_endpoints_answer_without_a_token_and_the_sms_gateway_endpoint_wants_its_signature()
    {
        using var anonymous = platform.CreateAnonymousClient();
        foreach (var endpoint in Endpoints.Where(e => e.Value == Kind.Public).Select(e => e.Key))
        {
            using var response = await anonymous.SendAsync(Request(endpoint), Ct);
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{endpoint} → {(int)response.StatusCode}");
        }

        using var report = await anonymous.GetAsync("/api/sms/dlr?ref=x&status=1&sig=forged", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
    }

    /// <summary>A session and a contact in Ba Đình, so that the endpoints have something a refused caller could have touched.</summary>
    private static async Task SeedAsync(HttpClient admin)
    {
        using var import = await admin.PostAsync($"/api/communes/{Commune}/contacts/import",
            new StringContent("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\nNguyễn Văn Ma Trận,người dân,Tổ 1,0912345678,ma.tran@example.vn,có,có\n",
                Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
    }

    private static async Task<string> SnapshotAsync(HttpClient admin)
    {
        var parts = new StringBuilder();
        foreach (var url in new[]
        {
            $"/api/communes/{Commune}", $"/api/communes/{Commune}/sessions", $"/api/communes/{Commune}/contacts",
            $"/api/communes/{Commune}/loudspeakers", $"/api/provinces/{Province}/notice-policy", $"/api/provinces/{Province}/sms-policy", $"/api/provinces/{Province}/digest",
            "/api/holidays/2026", $"/api/provinces/{Province}/audit", $"/api/provinces/{OtherProvince}/audit", "/api/audit",
            $"/api/communes/{Commune}/petitions", $"/api/provinces/{Province}/instructions", $"/api/communes/{Commune}/dialogue-requests",
        })
        {
            parts.Append(url).Append(": ").AppendLine(await admin.GetStringAsync(url, Ct));
        }

        return parts.ToString();
    }

    /// <summary>A request to an endpoint about Ba Đình / Hà Nội, for things that do not exist, with a body no endpoint accepts.</summary>
    private static HttpRequestMessage Request(string endpoint)
    {
        var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
        var url = pattern
            .Replace("{code}", pattern.StartsWith("/api/provinces/", StringComparison.Ordinal) ? Province : Commune, StringComparison.Ordinal)
            .Replace("{id:length(1,40)}", "khong-co-phien", StringComparison.Ordinal)
            .Replace("{id:length(1,20)}", "khong-co-nguoi", StringComparison.Ordinal)
            .Replace("{year}", "2026", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{documentName?}", "", StringComparison.Ordinal)
            .Replace("{page:int}", "1", StringComparison.Ordinal)
            .Replace("{number:int}", "1", StringComparison.Ordinal)
            .Replace("{**path}", "a.png", StringComparison.Ordinal)
            .Replace("{*path}", "x", StringComparison.Ordinal)
            .Replace("{*address}", "127.0.0.1:11111@1", StringComparison.Ordinal)
            .Replace("{*grainName}", "CommuneGrain", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = url.EndsWith("/import", StringComparison.Ordinal)
                ? new StringContent("Cột lạ\nkhông hợp lệ\n", Encoding.UTF8, "text/csv")
                : new StringContent("\"khong-hop-le\"", Encoding.UTF8, "application/json");
        }

        return request;
    }
}
