using System.Globalization;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Api.Apis;

public sealed record RescheduleRequest(DateTimeOffset StartsAt, string Reason);

public sealed record CancelRequest(string Reason);

public sealed record MinutesRequest(string Minutes);

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var commune = app.MapGroup("/api/communes/{code}")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Sessions");
        commune.MapPost("/sessions", Schedule).Audited("session.scheduled", value => value is SessionInfo s
            ? $"{s.Kind} {s.StartsAt:yyyy-MM-dd HH:mm}" + (s.UrgentReason is { } urgent ? $", đột xuất: {Problems.Echo(urgent, 200)}" : "")
            : null).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity).Describe("ScheduleSession", "Schedule a dialogue (periodic, thematic or urgent) under the notice rules");
        commune.MapPost("/sessions/past", RecordPast).Audited("session.recorded-afterwards", value => value is SessionInfo s
            ? $"{s.Kind} {s.StartsAt:yyyy-MM-dd HH:mm}, ghi nhận muộn: {Problems.Echo(s.History[0].Reason ?? "", 200)}"
            : null).Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity).Describe("RecordPastSession", "Record a dialogue held before the platform was used");
        commune.MapPost("/sessions/preview", (string code, SessionDraft draft, IGrainFactory grains) =>
            grains.GetGrain<ICommuneGrain>(code).PreviewNoticePlanAsync(draft).AsHttpAsync()).Describe("PreviewSession", "What scheduling a draft would send, and whether the rules allow it");
        commune.MapGet("/sessions", List).Describe("ListSessions", "The commune's sessions between two dates");
        commune.MapGet("/notice-check", CheckNotice).Describe("CheckNotice", "The earliest start the notice rules allow for a kind of session");
        commune.MapGet("/calendar.ics", CommuneCalendarFeed.Get).Public().ProducesFile("text/calendar").Describe("GetCommuneCalendar", "The commune's dialogues as an iCalendar feed");

        var session = commune.MapGroup("/sessions/{id:length(1,40)}");
        session.MapGet("", Get).Describe("GetSession", "One session with its history");
        session.MapPost("/reschedule", Reschedule).Audited("session.rescheduled", value => value is SessionInfo s ? $"{s.StartsAt:yyyy-MM-dd HH:mm}" : null)
            .Refuses(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity).Describe("RescheduleSession", "Move a session (notices sent again)");
        session.MapPost("/cancel", Cancel).Audited("session.cancelled").Refuses(StatusCodes.Status409Conflict).Describe("CancelSession", "Cancel a session (cancellations sent)");
        session.MapPost("/held", MarkHeld).Audited("session.held").Refuses(StatusCodes.Status409Conflict).Describe("MarkSessionHeld", "Record that a session was held");
        session.MapPut("/organisers", SetOrganisers).Audited("session.organisers-set").Refuses(StatusCodes.Status409Conflict).Describe("SetSessionOrganisers", "Set who chairs, presents and records a session");
        session.MapPut("/minutes", RecordMinutes).WithBodyLimit(256 * 1024).Audited("session.minutes-recorded")
            .Refuses(StatusCodes.Status409Conflict).Describe("RecordMinutes", "Record a session's minutes");
        session.MapGet("/alert.cap.xml", SessionAlertCap.Get).Public().ProducesFile(SessionAlertCap.ContentType).Describe("GetSessionAlert", "A session's announcement as a CAP 1.2 alert");
        session.MapGet("/notice-plan", GetNoticePlan).Refuses(StatusCodes.Status409Conflict).Describe("GetNoticePlan", "The notices a session sends, by channel and date");
        session.MapGet("/deliveries", GetDeliveries).Describe("GetDeliveries", "What each notice's delivery came to, by channel");
        return app;
    }

    private static async Task<Results<Created<SessionInfo>, ProblemHttpResult>> Schedule(string code, SessionDraft draft, IGrainFactory grains)
    {
        var result = await grains.GetGrain<ICommuneGrain>(code).ScheduleAsync(draft);
        return result.Succeeded
            ? TypedResults.Created($"/api/communes/{code}/sessions/{result.Value!.Id}", result.Value)
            : Problems.From(result.Problem!);
    }

    /// <summary>A dialogue held before the platform was used, so the province's yearly count is true (marked as recorded late).</summary>
    private static async Task<Results<Created<SessionInfo>, ProblemHttpResult>> RecordPast(string code, PastSessionRecord record, IGrainFactory grains, HttpContext http)
    {
        if (record.Session is null)
        {
            return Problems.Invalid("session", "Cần thông tin hội nghị đã tổ chức (session).");
        }

        var result = await grains.GetGrain<ICommuneGrain>(code).RecordPastAsync(record with { Minutes = record.Minutes ?? "", Reason = record.Reason ?? "" }, Caller.Of(http).Describe());
        return result.Succeeded
            ? TypedResults.Created($"/api/communes/{code}/sessions/{result.Value!.Id}", result.Value)
            : Problems.From(result.Problem!);
    }

    private static Task<Results<Ok<SessionInfo>, ProblemHttpResult>> SetOrganisers(string code, string id, SessionOrganisers organisers, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).SetOrganisersAsync(id, organisers).AsHttpAsync();

    private static async Task<Results<Ok<IReadOnlyList<SessionInfo>>, ProblemHttpResult>> List(
        string code, string? from, string? to, IGrainFactory grains)
    {
        if (!TryParseBound(from, out var fromValue))
        {
            return Problems.Invalid("from", $"Tham số 'from' phải là ngày (2026-11-01) hoặc thời điểm ISO 8601 có múi giờ, {ApiDates.Range}.");
        }

        if (!TryParseBound(to, out var toValue))
        {
            return Problems.Invalid("to", $"Tham số 'to' phải là ngày (2026-12-31) hoặc thời điểm ISO 8601 có múi giờ, {ApiDates.Range}.");
        }

        if (fromValue > toValue)
        {
            return Problems.Invalid("to", "Tham số 'to' phải sau 'from'.");
        }

        return TypedResults.Ok(await grains.GetGrain<ICommuneGrain>(code).ListSessionsAsync(fromValue, toValue));
    }

    /// <summary>What the schedule form says as the officer types a date: allowed or not, the rule, the deadline or the earliest start.</summary>
    private static async Task<Results<Ok<NoticeCheck>, ProblemHttpResult>> CheckNotice(string code, string? kind, string? startsAt, IGrainFactory grains)
    {
        if (!Enum.TryParse<SessionKind>(kind, ignoreCase: true, out var sessionKind) || !Enum.IsDefined(sessionKind) || int.TryParse(kind, out _))
        {
            return Problems.Invalid("kind", "Loại hội nghị phải là periodic, thematic hoặc urgent.");
        }

        if (string.IsNullOrEmpty(startsAt) || !TryParseBound(startsAt, out var start))
        {
            return Problems.Invalid("startsAt", $"Tham số 'startsAt' phải là thời điểm ISO 8601 có múi giờ (2026-12-18T08:00:00+07:00), {ApiDates.Range}.");
        }

        return TypedResults.Ok(await grains.GetGrain<ICommuneGrain>(code).CheckNoticeAsync(sessionKind, start!.Value));
    }

    private static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains) =>
        await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is { } session
            ? TypedResults.Ok(session)
            : Problems.SessionNotFound(id);

    private static Task<Results<Ok<SessionInfo>, ProblemHttpResult>> Reschedule(string code, string id, RescheduleRequest request, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).RescheduleAsync(id, request.StartsAt, request.Reason).AsHttpAsync();

    private static Task<Results<Ok<SessionInfo>, ProblemHttpResult>> Cancel(string code, string id, CancelRequest request, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).CancelAsync(id, request.Reason).AsHttpAsync();

    private static Task<Results<Ok<SessionInfo>, ProblemHttpResult>> MarkHeld(string code, string id, IGrainFactory grains) =>
        grains.GetGrain<ICommuneGrain>(code).MarkHeldAsync(id).AsHttpAsync();

    private static Task<Results<Ok<SessionInfo>, ProblemHttpResult>> RecordMinutes(string code, string id, MinutesRequest request, IGrainFactory grains, HttpContext http) =>
        grains.GetGrain<ICommuneGrain>(code).RecordMinutesAsync(id, request.Minutes, Caller.Of(http).Describe()).AsHttpAsync();

    private static Task<Results<Ok<NoticePlan>, ProblemHttpResult>> GetNoticePlan(string code, string id, IGrainFactory grains) =>
        grains.GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(code, id)).GetPlanAsync().AsHttpAsync();

    /// <summary>What became of every message of the session: counts by channel and status, and a page of messages, masked.</summary>
    private static async Task<Results<Ok<DeliveryReport>, ProblemHttpResult>> GetDeliveries(
        string code, string id, string? channel, string? status, int? page, int? pageSize, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is null)
        {
            return Problems.SessionNotFound(id);
        }

        DeliveryChannel? channelFilter = null;
        if (channel is not null)
        {
            if (!Enum.TryParse<DeliveryChannel>(channel, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid("channel", "Kênh phải là email, sms hoặc loudspeaker.");
            }

            channelFilter = parsed;
        }

        DeliveryStatus? statusFilter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", "Tình trạng phải là pending, sent, delivered, failed hoặc cancelled.");
            }

            statusFilter = parsed;
        }

        if (page is < 1 || pageSize is < 1 or > 500)
        {
            return Problems.Invalid("page", "Trang bắt đầu từ 1; mỗi trang từ 1 đến 500 tin.");
        }

        var report = await grains.GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(code, id)).GetDeliveriesAsync(channelFilter, page ?? 1, pageSize ?? 100, statusFilter);
        return TypedResults.Ok(report);
    }

    /// <summary>A bound is a Vietnamese calendar day (its midnight, UTC+7) or a moment with an offset, within <see cref="ApiDates"/>.</summary>
    private static bool TryParseBound(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        // A '+' in a query string arrives as a space when the client did not encode it.
        text = text.Replace(' ', '+');
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (!ApiDates.InRange(day))
            {
                return false; // year 1 at midnight in Vietnam is before the first moment .NET can hold
            }

            value = VietnamTime.At(day, TimeOnly.MinValue);
            return true;
        }

        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal);
        if (text.Contains('T', StringComparison.Ordinal) && hasOffset
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            value = moment;
            return ApiDates.InRange(moment);
        }

        return false;
    }
}
