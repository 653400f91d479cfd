using System.Security.Claims;

namespace DoiThoai.Api.Security;

/// <summary>The roles a token can carry (claim "role").</summary>
public static class Roles
{
    public const string NationalAdmin = "national-admin";
    public const string ProvinceAdmin = "province-admin";
    public const string CommuneOfficer = "commune-officer";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [NationalAdmin, ProvinceAdmin, CommuneOfficer, Viewer];
}

/// <summary>The claims the platform reads from a token, whoever issued it.</summary>
public static class ClaimNames
{
    public const string Role = "role";

    /// <summary>The province code the role is given for (province-admin, and a viewer of a province).</summary>
    public const string Province = "province";

    /// <summary>The commune code the role is given for (commune-officer, and a viewer of a commune).</summary>
    public const string Commune = "commune";

    public const string Subject = "sub";

    public const string Name = "name";

    /// <summary>The id of a token the platform issued (JWT "jti"): how it is listed and revoked.</summary>
    public const string TokenId = "jti";

    /// <summary>"true" on a platform token that may read residents' personal data: one the national administrator issued.</summary>
    public const string PersonalData = "pd";
}

/// <summary>
/// Who is calling: a role and the unit it is given for. A commune-scoped caller also carries the commune's province,
/// resolved from the official list; a token naming a unit that does not exist grants nothing.
/// </summary>
public sealed record Caller(string Role, string? ProvinceCode, string? CommuneCode, string Name)
{
    public bool IsNationalAdmin => Role == Roles.NationalAdmin;

    /// <summary>
    /// Whether the token may reach residents' personal data where its role allows it: a platform token only when the
    /// national administrator issued it (a province administrator, who may not read phone numbers, can issue commune
    /// officers' tokens but cannot pass on what it lacks); an identity from the province's OpenID provider always.
    /// </summary>
    public bool PersonalDataGranted { get; init; }

    /// <summary>The caller as its audit entries name it: its name and, for a scoped role, its unit.</summary>
    public string Describe() => CommuneCode is not null ? $"{Name} ({Role} {CommuneCode})"
        : ProvinceCode is not null ? $"{Name} ({Role} {ProvinceCode})"
        : $"{Name} ({Role})";

    /// <summary>The caller of a request that passed authorization (so it has one), resolved once per request.</summary>
    public static Caller Of(HttpContext http) =>
        Find(http) ?? throw new InvalidOperationException("The request has no caller: the endpoint is not behind authorization.");

    /// <summary>The request's caller, or null without a valid token; kept in the request's items after the first look.</summary>
    public static Caller? Find(HttpContext http)
    {
        if (http.Items.TryGetValue(typeof(Caller), out var known))
        {
            return known as Caller;
        }

        var caller = From(http.User, http.RequestServices.GetRequiredService<DoiThoai.Domain.AdminUnits.AdminUnitRegistry>());
        http.Items[typeof(Caller)] = caller;
        return caller;
    }

    public static Caller? From(ClaimsPrincipal user, DoiThoai.Domain.AdminUnits.AdminUnitRegistry registry)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(ClaimNames.Role)?.Value is not { } role || !Roles.All.Contains(role))
        {
            return null;
        }

        var name = user.FindFirst(ClaimNames.Name)?.Value ?? user.FindFirst(ClaimNames.Subject)?.Value ?? "?";
        var province = user.FindFirst(ClaimNames.Province)?.Value;
        var commune = user.FindFirst(ClaimNames.Commune)?.Value;
        var caller = Resolve(role, province, commune, name, registry);
        return caller is null ? null : caller with
        {
            PersonalDataGranted = user.FindFirst(ClaimNames.Role)!.Issuer != AuthOptions.LocalIssuer
                || user.FindFirst(ClaimNames.PersonalData)?.Value == "true",
        };
    }

    private static Caller? Resolve(string role, string? province, string? commune, string name, DoiThoai.Domain.AdminUnits.AdminUnitRegistry registry)
    {
        switch (role)
        {
            case Roles.NationalAdmin:
                return new Caller(role, null, null, name);
            case Roles.ProvinceAdmin:
                return province is not null && registry.FindProvince(province) is { } p ? new Caller(role, p.Code, null, name) : null;
            case Roles.CommuneOfficer:
                return commune is not null && registry.FindCommune(commune) is { } c ? new Caller(role, c.ProvinceCode, c.Code, name) : null;
            default:
                if (commune is not null)
                {
                    return registry.FindCommune(commune) is { } vc ? new Caller(role, vc.ProvinceCode, vc.Code, name) : null;
                }

                return province is not null && registry.FindProvince(province) is { } vp ? new Caller(role, vp.Code, null, name) : null;
        }
    }
}
