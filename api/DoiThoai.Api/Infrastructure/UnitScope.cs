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
/// An unknown code is answered 404 here; authorisation (a later step) checks the caller against this scope.
/// </summary>
public sealed record UnitScope(ScopeLevel Level, string ProvinceCode, string? CommuneCode)
{
    public static UnitScope NationalScope { get; } = new(ScopeLevel.National, "", null);

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
            var registry = http.RequestServices.GetRequiredService<AdminUnitRegistry>();
            var code = http.Request.RouteValues["code"] as string ?? "";
            UnitScope? scope = level switch
            {
                ScopeLevel.Province => registry.FindProvince(code) is { } p ? new UnitScope(level, p.Code, null) : null,
                ScopeLevel.Commune => registry.FindCommune(code) is { } c ? new UnitScope(level, c.ProvinceCode, c.Code) : null,
                ScopeLevel.SmsGateway => new UnitScope(level, "", null),
                _ => UnitScope.NationalScope,
            };
            if (scope is null)
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
