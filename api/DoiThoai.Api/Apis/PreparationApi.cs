using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Preparation;

namespace DoiThoai.Api.Apis;

public sealed record MilestoneDoneRequest(string? Note = null);

public sealed record AgendaRequest(IReadOnlyList<AgendaItem>? Items);

/// <summary>
/// A session's preparation: the milestones from the template of its kind (who does what by when, reminded before and
/// alerted when overdue), and the programme. The commune office reads and edits them; every change is audited.
/// </summary>
public static class PreparationApi
{
    public static IEndpointRouteBuilder MapPreparationApi(this IEndpointRouteBuilder app)
    {
        var preparation = app.MapGroup("/api/communes/{code}/sessions/{id:length(1,40)}/preparation")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Preparation");
        preparation.MapGet("", Get).Describe("GetPreparation", "A session's preparation: agenda and milestones");
        preparation.MapPost("/milestones", Add).Audited("milestone.added").Refuses(StatusCodes.Status409Conflict).Describe("AddMilestone", "Add a preparation milestone");
        var milestone = preparation.MapGroup("/milestones/{key:length(1,40)}");
        milestone.MapPut("", Change).Audited("milestone.changed").Refuses(StatusCodes.Status409Conflict).Describe("ChangeMilestone", "Change a milestone");
        milestone.MapPost("/done", Complete).Audited("milestone.done").Refuses(StatusCodes.Status409Conflict).Describe("CompleteMilestone", "Mark a milestone done");
        milestone.MapDelete("", Remove).Audited("milestone.removed").Refuses(StatusCodes.Status409Conflict).Describe("RemoveMilestone", "Remove a milestone");
        preparation.MapPut("/agenda", SetAgenda).Audited("agenda.changed").Refuses(StatusCodes.Status409Conflict).Describe("SetAgenda", "Set a session's agenda");
        return app;
    }

    private static async Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains) =>
        await Preparation(grains, code, id).GetAsync() is { } preparation ? TypedResults.Ok(preparation) : Problems.SessionNotFound(id);

    private static Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> Add(string code, string id, MilestoneDraft draft, IGrainFactory grains) =>
        Preparation(grains, code, id).AddMilestoneAsync(draft).AsHttpAsync();

    private static Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> Change(string code, string id, string key, MilestoneChange change, IGrainFactory grains) =>
        Preparation(grains, code, id).ChangeMilestoneAsync(key, change).AsHttpAsync();

    private static Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> Complete(
        string code, string id, string key, MilestoneDoneRequest request, IGrainFactory grains, HttpContext http) =>
        Preparation(grains, code, id).CompleteMilestoneAsync(key, request.Note, Caller.Of(http).Describe()).AsHttpAsync();

    private static Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> Remove(string code, string id, string key, IGrainFactory grains) =>
        Preparation(grains, code, id).RemoveMilestoneAsync(key).AsHttpAsync();

    private static async Task<Results<Ok<SessionPreparation>, ProblemHttpResult>> SetAgenda(string code, string id, AgendaRequest request, IGrainFactory grains) =>
        request.Items is null
            ? Problems.Invalid("items", "Cần danh sách các mục của chương trình (items).")
            : await Preparation(grains, code, id).SetAgendaAsync(request.Items).AsHttpAsync();

    private static ISessionPreparationGrain Preparation(IGrainFactory grains, string code, string id) =>
        grains.GetGrain<ISessionPreparationGrain>(SessionNoticeKey.Of(code, id));
}
