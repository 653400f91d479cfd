using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Api.Apis;

public static class CommunesApi
{
    public static IEndpointRouteBuilder MapCommunesApi(this IEndpointRouteBuilder app)
    {
        var commune = app.MapGroup("/api/communes/{code}")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Communes");
        commune.MapGet("", GetCommune).Describe("GetCommune", "A commune: its identity and the notice lead times in force");
        // The commune's own rule may only be stricter than its province's: its office sets it, as it runs its calendar.
        commune.MapPut("/notice-policy", SetNoticePolicy).Audited("commune.notice-policy-set").Refuses(StatusCodes.Status422UnprocessableEntity).Describe("SetCommuneNoticePolicy", "Set the commune's own notice lead times (at least the province's)");
        commune.MapDelete("/notice-policy", ClearNoticePolicy).Audited("commune.notice-policy-cleared")
            .Describe("ClearCommuneNoticePolicy", "Return the commune to the province's notice lead times");
        return app;
    }

    private static async Task<Ok<CommuneInfo>> GetCommune(string code, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICommuneGrain>(code).GetInfoAsync());

    private static Task<Results<Ok<CommuneInfo>, ProblemHttpResult>> SetNoticePolicy(string code, NoticePolicy policy, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).SetNoticePolicyAsync(policy).AsHttpAsync();

    /// <summary>Returns the commune to its province's default.</summary>
    private static Task<Results<Ok<CommuneInfo>, ProblemHttpResult>> ClearNoticePolicy(string code, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).SetNoticePolicyAsync(null).AsHttpAsync();
}
