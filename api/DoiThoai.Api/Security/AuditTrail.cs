using DoiThoai.Api.Infrastructure;
using DoiThoai.Grains.Abstractions.Audit;
using DoiThoai.Grains.Abstractions.Storage;

namespace DoiThoai.Api.Security;

/// <summary>
/// Records every successful change in the audit log of the province it touched (country-wide changes under
/// <see cref="IAuditLogGrain.National"/>): who, which action, which unit and thing, and a short detail. Refused and
/// failed requests changed nothing and are not recorded, except one whose outcome storage could not settle
/// (<see cref="StorageOutcomeUnknownException"/>): it may have changed something, so it is recorded, saying so. The
/// entry is written before the answer is sent; if storage cannot take it at that moment, <see cref="AuditBacklog"/>
/// writes it as soon as it can.
/// </summary>
public static class AuditTrail
{
    /// <summary>Declares the action an endpoint's successful calls are recorded as; <paramref name="detail"/> reads the answer's value.</summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, Func<object?, string?>? detail = null) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            object? result;
            try
            {
                result = await next(context);
            }
            catch (Exception error) when (UnavailableExceptionHandler.TransientCause(error) is StorageOutcomeUnknownException)
            {
                await RecordRequestAsync(context.HttpContext, action, OutcomeUnknownDetail);
                throw;
            }

            var inner = result;
            while (inner is INestedHttpResult nested)
            {
                inner = nested.Result;
            }

            if (inner is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                await RecordRequestAsync(context.HttpContext, action, detail?.Invoke((inner as IValueHttpResult)?.Value));
            }

            return result;
        });

    /// <summary>The detail of an entry whose change may or may not have been stored.</summary>
    public const string OutcomeUnknownDetail = "chưa xác định được đã lưu hay chưa (hệ thống lưu trữ gián đoạn)";

    /// <summary>Records the request's action: its caller, its unit (national if none), the route's id, code or year.</summary>
    private static Task RecordRequestAsync(HttpContext http, string action, string? detail)
    {
        var scope = UnitScope.Of(http);
        var target = http.Request.RouteValues["id"] as string ?? http.Request.RouteValues["code"] as string ?? http.Request.RouteValues["year"] as string ?? "";
        return RecordAsync(http, scope.Level == ScopeLevel.National ? null : scope, Caller.Find(http)?.Describe() ?? "?", action, target, detail);
    }

    public static Task RecordAsync(HttpContext http, UnitScope? scope, string actor, string action, string target, string? detail)
    {
        var key = scope is null ? IAuditLogGrain.National : scope.ProvinceCode;
        return http.RequestServices.GetRequiredService<AuditBacklog>().RecordAsync(
            key, new AuditRecord(actor, action, scope?.ProvinceCode ?? "", scope?.CommuneCode, target, detail));
    }
}
