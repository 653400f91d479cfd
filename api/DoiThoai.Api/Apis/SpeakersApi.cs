using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Speakers;

namespace DoiThoai.Api.Apis;

/// <summary>What the public registration page shows of a session: what any resident may know, and whether it is open.</summary>
public sealed record PublicSession(
    string CommuneCode, string CommuneName, string Id, SessionKind Kind, SessionForm Form, string Title, string? Topic,
    DateTimeOffset StartsAt, int DurationMinutes, string? Venue, string Chair, bool OpenForSpeakers);

/// <summary>A speaker as officers see them: the phone masked (the office calls back through the registry of the form).</summary>
public sealed record SpeakerView(int Number, int Position, string FullName, string? JobTitle, string WorkplaceOrAddress, string Phone, string Opinion, DateTimeOffset RegisteredAt,
    DateTimeOffset? PhoneErasedAt);

public sealed record SpeakerOrderRequest(IReadOnlyList<int> Numbers);

/// <summary>What the office sees after removing a registration: which number went, and the speakers left in order.</summary>
public sealed record SpeakerRemoval(int Removed, List<SpeakerView> Speakers);

/// <summary>A speaker registered by the office at the venue's desk (plan 003): the phone is optional, the speaker is there.</summary>
public sealed record DeskSpeakerRequest(string FullName, string WorkplaceOrAddress, string Opinion, string? Phone = null, bool Consent = false, string? JobTitle = null);

/// <summary>
/// Registration to speak (plan 002): a public form for each published session, rate-limited per address like every
/// public endpoint; the registrations become the speaking order the chair sees and rearranges.
/// </summary>
public static class SpeakersApi
{
    public static IEndpointRouteBuilder MapSpeakersApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/communes/{code}/sessions/{id:length(1,40)}")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Speakers");
        session.MapGet("/registration", GetPublicSession).Public().Describe("GetSpeakerRegistration", "A session's public registration page: places left");
        session.MapPost("/speakers", Register).Public().Refuses(StatusCodes.Status409Conflict).Describe("RegisterSpeaker", "A resident registers to speak");
        session.MapPost("/speakers/desk", RegisterAtDesk).Audited("speaker.registered-at-desk").Refuses(StatusCodes.Status409Conflict).Describe("RegisterSpeakerAtDesk", "The office registers a speaker at the desk");
        session.MapDelete("/speakers/{number:int}", Remove).Audited("speaker.removed", value => value is SpeakerRemoval r ? $"số {r.Removed}" : null)
            .Describe("RemoveSpeaker", "Remove a registration (a duplicate, or one made in someone else's name)");
        session.MapGet("/speakers", List).Describe("ListSpeakers", "A session's speakers in order");
        session.MapPut("/speakers/order", Reorder).Audited("speakers.reordered").Refuses(StatusCodes.Status409Conflict).Describe("ReorderSpeakers", "Set the speakers' order");
        return app;
    }

    private static async Task<Results<Ok<PublicSession>, ProblemHttpResult>> GetPublicSession(string code, string id, IGrainFactory grains, AdminUnitRegistry registry, HttpContext http)
    {
        // Cancelled sessions are public too (the calendar feed shows them): the page says registration is closed.
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is not { } s)
        {
            return Problems.SessionNotFound(id);
        }

        return TypedResults.Ok(new PublicSession(code, registry.FindCommune(code)!.Name, s.Id, s.Kind, s.Form, s.Title, s.Topic, s.StartsAt,
            s.DurationMinutes, s.Venue, s.Chair, s.Status == SessionStatus.Scheduled && RequestClock.Now(http) < s.StartsAt));
    }

    private static async Task<Results<Created<SpeakerReceipt>, ProblemHttpResult>> Register(string code, string id, SpeakerDraft draft, IGrainFactory grains,
        HttpContext http, PlatformSecrets secrets)
    {
        var result = await grains.GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(code, id)).RegisterAsync(draft, origin: Origin(http, secrets));
        return result.Succeeded
            ? TypedResults.Created($"/api/communes/{code}/sessions/{id}/speakers", result.Value)
            : Problems.From(result.Problem!);
    }

    /// <summary>The venue's registration desk: an officer registers a speaker, also after the session has started.</summary>
    private static async Task<Results<Created<SpeakerReceipt>, ProblemHttpResult>> RegisterAtDesk(string code, string id, DeskSpeakerRequest request, IGrainFactory grains, HttpContext http)
    {
        var draft = new SpeakerDraft(request.FullName ?? "", request.WorkplaceOrAddress ?? "", request.Phone ?? "", request.Opinion ?? "", request.Consent, request.JobTitle);
        var result = await grains.GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(code, id)).RegisterAsync(draft, Caller.Of(http).Describe());
        return result.Succeeded
            ? TypedResults.Created($"/api/communes/{code}/sessions/{id}/speakers", result.Value)
            : Problems.From(result.Problem!);
    }

    /// <summary>
    /// The client's address as the speaker list keeps it to count registrations per address: keyed with the platform's
    /// secret, so the stored value names no address (an unkeyed hash of an IPv4 address is reversed by trying them all).
    /// </summary>
    private static string Origin(HttpContext http, PlatformSecrets secrets)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        var mac = System.Security.Cryptography.HMACSHA256.HashData(secrets.SigningKey, System.Text.Encoding.UTF8.GetBytes("speaker-origin:" + address));
        return Convert.ToHexStringLower(mac, 0, 12);
    }

    private static async Task<Results<Ok<SpeakerRemoval>, ProblemHttpResult>> Remove(string code, string id, int number, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is null)
        {
            return Problems.SessionNotFound(id);
        }

        var result = await grains.GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(code, id)).RemoveAsync(number);
        return result.Succeeded ? TypedResults.Ok(new SpeakerRemoval(number, View(result.Value!))) : Problems.From(result.Problem!);
    }

    private static async Task<Results<Ok<List<SpeakerView>>, ProblemHttpResult>> List(string code, string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is null)
        {
            return Problems.SessionNotFound(id);
        }

        return TypedResults.Ok(View(await grains.GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(code, id)).ListAsync()));
    }

    private static async Task<Results<Ok<List<SpeakerView>>, ProblemHttpResult>> Reorder(string code, string id, SpeakerOrderRequest request, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is null)
        {
            return Problems.SessionNotFound(id);
        }

        if (request.Numbers is null)
        {
            return Problems.Invalid("numbers", "Cần liệt kê số đăng ký theo thứ tự phát biểu.");
        }

        var result = await grains.GetGrain<ISpeakerListGrain>(SessionNoticeKey.Of(code, id)).ReorderAsync(request.Numbers);
        return result.Succeeded ? TypedResults.Ok(View(result.Value!)) : Problems.From(result.Problem!);
    }

    private static List<SpeakerView> View(IReadOnlyList<Speaker> speakers) =>
        [.. speakers.Select((s, i) => new SpeakerView(s.Number, i + 1, s.FullName, s.JobTitle, s.WorkplaceOrAddress, PhoneNumber.Mask(s.Phone), s.Opinion, s.RegisteredAt, s.PhoneErasedAt))];
}
