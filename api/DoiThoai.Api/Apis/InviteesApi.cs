using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;

namespace DoiThoai.Api.Apis;

/// <summary><c>namesDueWorkingDays</c>: the names are due that many working days before the notice deadline (two by default).</summary>
public sealed record InviteeGroupsRequest(IReadOnlyList<InviteeGroupDraft>? Groups, int? NamesDueWorkingDays = null);

/// <summary><c>lateReason</c>: after the names were due, the office says why it still invites (recorded, counted by the province).</summary>
public sealed record InviteeChoiceRequest(IReadOnlyList<string>? ContactIds, string? LateReason = null);

/// <summary>
/// Invitees by quota (plans 002 and 003): the office sets the groups and may choose for any of them; a hamlet head
/// chooses for their hamlet's group on a public page, with the code their link carries in a header (never in the
/// address, so it stays out of access logs), without an account.
/// </summary>
public static class InviteesApi
{
    /// <summary>The header carrying the hamlet head's code (the page reads it from the link's fragment).</summary>
    public const string CodeHeader = "X-Invitee-Code";

    public static IEndpointRouteBuilder MapInviteesApi(this IEndpointRouteBuilder app)
    {
        var invitees = app.MapGroup("/api/communes/{code}/sessions/{id:length(1,40)}/invitees")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Invitees");
        invitees.MapGet("", Get).Describe("GetInvitees", "Who is invited to a session, by group");
        invitees.MapPut("/groups", SetGroups).Audited("invitees.groups-set", value => value is InviteeList l ? $"{l.Groups.Count} nhóm, cần {l.Wanted} người" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("SetInviteeGroups", "Set a session's invitee groups and their quotas");
        var group = invitees.MapGroup("/groups/{key:length(1,20)}");
        group.MapGet("/candidates", Candidates).Needs(Access.PersonalData).Audited("invitees.candidates-read").Describe("ListInviteeCandidates", "The contacts a group's members can be chosen from (personal data)");
        group.MapPut("/members", SetMembers).Audited("invitees.chosen", value => value is InviteeList l ? $"đã chọn {l.Chosen}/{l.Wanted}" : null)
            .Refuses(StatusCodes.Status409Conflict).Describe("SetInviteeMembers", "Choose a group's members");
        group.MapGet("/fill", OpenFill).Public().Describe("OpenInviteeFill", "A hamlet head's list to fill, opened with its code");
        group.MapPut("/fill", Fill).Public().Refuses(StatusCodes.Status409Conflict).Describe("FillInvitees", "A hamlet head fills the group's list with its code");
        return app;
    }

    private static async Task<Results<Ok<InviteeList>, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains) =>
        await Invitees(grains, code, id).GetAsync() is { } list ? TypedResults.Ok(list) : Problems.SessionNotFound(id);

    private static async Task<Results<Ok<InviteeList>, ProblemHttpResult>> SetGroups(string code, string id, InviteeGroupsRequest request, IGrainFactory grains) =>
        request.Groups is null
            ? Problems.Invalid("groups", "Cần danh sách các nhóm người được mời (groups).")
            : await Invitees(grains, code, id).SetGroupsAsync(request.Groups, request.NamesDueWorkingDays).AsHttpAsync();

    private static Task<Results<Ok<IReadOnlyList<InviteeCandidate>>, ProblemHttpResult>> Candidates(string code, string id, string key, IGrainFactory grains) =>
        Invitees(grains, code, id).CandidatesAsync(key).AsHttpAsync();

    private static async Task<Results<Ok<InviteeList>, ProblemHttpResult>> SetMembers(
        string code, string id, string key, InviteeChoiceRequest request, IGrainFactory grains, HttpContext http) =>
        request.ContactIds is null
            ? Problems.Invalid("contactIds", "Cần danh sách người được chọn (contactIds).")
            : await Invitees(grains, code, id).SetMembersAsync(key, request.ContactIds, Caller.Of(http).Describe(), request.LateReason).AsHttpAsync();

    private static Task<Results<Ok<InviteeFillPage>, ProblemHttpResult>> OpenFill(string code, string id, string key, IGrainFactory grains, HttpContext http) =>
        Invitees(grains, code, id).OpenFillAsync(key, CodeOf(http)).AsHttpAsync();

    private static async Task<Results<Ok<InviteeFillPage>, ProblemHttpResult>> Fill(
        string code, string id, string key, InviteeChoiceRequest request, IGrainFactory grains, HttpContext http) =>
        request.ContactIds is null
            ? Problems.Invalid("contactIds", "Cần danh sách người được chọn (contactIds).")
            : await Invitees(grains, code, id).FillAsync(key, CodeOf(http), request.ContactIds).AsHttpAsync();

    private static string CodeOf(HttpContext http) => http.Request.Headers[CodeHeader].ToString() is { Length: > 0 and <= 64 } value ? value : "";

    private static ISessionInviteesGrain Invitees(IGrainFactory grains, string code, string id) =>
        grains.GetGrain<ISessionInviteesGrain>(SessionNoticeKey.Of(code, id));
}
