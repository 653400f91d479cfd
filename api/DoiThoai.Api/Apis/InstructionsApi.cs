using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Api.Apis;

public sealed record InstructionRequest(string Text, DateOnly? PeriodicBy = null);

/// <summary>An instruction as one commune office sees it: the text and that commune's own progress.</summary>
public sealed record CommuneInstruction(string Id, string Text, DateOnly? PeriodicBy, DateTimeOffset IssuedAt, string IssuedBy, InstructionProgress Progress);

/// <summary>
/// Province-wide instructions: issued by the province, shown to every commune office of it, acknowledged and carried
/// out commune by commune, and tracked to completion by the province.
/// </summary>
public static class InstructionsApi
{
    public static IEndpointRouteBuilder MapInstructionsApi(this IEndpointRouteBuilder app)
    {
        var province = app.MapGroup("/api/provinces/{code}/instructions")
            .TouchesScope(ScopeLevel.Province)
            .WithTags("Instructions");
        province.MapPost("", Issue).Needs(Access.Govern).Audited("instruction.issued", value => value is InstructionStatus i ? i.Id : null)
            .Describe("IssueInstruction", "Issue an instruction to the province's communes");
        province.MapGet("", async (string code, IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IProvinceInstructionsGrain>(code).ListAsync()))
            .Describe("ListProvinceInstructions", "The province's instructions and each commune's answer");

        var commune = app.MapGroup("/api/communes/{code}/instructions")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Instructions");
        commune.MapGet("", ForCommune).Describe("ListCommuneInstructions", "The instructions a commune received");
        commune.MapPost("/{id:length(1,20)}/acknowledge", (string code, string id, HttpContext http, IGrainFactory grains) => AnswerAsync(code, id, false, http, grains))
            .Audited("instruction.acknowledged").Refuses(StatusCodes.Status409Conflict).Describe("AcknowledgeInstruction", "Acknowledge an instruction");
        commune.MapPost("/{id:length(1,20)}/done", (string code, string id, HttpContext http, IGrainFactory grains) => AnswerAsync(code, id, true, http, grains))
            .Audited("instruction.done").Refuses(StatusCodes.Status409Conflict).Describe("CompleteInstruction", "Report an instruction done");
        return app;
    }

    private static async Task<Results<Ok<InstructionStatus>, ProblemHttpResult>> Issue(string code, InstructionRequest request, HttpContext http, IGrainFactory grains)
    {
        var result = await grains.GetGrain<IProvinceInstructionsGrain>(code).IssueAsync(request.Text, request.PeriodicBy, Caller.Of(http).Name);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Problems.From(result.Problem!);
    }

    private static async Task<Ok<List<CommuneInstruction>>> ForCommune(string code, HttpContext http, IGrainFactory grains)
    {
        var scope = UnitScope.Of(http);
        var all = await grains.GetGrain<IProvinceInstructionsGrain>(scope.ProvinceCode).ListAsync();
        return TypedResults.Ok(all.Select(i => new CommuneInstruction(i.Id, i.Text, i.PeriodicBy, i.IssuedAt, i.IssuedBy,
            i.Progress.Single(p => p.CommuneCode == scope.CommuneCode))).ToList());
    }

    private static async Task<Results<Ok<CommuneInstruction>, ProblemHttpResult>> AnswerAsync(string code, string id, bool done, HttpContext http, IGrainFactory grains)
    {
        var scope = UnitScope.Of(http);
        var result = await grains.GetGrain<IProvinceInstructionsGrain>(scope.ProvinceCode).AnswerAsync(id, scope.CommuneCode!, done);
        if (!result.Succeeded)
        {
            return Problems.From(result.Problem!);
        }

        var i = result.Value!;
        return TypedResults.Ok(new CommuneInstruction(i.Id, i.Text, i.PeriodicBy, i.IssuedAt, i.IssuedBy, i.Progress.Single(p => p.CommuneCode == scope.CommuneCode)));
    }
}
