using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Documents.Spreadsheets;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Api.Apis;

public sealed record ProvinceListItem(string Code, string Name, int CommuneCount);

public sealed record CommuneListItem(string Code, string Name, CommuneKind Kind);

public sealed record SmsPolicy(SmsTextPolicy TextPolicy);

public static class ProvincesApi
{
    public static IEndpointRouteBuilder MapProvincesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/provinces", ListProvinces)
            .TouchesScope(ScopeLevel.National)
            .WithTags("Provinces").Describe("ListProvinces", "The 34 provinces and their communes' counts");

        var province = app.MapGroup("/api/provinces/{code}")
            .TouchesScope(ScopeLevel.Province)
            .WithTags("Provinces");
        province.MapGet("/communes", ListCommunes).Describe("ListProvinceCommunes", "A province's communes and wards");
        province.MapGet("/overview", GetOverview).Describe("GetProvinceOverview", "Every commune of a province at once: sessions held, planned, late");
        province.MapGet("/overview.xlsx", GetOverviewWorkbook).ProducesFile(OversightWorkbook.ContentType).Describe("GetProvinceOverviewWorkbook", "The province's overview as an Excel workbook");
        province.MapGet("/notice-policy", GetNoticePolicy).Describe("GetProvinceNoticePolicy", "The province's notice lead times");
        province.MapPut("/notice-policy", SetNoticePolicy).Needs(Access.Govern).Audited("province.notice-policy-set")
            .Refuses(StatusCodes.Status422UnprocessableEntity).Describe("SetProvinceNoticePolicy", "Set the province's notice lead times (at least the law's)");
        province.MapGet("/sms-policy", GetSmsPolicy).Describe("GetProvinceSmsPolicy", "The province's SMS policy (diacritics, quiet hours)");
        province.MapPut("/sms-policy", SetSmsPolicy).Needs(Access.Govern).Audited("province.sms-policy-set")
            .Describe("SetProvinceSmsPolicy", "Set the province's SMS policy");
        province.MapGet("/digest", GetDigest).Describe("GetProvinceDigest", "Who receives the province's weekly digest");
        province.MapPut("/digest", SetDigest).Needs(Access.Govern).Audited("province.digest-set").Describe("SetProvinceDigest", "Set who receives the province's weekly digest");
        return app;
    }

    private static Ok<List<ProvinceListItem>> ListProvinces(AdminUnitRegistry registry) =>
        TypedResults.Ok(registry.Provinces.Select(p => new ProvinceListItem(p.Code, p.Name, p.Communes.Count)).ToList());

    private static Ok<List<CommuneListItem>> ListCommunes(string code, AdminUnitRegistry registry) =>
        TypedResults.Ok(registry.FindProvince(code)!.Communes.Select(c => new CommuneListItem(c.Code, c.Name, c.Kind)).ToList());

    /// <param name="by">The date each commune's periodic dialogue is judged against (yyyy-MM-dd).</param>
    private static async Task<Results<Ok<ProvinceOverview>, ProblemHttpResult>> GetOverview(string code, DateOnly? by, IGrainFactory grains) =>
        by is { } day && !ApiDates.InRange(day) ? ByOutOfRange()
            : TypedResults.Ok(await grains.GetGrain<IProvinceGrain>(code).GetOverviewAsync(by));

    /// <summary>The same oversight as an Excel workbook, as offices report upward.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetOverviewWorkbook(string code, DateOnly? by, IGrainFactory grains)
    {
        if (by is { } day && !ApiDates.InRange(day))
        {
            return ByOutOfRange();
        }

        var overview = await grains.GetGrain<IProvinceGrain>(code).GetOverviewAsync(by);
        return TypedResults.File(OversightWorkbook.Write(overview), OversightWorkbook.ContentType, OversightWorkbook.FileName(overview));
    }

    private static ProblemHttpResult ByOutOfRange() => Problems.Invalid("by", $"Tham số 'by' phải là ngày (yyyy-MM-dd) {ApiDates.Range}.");

    private static async Task<Ok<NoticePolicy>> GetNoticePolicy(string code, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProvinceGrain>(code).GetNoticePolicyAsync());

    private static async Task<Ok<SmsPolicy>> GetSmsPolicy(string code, IGrainFactory grains) =>
        TypedResults.Ok(new SmsPolicy(await grains.GetGrain<IProvinceGrain>(code).GetSmsTextPolicyAsync()));

    private static async Task<Ok<SmsPolicy>> SetSmsPolicy(string code, SmsPolicy policy, IGrainFactory grains) =>
        TypedResults.Ok(new SmsPolicy(await grains.GetGrain<IProvinceGrain>(code).SetSmsTextPolicyAsync(policy.TextPolicy)));

    private static Task<Results<Ok<NoticePolicy>, ProblemHttpResult>> SetNoticePolicy(string code, NoticePolicy policy, IGrainFactory grains) =>
        grains.GetGrain<IProvinceGrain>(code).SetNoticePolicyAsync(policy).AsHttpAsync();

    /// <summary>The weekly digest to the province's supervisors: its day, time and recipients (masked).</summary>
    private static async Task<Ok<DigestSettings>> GetDigest(string code, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProvinceDigestGrain>(code).GetAsync());

    /// <summary>Changes the digest's day and time (HH:mm, 07:00–21:59), and its recipients when given.</summary>
    private static Task<Results<Ok<DigestSettings>, ProblemHttpResult>> SetDigest(string code, DigestSettingsDraft draft, IGrainFactory grains) =>
        grains.GetGrain<IProvinceDigestGrain>(code).SetAsync(draft).AsHttpAsync();
}
