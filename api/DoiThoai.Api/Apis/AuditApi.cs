using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Audit;

namespace DoiThoai.Api.Apis;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? NextBefore);

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        // A province reads its own log (its communes' changes included); the country-wide log is the national administrator's.
        app.MapGet("/api/provinces/{code}/audit", (string code, string? commune, long? before, int? limit, IGrainFactory grains) =>
                ListAsync(code, commune, before, limit, grains))
            .TouchesScope(ScopeLevel.Province)
            .Needs(Access.Govern)
            .WithTags("Audit").Describe("ListProvinceAudit", "A province's audit log, newest first (its communes' included)");
        app.MapGet("/api/audit", (long? before, int? limit, IGrainFactory grains) => ListAsync(IAuditLogGrain.National, null, before, limit, grains))
            .TouchesScope(ScopeLevel.National)
            .Needs(Access.Administer)
            .WithTags("Audit").Describe("ListNationalAudit", "The national audit log, newest first");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ListAsync(
        string scope, string? commune, long? before, int? limit, IGrainFactory grains)
    {
        if (limit is < 1 or > 500)
        {
            return Problems.Invalid("limit", "Mỗi trang từ 1 đến 500 mục.");
        }

        if (before is < 1)
        {
            return Problems.Invalid("before", "Tham số 'before' là số thứ tự của một mục nhật ký (từ 1).");
        }

        var size = limit ?? 100;
        var items = await grains.GetGrain<IAuditLogGrain>(scope).ListAsync(commune, before, size);
        return TypedResults.Ok(new AuditPage(items, items.Count == size ? items[^1].Id : null));
    }
}
