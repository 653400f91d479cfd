using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Petitions;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Results;

namespace DoiThoai.Api.Apis;

/// <summary>A dialogue as residents see it: when, where or through which link, about what; never who was invited.</summary>
public sealed record PublicDialogue(
    string Id, string Title, SessionKind Kind, SessionForm Form, SessionStatus Status, DateTimeOffset StartsAt, int DurationMinutes,
    string? Venue, string? OnlineUrl, string? Topic, string? UrgentReason, string? CancelReason, DateTimeOffset? MovedFrom,
    string? RegistrationLink, string AlertLink);

/// <summary>
/// Everything a commune's public page shows: coming dialogues (those moved or called off lately too), urgent alerts,
/// the published results, and the calendar feed to subscribe to.
/// </summary>
public sealed record PublicCommunePage(
    string Code, string Name, string ProvinceName, DateTimeOffset AsOf, IReadOnlyList<PublicDialogue> Upcoming, IReadOnlyList<PublicDialogue> UrgentAlerts,
    IReadOnlyList<PublishedResult> Results, string CalendarFeed);

/// <summary>A petition's progress as its petitioner may look it up: no name, no contact details.</summary>
public sealed record PublicPetitionStatus(
    string Id, PetitionField Field, PetitionStatus Status, DateOnly ReceivedOn, bool Acknowledged, string? AssignedUnit, DateOnly? OwedBy, bool Overdue,
    string? Answer, DateTimeOffset? AnsweredAt);

/// <summary>
/// The residents' side, with no token: a commune's public page (cacheable for a minute, rate-limited per address) and
/// the lookup of a petition by its case number and the last four digits of the phone given with it (rate-limited
/// harder, and the same "not found" whether the number or the digits are wrong, so nothing can be guessed from it).
/// </summary>
public static class PublicPageApi
{
    /// <summary>How long a browser or a proxy may keep the public page.</summary>
    public const int CacheSeconds = 60;

    /// <summary>Cancelled or moved dialogues stay on the page this long, so residents who knew the old date learn of it.</summary>
    private static readonly TimeSpan ChangesShownFor = TimeSpan.FromDays(7);

    /// <summary>Urgent dialogues are alerts from when they are called until they end.</summary>
    private static readonly TimeSpan UrgentAlertAhead = TimeSpan.FromHours(48);

    public static IEndpointRouteBuilder MapPublicPageApi(this IEndpointRouteBuilder app)
    {
        var commune = app.MapGroup("/api/public/communes/{code}")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Public");
        commune.MapGet("", GetPage).Public().Describe("GetPublicCommunePage", "A commune's public page: its coming dialogues and published results");
        commune.MapGet("/petitions/{id:length(1,20)}", LookUpPetition).Public(SecuritySetup.LookupPolicy)
            .Describe("LookUpPetition", "A petition's progress, for whoever holds its code");
        return app;
    }

    private static async Task<Ok<PublicCommunePage>> GetPage(string code, IGrainFactory grains, AdminUnitRegistry registry, HttpContext http)
    {
        var commune = registry.FindCommune(code)!;
        var now = RequestClock.Now(http);
        var sessions = await grains.GetGrain<ICommuneGrain>(code).ListSessionsAsync(now - ChangesShownFor, null);
        var shown = sessions
            .Where(s => s.EndsAt > now && (s.Status == SessionStatus.Scheduled
                || s.Status == SessionStatus.Cancelled && s.History.LastOrDefault()?.At > now - ChangesShownFor))
            .OrderBy(s => s.StartsAt)
            .Select(s => Public(code, s, now))
            .ToList();
        var alerts = shown.Where(s => s.Kind == SessionKind.Urgent && s.Status == SessionStatus.Scheduled && s.StartsAt < now + UrgentAlertAhead).ToList();
        http.Response.Headers.CacheControl = $"public, max-age={CacheSeconds}";
        return TypedResults.Ok(new PublicCommunePage(commune.Code, commune.Name, commune.ProvinceName, now, shown, alerts,
            await ResultsApi.PublishedAsync(grains, code), $"/api/communes/{code}/calendar.ics"));
    }

    private static PublicDialogue Public(string code, SessionInfo s, DateTimeOffset now)
    {
        var moved = s.History.LastOrDefault(h => h.Kind == SessionChangeKind.Rescheduled && h.At > now - ChangesShownFor);
        var open = s.Status == SessionStatus.Scheduled && s.StartsAt > now;
        return new PublicDialogue(s.Id, s.Title, s.Kind, s.Form, s.Status, s.StartsAt, s.DurationMinutes, s.Venue, s.OnlineUrl, s.Topic, s.UrgentReason,
            s.CancelReason, moved?.PreviousStart,
            open ? $"/dang-ky.html?xa={Uri.EscapeDataString(code)}&phien={Uri.EscapeDataString(s.Id)}" : null,
            $"/api/communes/{code}/sessions/{s.Id}/alert.cap.xml");
    }

    private static async Task<Results<Ok<PublicPetitionStatus>, ProblemHttpResult>> LookUpPetition(string code, string id, string? phone, IGrainFactory grains, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 4)
        {
            return Problems.Invalid("phone", "Nhập đúng 4 chữ số cuối của số điện thoại đã ghi khi gửi kiến nghị.");
        }

        var detail = await grains.GetGrain<IPetitionRegistryGrain>(code).GetAsync(id);
        var stored = detail?.Petition.Petitioner is { Phone: { } number, ContactErasedAt: null } ? number : null;
        if (detail is null || stored is null || !stored.EndsWith(digits, StringComparison.Ordinal))
        {
            return Problems.NotFound("Không tìm thấy kiến nghị có số này với 4 chữ số cuối điện thoại đã nhập. Kiểm tra lại số kiến nghị trên giấy biên nhận.");
        }

        var p = detail.Petition;
        var answered = p.History.LastOrDefault(e => e.Kind == PetitionEventKind.Answered)?.At;
        return TypedResults.Ok(new PublicPetitionStatus(p.Id, p.Field, p.Status, p.ReceivedDay, p.Acknowledged, p.AssignedUnit, p.OwedBy,
            p.IsOverdue(RequestClock.Now(http)), p.Answer, answered));
    }
}
