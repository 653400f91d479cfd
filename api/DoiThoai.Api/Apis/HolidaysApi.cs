using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Holidays;

namespace DoiThoai.Api.Apis;

/// <summary>An official list: the days off, and the weekend days it makes working days (ngày làm bù).</summary>
public sealed record HolidayListRequest(List<PublicHoliday> Days, List<PublicHoliday>? MakeUpWorkingDays = null);

public static class HolidaysApi
{
    public static IEndpointRouteBuilder MapHolidaysApi(this IEndpointRouteBuilder app)
    {
        var holidays = app.MapGroup("/api/holidays/{year}")
            .TouchesScope(ScopeLevel.National)
            .WithTags("Holidays");
        holidays.MapGet("", GetHolidays).Refuses(StatusCodes.Status400BadRequest).Describe("GetHolidays", "The public holidays of a year");
        holidays.MapPut("", ReplaceHolidays).Needs(Access.Govern).Audited("holidays.replaced").Refuses(StatusCodes.Status400BadRequest).Describe("ReplaceHolidays", "Replace the public holidays of a year");
        return app;
    }

    private static async Task<Results<Ok<HolidayYear>, ProblemHttpResult>> GetHolidays(string year, IGrainFactory grains)
    {
        if (ParseYear(year) is not { } y)
        {
            return YearProblem(year);
        }

        return TypedResults.Ok(await grains.GetGrain<IHolidayCalendarGrain>(y).GetAsync());
    }

    /// <summary>Replaces the year's list; the answer says how many notice and petition deadlines it moved.</summary>
    private static async Task<Results<Ok<HolidayListChange>, ProblemHttpResult>> ReplaceHolidays(
        string year, HolidayListRequest request, IGrainFactory grains)
    {
        if (ParseYear(year) is not { } y)
        {
            return YearProblem(year);
        }

        if (request.Days is null)
        {
            return Problems.Invalid("days", "Cần danh sách ngày nghỉ (days).");
        }

        var result = await grains.GetGrain<IHolidayCalendarGrain>(y).ReplaceAsync(request.Days, request.MakeUpWorkingDays);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Problems.From(result.Problem!);
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
