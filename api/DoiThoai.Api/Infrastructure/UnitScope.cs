using DoiThoai.Domain.AdminUnits;

namespace DoiThoai.Api.Infrastructure;

public enum ScopeLevel
{
    /// <summary>The whole country (holiday lists, the list of provinces).</summary>
    National,

    /// <summary>One province, by the {code} route value.</summary>
    Province,

    /// <summary>One commune, by the {code} route value.</summary>
    Commune,

    /// <summary>The SMS gateway's callback identity: no unit, authenticated by the signature of each report.</summary>
    SmsGateway,
}

/// <summary>
/// The administrative unit a request touches, resolved once from the route before the handler runs.
/// An unknown code is answered 404 here; the authorization step (Security/ScopeAuthorization) has already checked
/// the caller against the same scope, before the request body was read.
/// </summary>
public sealed record UnitScope(ScopeLevel Level, string ProvinceCode, string? CommuneCode)
{
    public static UnitScope NationalScope { get; } = new(ScopeLevel.National, "", null);

    /// <summary>The unit a route's {code} names at a level, or null when no such unit exists.</summary>
    public static UnitScope? Resolve(ScopeLevel level, string? code, AdminUnitRegistry registry) => level switch
    {
        ScopeLevel.Province => registry.FindProvince(code ?? "") is { } p ? new UnitScope(level, p.Code, null) : null,
        ScopeLevel.Commune => registry.FindCommune(code ?? "") is { } c ? new UnitScope(level, c.ProvinceCode, c.Code) : null,
        ScopeLevel.SmsGateway => new UnitScope(level, "", null),
        _ => NationalScope,
    };

    public static UnitScope Of(HttpContext context) =>
        context.Items[typeof(UnitScope)] as UnitScope
        ?? throw new InvalidOperationException("The endpoint did not declare its scope.");
}

public static class UnitScopeExtensions
{
    /// <summary>Declares which unit the endpoints of a group touch, and resolves it from the {code} route value.</summary>
    public static TBuilder TouchesScope<TBuilder>(this TBuilder builder, ScopeLevel level)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(level);
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Items.ContainsKey(typeof(UnitScope)))
            {
                return await next(context); // resolved by the authorization step
            }

            var registry = http.RequestServices.GetRequiredService<AdminUnitRegistry>();
            var code = http.Request.RouteValues["code"] as string ?? "";
            if (UnitScope.Resolve(level, code, registry) is not { } scope)
            {
                var what = level == ScopeLevel.Province ? "tỉnh, thành phố" : "xã, phường, đặc khu";
                return Problems.NotFound($"Không có {what} mang mã '{Problems.Echo(code, 12)}'.");
            }

            http.Items[typeof(UnitScope)] = scope;
            return await next(context);
        });
        return builder;
    }
}
