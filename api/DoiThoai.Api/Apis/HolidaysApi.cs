using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Holidays;

namespace DoiThoai.Api.Apis;

public static class HolidaysApi
{
    public static IEndpointRouteBuilder MapHolidaysApi(this IEndpointRouteBuilder app)
    {
        var holidays = app.MapGroup("/api/holidays/{year}")
            .TouchesScope(ScopeLevel.National)
            .WithTags("Holidays");
        holidays.MapGet("", GetHolidays);
        holidays.MapPut("", ReplaceHolidays).Needs(Access.Govern).Audited("holidays.replaced");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PublicHoliday>>, ProblemHttpResult>> GetHolidays(string year, IGrainFactory grains)
    {
        if (ParseYear(year) is not { } y)
        {
            return YearProblem(year);
        }

        var list = await grains.GetGrain<IHolidayCalendarGrain>(y).GetAsync();
        return TypedResults.Ok(list.Days);
    }

    private static async Task<Results<Ok<IReadOnlyList<PublicHoliday>>, ProblemHttpResult>> ReplaceHolidays(
        string year, List<PublicHoliday> days, IGrainFactory grains)
    {
        if (ParseYear(year) is not { } y)
        {
            return YearProblem(year);
        }

        var result = await grains.GetGrain<IHolidayCalendarGrain>(y).ReplaceAsync(days);
        return result.Succeeded ? TypedResults.Ok(result.Value!.Days) : Problems.From(result.Problem!);
    }

    private static int? ParseYear(string year) =>
        int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
        && y is >= VietnameseLunarCalendar.MinYear and <= VietnameseLunarCalendar.MaxYear
            ? y
            : null;

    private static ProblemHttpResult YearProblem(string year) => Problems.Invalid(
        "year", $"Năm phải là số từ {VietnameseLunarCalendar.MinYear} đến {VietnameseLunarCalendar.MaxYear}" +
        $" (nhận được '{Problems.Echo(year, 12)}').");
}
