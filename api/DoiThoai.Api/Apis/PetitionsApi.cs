using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Petitions;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Api.Apis;

/// <summary><c>answerDueDate</c>: the day the answer is promised by (30 days from today when not given).</summary>
public sealed record AcknowledgeRequest(string? Note = null, DateOnly? AnswerDueDate = null);

public sealed record AssignRequest(string Unit, DateOnly DueDate, string? Note = null);

public sealed record EscalateRequest(string Reason, DateOnly? AnswerDueDate = null);

public sealed record AnswerRequest(string Answer);

/// <summary>A petition as officers see it: the petitioner's phone and address masked (the platform itself tells them the answer).</summary>
public sealed record PetitionView(
    string Id, string? SessionId, PetitionSource Source, PetitionField Field, string Content,
    string? PetitionerName, string? PetitionerPhone, string? PetitionerEmail,
    DateTimeOffset ReceivedAt, DateOnly AcknowledgeBy, PetitionStatus Status, string? AssignedUnit, DateOnly? DueDate, DateOnly? OwedBy, bool Overdue,
    string? Answer, IReadOnlyList<PetitionEvent> History, IReadOnlyList<DeliveryTally>? AnswerDeliveries = null, DateTimeOffset? PetitionerContactErasedAt = null,
    DateOnly? ReceivedOn = null, DateOnly? AnswerDueDate = null, bool Acknowledged = false)
{
    public static PetitionView Of(Petition p, DateTimeOffset now, IReadOnlyList<DeliveryTally>? deliveries = null) => new(
        p.Id, p.SessionId, p.Source, p.Field, p.Content,
        p.Petitioner?.Name, p.Petitioner?.Phone is { } phone ? PhoneNumber.Mask(phone) : null, p.Petitioner?.Email is { } email ? EmailAddress.Mask(email) : null,
        p.ReceivedAt, p.AcknowledgeBy, p.Status, p.AssignedUnit, p.DueDate, p.OwedBy, p.IsOverdue(now), p.Answer, p.History, deliveries,
        p.Petitioner?.ContactErasedAt, p.ReceivedDay, p.AnswerDueDate, p.Acknowledged);
}

public static class PetitionsApi
{
    public static IEndpointRouteBuilder MapPetitionsApi(this IEndpointRouteBuilder app)
    {
        var petitions = app.MapGroup("/api/communes/{code}/petitions")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Petitions");
        petitions.MapPost("", Record).Audited("petition.recorded", value => value is PetitionView p ? $"{p.Id} {p.Field}" : null)
            .Describe("RecordPetition", "Record a petition raised at a session");
        petitions.MapGet("", List).Describe("ListPetitions", "The commune's petitions and where each stands");
        var petition = petitions.MapGroup("/{id:length(1,20)}");
        petition.MapGet("", Get).Describe("GetPetition", "One petition with its history");
        petition.MapPost("/acknowledge", (string code, string id, AcknowledgeRequest request, HttpContext http, IGrainFactory grains) =>
            Registry(grains, code).AcknowledgeAsync(id, request.Note, Caller.Of(http).Describe(), request.AnswerDueDate).AsViewAsync(http))
            .Audited("petition.acknowledged").Refuses(StatusCodes.Status409Conflict).Describe("AcknowledgePetition", "Acknowledge a petition and set when it will be answered");
        petition.MapPost("/assign", (string code, string id, AssignRequest request, HttpContext http, IGrainFactory grains) =>
            Registry(grains, code).AssignAsync(id, request.Unit ?? "", request.DueDate, request.Note, Caller.Of(http).Describe()).AsViewAsync(http))
            .Audited("petition.assigned", value => value is PetitionView p ? $"{p.AssignedUnit}, hạn {p.DueDate:yyyy-MM-dd}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("AssignPetition", "Assign a petition to the unit that will answer it");
        petition.MapPost("/escalate", (string code, string id, EscalateRequest request, HttpContext http, IGrainFactory grains) =>
            Registry(grains, code).EscalateAsync(id, request.Reason ?? "", Caller.Of(http).Describe(), request.AnswerDueDate).AsViewAsync(http))
            .Audited("petition.escalated").Refuses(StatusCodes.Status409Conflict).Describe("EscalatePetition", "Escalate a petition beyond the commune");
        petition.MapPost("/answer", (string code, string id, AnswerRequest request, HttpContext http, IGrainFactory grains) =>
            Registry(grains, code).AnswerAsync(id, request.Answer ?? "", Caller.Of(http).Describe()).AsViewAsync(http))
            .Audited("petition.answered").Refuses(StatusCodes.Status409Conflict).Describe("AnswerPetition", "Record a petition's answer");

        app.MapGet("/api/provinces/{code}/petitions", async (string code, IGrainFactory grains) =>
                TypedResults.Ok(await grains.GetGrain<IProvinceGrain>(code).GetPetitionOverviewAsync()))
            .TouchesScope(ScopeLevel.Province)
            .WithTags("Petitions").Describe("GetProvincePetitionOverview", "The province's petitions by commune: open, overdue, answered");
        return app;
    }

    private static IPetitionRegistryGrain Registry(IGrainFactory grains, string code) => grains.GetGrain<IPetitionRegistryGrain>(code);

    private static async Task<Results<Created<PetitionView>, ProblemHttpResult>> Record(string code, PetitionDraft draft, HttpContext http, IGrainFactory grains)
    {
        var result = await Registry(grains, code).RecordAsync(draft, Caller.Of(http).Describe());
        return result.Succeeded
            ? TypedResults.Created($"/api/communes/{code}/petitions/{result.Value!.Id}", PetitionView.Of(result.Value, result.Value.ReceivedAt))
            : Problems.From(result.Problem!);
    }

    private static DateTimeOffset Now(HttpContext http) => RequestClock.Now(http);

    private static async Task<Results<Ok<IReadOnlyList<PetitionView>>, ProblemHttpResult>> List(string code, string? status, bool? overdue, HttpContext http, IGrainFactory grains)
    {
        PetitionStatus? filter = null;
        if (status is not null)
        {
            if (!Enum.TryParse<PetitionStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", "Trạng thái phải là received, acknowledged, assigned, escalated hoặc answered.");
            }

            filter = parsed;
        }

        var now = Now(http);
        var list = await Registry(grains, code).ListAsync(filter, overdue ?? false);
        return TypedResults.Ok<IReadOnlyList<PetitionView>>([.. list.Select(p => PetitionView.Of(p, now))]);
    }

    private static async Task<Results<Ok<PetitionView>, ProblemHttpResult>> Get(string code, string id, HttpContext http, IGrainFactory grains) =>
        await Registry(grains, code).GetAsync(id) is { } detail
            ? TypedResults.Ok(PetitionView.Of(detail.Petition, Now(http), detail.AnswerDeliveries))
            : Problems.NotFound($"Không tìm thấy kiến nghị {Problems.Echo(id)}.");

    private static async Task<Results<Ok<PetitionView>, ProblemHttpResult>> AsViewAsync(this Task<DoiThoai.Grains.Abstractions.CommandResult<Petition>> step, HttpContext http)
    {
        var result = await step;
        return result.Succeeded ? TypedResults.Ok(PetitionView.Of(result.Value!, Now(http))) : Problems.From(result.Problem!);
    }
}
