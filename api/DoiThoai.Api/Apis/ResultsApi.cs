using DoiThoai.Grains.Abstractions;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Documents;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Results;

namespace DoiThoai.Api.Apis;

/// <summary>The chair's conclusion signed at once, with the items and closing remarks to sign (null: those of the saved draft).</summary>
public sealed record SignRequest(string SignedBy, IReadOnlyList<ConclusionItem>? Items = null, string? ClosingRemarks = null);

/// <summary>The earlier one-step form: the closing remarks signed (the items of the saved draft kept).</summary>
public sealed record ConcludeRequest(string Conclusion, string? SignedBy = null);

public sealed record CloseFollowUpRequest(string WhatWasDone);

/// <summary>
/// A session's results (Điều 43; plan 000): the structured conclusion drafted and signed, "Công bố kết quả" that numbers
/// and sends it, the follow-up tasks; the published notice public as a PDF, the commune's published results public too.
/// </summary>
public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/communes/{code}/sessions/{id:length(1,40)}")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Results");
        session.MapGet("/results", Get).Describe("GetSessionResults", "A session's results: conclusion, follow-ups, publication");
        session.MapPut("/conclusion", SaveDraft).WithBodyLimit(256 * 1024).Audited("results.conclusion-drafted",
            value => value is SessionResults r ? $"{r.Items.Count} nội dung" : null).Refuses(StatusCodes.Status409Conflict).Describe("SaveConclusionDraft", "Save the conclusion notice's draft");
        session.MapPost("/conclusion/sign", Sign).WithBodyLimit(256 * 1024).Audited("results.signed",
            value => value is SessionResults r ? $"{r.Items.Count} nội dung, ký: {Problems.Echo(r.SignedBy ?? "", 120)}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("SignConclusion", "Sign the conclusion notice");
        session.MapPost("/conclude", Conclude).Audited("results.signed").Refuses(StatusCodes.Status409Conflict).Describe("Conclude", "Sign the conclusion as drafted");
        session.MapPost("/results/publish", Publish).Audited("results.published",
            value => value is SessionResults r ? $"Thông báo số {r.NoticeReference}{(r.PublishedLate ? ", quá hạn 10 ngày" : "")}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("PublishResults", "Publish the results to residents");
        session.MapPost("/follow-ups/{key:length(1,20)}/close", CloseFollowUp).Audited("follow-up.closed")
            .Refuses(StatusCodes.Status409Conflict).Describe("CloseFollowUp", "Close a follow-up of the conclusion");
        session.MapGet("/conclusion.pdf", GetConclusionNotice).Public().ProducesFile(Documents.Rendering.PdfRenderer.ContentType).Refuses(StatusCodes.Status409Conflict).Describe("GetConclusionNotice", "The published conclusion notice (PDF)");

        app.MapGet("/api/communes/{code}/results", ListPublished).TouchesScope(ScopeLevel.Commune).WithTags("Results").Public()
            .Describe("ListPublishedResults", "A commune's published results");
        app.MapGet("/kq/{code}/{id:length(1,40)}", (string code, string id) =>
                TypedResults.Redirect($"/api/communes/{Uri.EscapeDataString(code)}/sessions/{Uri.EscapeDataString(id)}/conclusion.pdf"))
            .TouchesScope(ScopeLevel.Commune).WithTags("Results").Public().ExcludeFromDescription();
        return app;
    }

    private static ISessionResultsGrain Results(IGrainFactory grains, string code, string id) =>
        grains.GetGrain<ISessionResultsGrain>(SessionNoticeKey.Of(code, id));

    private static async Task<Results<Ok<SessionResults>, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains) =>
        await Results(grains, code, id).GetAsync() is { } results ? TypedResults.Ok(results) : Problems.SessionNotFound(id);

    private static Task<Results<Ok<SessionResults>, ProblemHttpResult>> SaveDraft(string code, string id, ConclusionDraft draft, IGrainFactory grains) =>
        Results(grains, code, id).SaveDraftAsync(draft with { Items = draft.Items ?? [] }).AsHttpAsync();

    private static Task<Results<Ok<SessionResults>, ProblemHttpResult>> Sign(string code, string id, SignRequest request, IGrainFactory grains) =>
        Results(grains, code, id).SignAsync(request.SignedBy ?? "",
            request.Items is null && request.ClosingRemarks is null ? null : new ConclusionDraft(request.Items ?? [], request.ClosingRemarks)).AsHttpAsync();

    /// <summary>The closing remarks signed in one step (by the chair named on the session unless a name is given); the drafted items stay.</summary>
    private static async Task<Results<Ok<SessionResults>, ProblemHttpResult>> Conclude(string code, string id, ConcludeRequest request, IGrainFactory grains)
    {
        var results = Results(grains, code, id);
        if (await results.GetAsync() is not { } current || await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is not { } session)
        {
            return Problems.SessionNotFound(id);
        }

        if (string.IsNullOrWhiteSpace(request.Conclusion))
        {
            return Problems.Invalid("conclusion", "Kết luận không được để trống.");
        }

        var signer = request.SignedBy ?? session.Organisers?.Chair?.Name ?? session.Chair;
        return await results.SignAsync(signer, new ConclusionDraft(current.Items, request.Conclusion)).AsHttpAsync();
    }

    private static Task<Results<Ok<SessionResults>, ProblemHttpResult>> Publish(string code, string id, IGrainFactory grains, HttpContext http) =>
        Results(grains, code, id).PublishAsync(Caller.Of(http).Describe()).AsHttpAsync();

    private static Task<Results<Ok<SessionResults>, ProblemHttpResult>> CloseFollowUp(string code, string id, string key, CloseFollowUpRequest request,
        IGrainFactory grains, HttpContext http) =>
        Results(grains, code, id).CloseFollowUpAsync(key, request.WhatWasDone ?? "", Caller.Of(http).Describe()).AsHttpAsync();

    /// <summary>The published conclusion notice, exactly as sent: public, as the results of a dialogue are (Điều 43).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetConclusionNotice(string code, string id, IGrainFactory grains)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is not { } session)
        {
            return Problems.SessionNotFound(id);
        }

        if (await Results(grains, code, id).GetPublishedNoticeAsync() is not { } pdf)
        {
            return Problems.From(new CommandProblem(ProblemKind.WrongState, session.Status == SessionStatus.Concluded
                ? "Kết luận đã ký nhưng kết quả chưa được công bố."
                : $"Hội nghị đang ở trạng thái \"{session.Status.Vietnamese()}\"; thông báo kết luận có sau khi kết quả được công bố."));
        }

        return TypedResults.File(pdf, Documents.Rendering.PdfRenderer.ContentType, $"thong-bao-ket-luan-{session.ConclusionNumber}-{code}.pdf");
    }

    /// <summary>The commune's published results, newest first: what its public page posts (Điều 43: posted and sent within 10 days).</summary>
    private static async Task<Results<Ok<List<PublishedResult>>, ProblemHttpResult>> ListPublished(string code, IGrainFactory grains) =>
        TypedResults.Ok(await PublishedAsync(grains, code));

    public static async Task<List<PublishedResult>> PublishedAsync(IGrainFactory grains, string code)
    {
        var published = new List<PublishedResult>();
        foreach (var session in (await grains.GetGrain<ICommuneGrain>(code).ListSessionsAsync(null, null)).Where(s => s.ResultsPublishedAt is not null).OrderByDescending(s => s.ResultsPublishedAt))
        {
            if (await Results(grains, code, session.Id).GetAsync() is { Published: true } results)
            {
                published.Add(new PublishedResult(session.Id, session.Title, session.StartsAt, results.NoticeReference!, results.NoticeYear!.Value,
                    results.PublishedAt!.Value, results.Items, results.ClosingRemarks, $"/api/communes/{code}/sessions/{session.Id}/conclusion.pdf"));
            }
        }

        return published;
    }
}
