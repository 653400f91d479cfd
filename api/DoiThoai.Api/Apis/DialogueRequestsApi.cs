using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Requests;

namespace DoiThoai.Api.Apis;

public sealed record SignaturesRequest(int Signatures);

public sealed record LinkSessionRequest(string SessionId);

/// <summary>
/// Residents' requests for a dialogue (Điều 43 Luật 72/2025: at least 10% of the commune's voters): recorded with the
/// count, owed once the threshold is reached until a session is linked to answer it; the province sees what is owed.
/// </summary>
public static class DialogueRequestsApi
{
    public static IEndpointRouteBuilder MapDialogueRequestsApi(this IEndpointRouteBuilder app)
    {
        var requests = app.MapGroup("/api/communes/{code}/dialogue-requests")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Dialogue requests");
        requests.MapPost("", async (string code, DialogueRequestDraft draft, IGrainFactory grains) =>
            {
                var result = await grains.GetGrain<IDialogueRequestsGrain>(code).RecordAsync(draft);
                return result.Succeeded
                    ? (Results<Created<DialogueRequest>, ProblemHttpResult>)TypedResults.Created($"/api/communes/{code}/dialogue-requests", result.Value)
                    : Problems.From(result.Problem!);
            })
            .Audited("dialogue-request.recorded", value => value is DialogueRequest r ? $"{r.Id}: {r.Signatures}/{r.Voters}" : null)
            .Describe("RecordDialogueRequest", "Record residents' request for a dialogue");
        requests.MapGet("", async (string code, IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IDialogueRequestsGrain>(code).ListAsync()))
            .Describe("ListDialogueRequests", "The commune's dialogue requests");
        requests.MapPost("/{id:length(1,20)}/signatures", (string code, string id, SignaturesRequest request, IGrainFactory grains) =>
                grains.GetGrain<IDialogueRequestsGrain>(code).UpdateSignaturesAsync(id, request.Signatures).AsHttpAsync())
            .Audited("dialogue-request.signatures", value => value is DialogueRequest r ? $"{r.Signatures}/{r.Voters}" : null)
            .Describe("UpdateDialogueRequestSignatures", "Update how many residents signed a request");
        requests.MapPost("/{id:length(1,20)}/session", (string code, string id, LinkSessionRequest request, IGrainFactory grains) =>
                grains.GetGrain<IDialogueRequestsGrain>(code).LinkAsync(id, request.SessionId ?? "").AsHttpAsync())
            .Audited("dialogue-request.answered", value => value is DialogueRequest r ? r.SessionId : null)
            .Describe("AnswerDialogueRequest", "Link the session that answers a request");
        return app;
    }
}
