using DoiThoai.Grains.Abstractions;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Documents;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;

namespace DoiThoai.Api.Apis;

/// <summary>
/// The documents of a session, generated from its data: the plan, invitations (one person's, a group's, or blank),
/// the report of opinions and answers, the speaker and opinion forms, the minutes and the conclusion notice, as PDF to
/// publish or DOCX to edit and sign (the published notice itself is <c>conclusion.pdf</c>).
/// </summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/communes/{code}/sessions/{id:length(1,40)}/documents")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Documents");
        documents.MapGet("", List).Describe("ListSessionDocuments", "The documents a session has (invitation, minutes, conclusion)");
        documents.MapGet("/{file:length(1,60)}", Get).ProducesFile(Documents.Rendering.PdfRenderer.ContentType, Documents.Rendering.DocxRenderer.ContentType).Refuses(StatusCodes.Status409Conflict).Describe("GetSessionDocument", "One document of a session, as PDF or DOCX");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentEntry>>, ProblemHttpResult>> List(string code, string id, IGrainFactory grains, AdminUnitRegistry registry, HttpContext http) =>
        await GatherAsync(grains, registry, code, id, RequestClock.Now(http)) is { } dossier
            ? TypedResults.Ok(DialogueDocuments.List(dossier))
            : Problems.SessionNotFound(id);

    /// <summary>"ke-hoach.pdf", "giay-moi.docx?contact=c12" (a person's), "giay-moi.pdf?group=g3" (a group's)…</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(string code, string id, string file, string? contact, string? group,
        IGrainFactory grains, AdminUnitRegistry registry, HttpContext http)
    {
        var dot = file.LastIndexOf('.');
        var kind = dot > 0 ? DialogueDocuments.FromSlug(file[..dot]) : null;
        PaperFormat? format = dot > 0 ? file[(dot + 1)..] switch { "pdf" => PaperFormat.Pdf, "docx" => PaperFormat.Docx, _ => null } : null;
        if (kind is null || format is null)
        {
            return Problems.Invalid("file", "Tài liệu phải là ke-hoach, giay-moi, bao-cao-y-kien, phieu-dang-ky-phat-bieu, phieu-lay-y-kien, bien-ban hoặc thong-bao-ket-luan, đuôi .pdf hoặc .docx.");
        }

        if (await GatherAsync(grains, registry, code, id, RequestClock.Now(http)) is not { } dossier)
        {
            return Problems.SessionNotFound(id);
        }

        if (DialogueDocuments.WhyNot(kind.Value, dossier) is { } why)
        {
            return Problems.From(new CommandProblem(ProblemKind.WrongState, why));
        }

        InvitationAddressee? addressee = null;
        if (kind == DocumentKind.Invitation && (contact is not null || group is not null))
        {
            if (contact is not null && await grains.GetGrain<IContactRegistryGrain>(code).GetAsync(contact) is { } person)
            {
                addressee = new InvitationAddressee($"Ông/Bà {person.FullName}", person.Title);
            }
            else if (group is not null && dossier.Invitees?.Groups.FirstOrDefault(g => g.Key == group) is { } invited)
            {
                addressee = new InvitationAddressee($"Các Ông/Bà đại biểu {invited.Name}", $"{invited.Members.Count} người");
            }
            else
            {
                return Problems.Invalid(contact is not null ? "contact" : "group", "Không có người hoặc nhóm được mời này trong danh sách của xã.");
            }
        }

        var (bytes, contentType, fileName) = DialogueDocuments.Render(kind.Value, format.Value, dossier, addressee);
        return TypedResults.File(bytes, contentType, fileName);
    }

    /// <summary>Everything the documents are written from, from the session's grains; null when there is no such session.</summary>
    public static async Task<SessionDossier?> GatherAsync(IGrainFactory grains, AdminUnitRegistry registry, string code, string id, DateTimeOffset now)
    {
        if (await grains.GetGrain<ICommuneGrain>(code).GetSessionAsync(id) is not { } session)
        {
            return null;
        }

        var key = SessionNoticeKey.Of(code, id);
        var preparation = grains.GetGrain<ISessionPreparationGrain>(key).GetAsync();
        var invitees = grains.GetGrain<ISessionInviteesGrain>(key).GetAsync();
        var speakers = grains.GetGrain<ISpeakerListGrain>(key).ListAsync();
        var petitions = grains.GetGrain<IPetitionRegistryGrain>(code).ListAsync(null, false);
        var results = grains.GetGrain<ISessionResultsGrain>(key).GetAsync();
        return new SessionDossier(registry.GetCommune(code), session, now, await preparation, await invitees, await speakers,
            [.. (await petitions).Where(p => p.SessionId == id)], await results);
    }
}
