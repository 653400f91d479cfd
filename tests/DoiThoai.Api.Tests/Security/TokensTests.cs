using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DoiThoai.Api.Security;
using DoiThoai.TestServers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoiThoai.Api.Tests.Security;

/// <summary>Who may issue which token, and which tokens the platform refuses.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TokensTests(PlatformFactory platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string TokenRequest(string role, string? province = null, string? commune = null, string name = "Nguyễn Thị Lan") =>
        System.Text.Json.JsonSerializer.Serialize(new { name, role, province, commune });

    [Fact]
    public async Task A_province_admin_issues_officer_and_viewer_tokens_for_its_own_province_only()
    {
        using var hanoi = await platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "01", name: "Sở Nội vụ Hà Nội");

        var issued = await (await hanoi.PostJsonAsync("/api/tokens", TokenRequest(Roles.CommuneOfficer, commune: "00364"))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("commune-officer", "00364"), (issued.Str("role"), issued.Str("commune")));
        using var officer = platform.CreateClient();
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Str("token"));
        await (await officer.Get("/api/communes/00364/sessions")).JsonAsync(HttpStatusCode.OK);
        await (await officer.Get("/api/communes/00367/sessions")).ProblemAsync(HttpStatusCode.Forbidden);

        await (await hanoi.PostJsonAsync("/api/tokens", TokenRequest(Roles.Viewer, province: "01"))).JsonAsync(HttpStatusCode.OK);
        await (await hanoi.PostJsonAsync("/api/tokens", TokenRequest(Roles.CommuneOfficer, commune: "20194"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await hanoi.PostJsonAsync("/api/tokens", TokenRequest(Roles.ProvinceAdmin, province: "01"))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await hanoi.PostJsonAsync("/api/tokens", TokenRequest(Roles.NationalAdmin))).ProblemAsync(HttpStatusCode.Forbidden);

        // An officer issues nothing, not even for their own commune.
        await (await officer.PostJsonAsync("/api/tokens", TokenRequest(Roles.Viewer, commune: "00364"))).ProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = platform.CreateAnonymousClient();
        await (await anonymous.PostJsonAsync("/api/tokens", TokenRequest(Roles.Viewer, commune: "00364"))).ProblemAsync(HttpStatusCode.Unauthorized);

        var audit = await (await hanoi.Get("/api/provinces/01/audit?commune=00364")).JsonAsync(HttpStatusCode.OK);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal(("token.issued", "Sở Nội vụ Hà Nội (province-admin 01)"), (entry.Str("action"), entry.Str("actor")));
        Assert.DoesNotContain(issued.Str("token"), audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_admin_lists_the_tokens_it_issued_and_a_revoked_one_is_refused_at_once()
    {
        using var nghean = await platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "40", name: "Sở Nội vụ Nghệ An");
        var issued = await (await nghean.PostJsonAsync("/api/tokens", TokenRequest(Roles.CommuneOfficer, commune: "17611", name: "Lương Văn Tụ"))).JsonAsync(HttpStatusCode.OK);
        using var officer = platform.CreateClient();
        officer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Str("token"));
        await (await officer.Get("/api/communes/17611/sessions")).JsonAsync(HttpStatusCode.OK);

        // Listed by its id, with who issued it; the token itself is never listed.
        var list = await (await nghean.Get("/api/provinces/40/tokens")).JsonAsync(HttpStatusCode.OK);
        var entry = list.EnumerateArray().Single(t => t.Str("id") == issued.Str("id"));
        Assert.Equal(("Lương Văn Tụ", "commune-officer", "17611", "Sở Nội vụ Nghệ An (province-admin 40)"),
            (entry.Str("name"), entry.Str("role"), entry.Str("commune"), entry.Str("issuedBy")));
        Assert.DoesNotContain(issued.Str("token"), list.GetRawText(), StringComparison.Ordinal);

        // Another province sees none of it and revokes none of it.
        using var hanoi = await platform.CreateClientAsAsync(Roles.ProvinceAdmin, province: "01", name: "Sở Nội vụ Hà Nội");
        await (await hanoi.Get("/api/provinces/40/tokens")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await hanoi.PostJsonAsync($"/api/provinces/40/tokens/{issued.Str("id")}/revoke", "{}")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await officer.Get("/api/communes/17611/sessions")).JsonAsync(HttpStatusCode.OK);

        // Revoked: refused on the next request, though its signature and dates are good; revoking twice says so.
        var revoked = await (await nghean.PostJsonAsync($"/api/provinces/40/tokens/{issued.Str("id")}/revoke", "{}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Sở Nội vụ Nghệ An (province-admin 40)", revoked.Str("revokedBy"));
        await (await officer.Get("/api/communes/17611/sessions")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await nghean.PostJsonAsync($"/api/provinces/40/tokens/{issued.Str("id")}/revoke", "{}")).ProblemAsync(HttpStatusCode.Conflict);
        await (await nghean.PostJsonAsync("/api/provinces/40/tokens/khong-co/revoke", "{}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_request_that_makes_no_sense_is_a_400_problem()
    {
        using var admin = platform.CreateClient();
        foreach (var body in new[]
        {
            TokenRequest("chủ tịch", province: "01"),
            TokenRequest(Roles.ProvinceAdmin),
            TokenRequest(Roles.ProvinceAdmin, province: "99"),
            TokenRequest(Roles.CommuneOfficer, province: "01"),
            TokenRequest(Roles.Viewer, province: "01", commune: "00004"),
            TokenRequest(Roles.NationalAdmin, province: "01"),
            TokenRequest(Roles.Viewer, province: "01", name: "Lan\u0007"),
            TokenRequest(Roles.Viewer, province: "01", name: new string('a', 101)),
            """{"name": "Lan", "role": "viewer", "province": "01", "validDays": 0}""",
            """{"name": "Lan", "role": "viewer", "province": "01", "validDays": 5000}""",
        })
        {
            await (await admin.PostJsonAsync("/api/tokens", body)).ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Expired_forged_and_unscoped_tokens_are_refused()
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(SiloProcess.SigningKey));
        var forgedKey = new SymmetricSecurityKey(Encoding.ASCII.GetBytes("someone-elses-key-of-32-bytes-or-more"));
        string Token(SecurityKey signingKey, DateTime expires, string commune = "00004", string issuer = AuthOptions.LocalIssuer) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = AuthOptions.LocalAudience,
            Claims = new Dictionary<string, object> { ["role"] = Roles.CommuneOfficer, ["commune"] = commune, ["name"] = "x" },
            NotBefore = expires.AddDays(-2),
            IssuedAt = expires.AddDays(-2),
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });

        async Task<HttpStatusCode> StatusWith(string token)
        {
            using var client = platform.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.GetAsync("/api/communes/00004/sessions", Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWith(Token(key, DateTime.UtcNow.AddHours(1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Token(key, DateTime.UtcNow.AddHours(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Token(forgedKey, DateTime.UtcNow.AddHours(1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(Token(key, DateTime.UtcNow.AddHours(1), issuer: "someone-else")));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusWith(Token(key, DateTime.UtcNow.AddHours(1), commune: "99999")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith("not-the-admin-token-at-all"));
    }

    [Fact]
    public async Task A_token_never_outlives_the_token_that_issued_it()
    {
        using var admin = platform.CreateClient();
        var supervisor = await (await admin.PostJsonAsync("/api/tokens",
            """{"name": "Sở Nội vụ Cà Mau", "role": "province-admin", "province": "96", "validDays": 2}""")).JsonAsync(HttpStatusCode.OK);
        using var province = platform.CreateClient();
        province.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", supervisor.Str("token"));

        var officer = await (await province.PostJsonAsync("/api/tokens",
            """{"name": "Cán bộ phường Hiệp Thành", "role": "commune-officer", "commune": "31840", "validDays": 30}""")).JsonAsync(HttpStatusCode.OK);
        var shorter = await (await province.PostJsonAsync("/api/tokens",
            """{"name": "Cán bộ phường Hiệp Thành", "role": "viewer", "commune": "31840", "validDays": 1}""")).JsonAsync(HttpStatusCode.OK);

        var supervisorEnds = supervisor.GetProperty("expiresAt").GetDateTimeOffset();
        var officerEnds = officer.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(officerEnds, supervisorEnds.AddSeconds(-2), supervisorEnds); // capped at the issuer's end, not 30 days
        Assert.Equal(officerEnds, new JsonWebTokenHandler().ReadJsonWebToken(officer.Str("token")).ValidTo, TimeSpan.FromSeconds(1));
        Assert.True(shorter.GetProperty("expiresAt").GetDateTimeOffset() < supervisorEnds.AddHours(-12)); // a shorter one keeps its own
        // The national administrator's bootstrap token does not expire: what it issues keeps the days asked for.
        Assert.True(supervisorEnds > DateTimeOffset.UtcNow.AddDays(1));
    }
}
