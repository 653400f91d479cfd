using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Text;
using DoiThoai.Grains.Abstractions.Tokens;

namespace DoiThoai.Api.Apis;

/// <summary>A token asked for a person: their name, a role and the unit it is given for.</summary>
public sealed record TokenRequest(string Name, string Role, string? Province = null, string? Commune = null, int? ValidDays = null);

/// <summary>Who the bearer of a token is, as the web pages greet them and choose their first page.</summary>
public sealed record Me(string Name, string Role, string? Province, string? ProvinceName, string? Commune, string? CommuneName);

public sealed record IssuedToken(string Token, string Role, string? Province, string? Commune, DateTimeOffset ExpiresAt, string Id = "");

/// <summary>
/// Issues the platform's own tokens. The national administrator issues any; a province administrator issues
/// commune-officer and viewer tokens within its province. Every issue is in the audit log (the token itself is not)
/// and in the issued tokens' list of its province (or of the country), where an administrator may revoke it.
/// </summary>
public static class TokensApi
{
    public const int MaxValidDays = 366;

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tokens", Issue)
            .TouchesScope(ScopeLevel.National)
            .Needs(Access.Read) // every signed-in caller reaches the handler, which checks what it may issue
            .WithTags("Tokens").Describe("IssueToken", "Issue a token for a role and a unit");
        var province = app.MapGroup("/api/provinces/{code}/tokens")
            .TouchesScope(ScopeLevel.Province)
            .Needs(Access.Govern)
            .WithTags("Tokens");
        province.MapGet("", (string code, IGrainFactory grains) => ListAsync(grains, code)).Describe("ListProvinceTokens", "Tokens issued in a province");
        province.MapPost("/{id:length(1,40)}/revoke", (string code, string id, HttpContext http, IGrainFactory grains, RevokedTokenList revoked) =>
                RevokeAsync(grains, code, id, http, revoked))
            .Audited("token.revoked", value => value is IssuedTokenRecord t ? $"{t.Name}, {t.Role} {t.Commune ?? t.Province}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("RevokeProvinceToken", "Revoke a token issued in a province");
        var national = app.MapGroup("/api/tokens/national")
            .TouchesScope(ScopeLevel.National)
            .Needs(Access.Govern)
            .WithTags("Tokens");
        national.MapGet("", (IGrainFactory grains) => ListAsync(grains, ITokenRegistryGrain.National))
            .Describe("ListNationalTokens", "Tokens issued nationally");
        national.MapPost("/{id:length(1,40)}/revoke", (string id, HttpContext http, IGrainFactory grains, RevokedTokenList revoked) =>
                RevokeAsync(grains, ITokenRegistryGrain.National, id, http, revoked))
            .Audited("token.revoked", value => value is IssuedTokenRecord t ? $"{t.Name}, {t.Role}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("RevokeNationalToken", "Revoke a token issued nationally");
        app.MapGet("/api/me", (HttpContext http, AdminUnitRegistry registry) =>
            {
                var caller = Caller.Of(http);
                var province = caller.ProvinceCode is { } p ? registry.FindProvince(p) : null;
                var commune = caller.CommuneCode is { } c ? registry.FindCommune(c) : null;
                return TypedResults.Ok(new Me(caller.Name, caller.Role, province?.Code, province?.Name, commune?.Code, commune?.Name));
            })
            .TouchesScope(ScopeLevel.National)
            .WithTags("Tokens").Describe("GetMe", "Who the token belongs to: name, role, unit");
        return app;
    }

    private static async Task<Results<Ok<IssuedToken>, ProblemHttpResult>> Issue(
        TokenRequest request, HttpContext http, AdminUnitRegistry registry, TokenIssuer issuer, AuthOptions options)
    {
        var caller = Caller.Of(http);
        if (VietnameseText.NameProblem(request.Name, 100) is { } nameProblem)
        {
            return Problems.Invalid("name", $"Tên người nhận mã: {nameProblem}");
        }

        if (request.ValidDays is < 1 or > MaxValidDays)
        {
            return Problems.Invalid("validDays", $"Thời hạn của mã từ 1 đến {MaxValidDays} ngày.");
        }

        if (!Roles.All.Contains(request.Role))
        {
            return Problems.Invalid("role", "Vai trò phải là national-admin, province-admin, commune-officer hoặc viewer.");
        }

        var province = request.Province is null ? null : registry.FindProvince(request.Province);
        var commune = request.Commune is null ? null : registry.FindCommune(request.Commune);
        if (request.Province is not null && province is null)
        {
            return Problems.Invalid("province", $"Không có tỉnh, thành phố mang mã '{Problems.Echo(request.Province, 12)}'.");
        }

        if (request.Commune is not null && commune is null)
        {
            return Problems.Invalid("commune", $"Không có xã, phường, đặc khu mang mã '{Problems.Echo(request.Commune, 12)}'.");
        }

        var shapeProblem = request.Role switch
        {
            Roles.NationalAdmin when province is not null || commune is not null => "Mã quản trị toàn quốc không gắn với tỉnh hay xã.",
            Roles.ProvinceAdmin when province is null || commune is not null => "Mã quản trị tỉnh cần đúng một mã tỉnh (province).",
            Roles.CommuneOfficer when commune is null || province is not null => "Mã cán bộ xã cần đúng một mã xã (commune).",
            Roles.Viewer when (province is null) == (commune is null) => "Mã người xem cần một mã tỉnh hoặc một mã xã.",
            _ => null,
        };
        if (shapeProblem is not null)
        {
            return Problems.Invalid("role", shapeProblem);
        }

        var targetProvince = province?.Code ?? commune?.ProvinceCode;
        var allowed = caller.IsNationalAdmin
            || caller.Role == Roles.ProvinceAdmin && request.Role is Roles.CommuneOfficer or Roles.Viewer && targetProvince == caller.ProvinceCode;
        if (!allowed)
        {
            return Problems.Forbidden("Bạn không được cấp mã với vai trò này hoặc cho đơn vị này.");
        }

        // A token lives no longer than the one that issued it: an administrator whose own access ends cannot leave
        // behind tokens that outlive it (the bootstrap administrator's token does not expire).
        var validFor = TimeSpan.FromDays(request.ValidDays ?? options.DefaultTokenDays);
        if (IssuerExpiry(http) is { } issuerEnds)
        {
            var left = issuerEnds - (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow(); // the issuer's clock
            validFor = left < validFor ? left : validFor;
        }

        // Personal data is reached only on tokens the national administrator issues: a province administrator may not
        // read residents' phone numbers, so the officers' tokens it issues may not either.
        var personalData = caller.IsNationalAdmin;
        var (token, id, issuedAt, expiresAt) = issuer.Issue(request.Name, request.Role, province?.Code, commune?.Code, validFor, personalData);
        await http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<ITokenRegistryGrain>(targetProvince ?? ITokenRegistryGrain.National)
            .RecordAsync(new IssuedTokenRecord(id, request.Name.Trim(), request.Role, province?.Code ?? commune?.ProvinceCode, commune?.Code, issuedAt, expiresAt, caller.Describe()));
        var scope = targetProvince is null ? null : new UnitScope(commune is null ? ScopeLevel.Province : ScopeLevel.Commune, targetProvince, commune?.Code);
        await AuditTrail.RecordAsync(http, scope, caller.Describe(), "token.issued", request.Name,
            $"{request.Role} {commune?.Code ?? province?.Code ?? "toàn quốc"}, hết hạn {expiresAt:yyyy-MM-dd}");
        return TypedResults.Ok(new IssuedToken(token, request.Role, province?.Code, commune?.Code, expiresAt, id));
    }

    /// <summary>When the caller's own token expires ("exp"), or null for one that does not.</summary>
    private static DateTimeOffset? IssuerExpiry(HttpContext http) =>
        long.TryParse(http.User.FindFirst("exp")?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static async Task<Ok<IReadOnlyList<IssuedTokenRecord>>> ListAsync(IGrainFactory grains, string registry) =>
        TypedResults.Ok(await grains.GetGrain<ITokenRegistryGrain>(registry).ListAsync());

    private static async Task<Results<Ok<IssuedTokenRecord>, ProblemHttpResult>> RevokeAsync(IGrainFactory grains, string registry, string id, HttpContext http,
        RevokedTokenList revoked)
    {
        var result = await grains.GetGrain<ITokenRegistryGrain>(registry).RevokeAsync(id, Caller.Of(http).Describe());
        if (!result.Succeeded)
        {
            return Problems.From(result.Problem!);
        }

        revoked.Add(id);
        return TypedResults.Ok(result.Value!);
    }
}
