using DoiThoai.Grains.Abstractions;
using System.Text;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Contacts;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;

namespace DoiThoai.Api.Apis;

/// <summary>A contact as lists show it: the phone number and e-mail address masked.</summary>
public sealed record ContactSummary(
    string Id, string FullName, ContactRole Role, string? Title, string Hamlet, string? Phone, string? Email, bool SmsConsent, bool EmailConsent)
{
    public static ContactSummary Masked(Contact c) => new(
        c.Id, c.FullName, c.Role, c.Title, c.Hamlet,
        c.Phone is null ? null : PhoneNumber.Mask(c.Phone),
        c.Email is null ? null : EmailAddress.Mask(c.Email),
        c.SmsConsent, c.EmailConsent);
}

public sealed record ContactList(int Total, int Page, int PageSize, IReadOnlyList<ContactSummary> Items);

public static class ContactsApi
{
    /// <summary>A commune's list of 20,000 people fits well within this.</summary>
    public const long MaxImportBytes = 4 * 1024 * 1024;

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/communes/{code}/contacts")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Contacts");
        contacts.MapPost("/import", Import).WithBodyLimit(MaxImportBytes).Accepts<string>("text/csv")
            .Needs(Access.PersonalData).Audited("contacts.imported", value => value is ContactImportReport r ? $"thêm {r.Added}, từ chối {r.Rejected}" : null)
            .Describe("ImportContacts", "Import residents' and delegates' contacts from a CSV file");
        contacts.MapGet("", List).Describe("ListContacts", "The commune's contacts, phone numbers and addresses masked"); // masked: what a supervisor may read
        contacts.MapGet("/{id:length(1,20)}", Get).Needs(Access.PersonalData).Audited("contact.read").Describe("GetContact", "One contact in full (personal data; the read is audited)");
        contacts.MapPut("/{id:length(1,20)}/consent", SetConsent).Needs(Access.PersonalData)
            .Audited("contact.consent-changed", value => value is Contact c ? $"sms={c.SmsConsent}, email={c.EmailConsent}" : null)
            .Describe("SetContactConsent", "Record a contact's consent or withdrawal per channel");
        contacts.MapGet("/{id:length(1,20)}/export", Export).Needs(Access.PersonalData).Audited("contact.exported")
            .Describe("ExportContact", "Everything held about a person (their data export)");
        contacts.MapDelete("/{id:length(1,20)}", Delete).Needs(Access.PersonalData).Audited("contact.deleted")
            .Describe("DeleteContact", "Erase a contact and what is planned for them");
        return app;
    }

    private static async Task<Results<Ok<ContactImportReport>, ProblemHttpResult>> Import(string code, HttpRequest request, IGrainFactory grains)
    {
        // Routing has already refused any other media type than text/csv with 415.
        string csv;
        try
        {
            using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            csv = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            return Problems.Invalid("body", "Tệp không phải UTF-8. Hãy lưu tệp với mã hóa UTF-8 (CSV UTF-8).");
        }

        // A file that adds no one changed nothing: it is refused as a whole, with every line's reasons.
        var report = await grains.GetGrain<IContactRegistryGrain>(code).ImportCsvAsync(csv);
        if (report.Added == 0)
        {
            var errors = report.RejectedRows.Take(100).ToDictionary(r => $"line {r.Line}", r => r.Errors.ToArray());
            return Problems.From(new CommandProblem(ProblemKind.Invalid,
                report.RejectedRows.Count == 0 ? "Tệp không có dòng nào để thêm." : $"Không thêm được ai: {report.RejectedRows.Count} dòng bị từ chối.",
                errors.Count == 0 ? new Dictionary<string, string[]> { ["body"] = ["Tệp không có dòng nào để thêm."] } : errors));
        }

        return TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<ContactList>, ProblemHttpResult>> List(
        string code, string? hamlet, string? role, int? page, int? pageSize, IGrainFactory grains)
    {
        ContactRole? roleFilter = null;
        if (role is not null)
        {
            if (!Enum.TryParse<ContactRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Problems.Invalid("role", "Vai trò phải là resident, delegate, hamlet-head, front-committee hoặc officer.");
            }

            roleFilter = parsed;
        }

        if (page is < 1 || pageSize is < 1 or > 200)
        {
            return Problems.Invalid("page", "Trang bắt đầu từ 1; mỗi trang từ 1 đến 200 người.");
        }

        var result = await grains.GetGrain<IContactRegistryGrain>(code).ListAsync(hamlet, roleFilter, page ?? 1, pageSize ?? 50);
        return TypedResults.Ok(new ContactList(result.Total, result.Page, result.PageSize, result.Items.Select(ContactSummary.Masked).ToList()));
    }

    /// <summary>One person's data, whole: what the commune holds about them (for correction or a request to see it).</summary>
    private static async Task<Results<Ok<Contact>, ProblemHttpResult>> Get(string code, string id, IGrainFactory grains) =>
        await grains.GetGrain<IContactRegistryGrain>(code).GetAsync(id) is { } contact
            ? TypedResults.Ok(contact)
            : Problems.NotFound($"Không tìm thấy người nhận {id}.");

    private static Task<Results<Ok<Contact>, ProblemHttpResult>> SetConsent(string code, string id, ConsentChange change, IGrainFactory grains) =>
        grains.GetGrain<IContactRegistryGrain>(code).SetConsentAsync(id, change).AsHttpAsync();

    /// <summary>A person's copy of their data, as a file to hand them: their record and every message addressed to them.</summary>
    private static async Task<Results<JsonHttpResult<PersonalDataExport>, ProblemHttpResult>> Export(string code, string id, HttpContext http, IGrainFactory grains)
    {
        if (await grains.GetGrain<IContactRegistryGrain>(code).ExportAsync(id) is not { } export)
        {
            return Problems.NotFound($"Không tìm thấy người nhận {Problems.Echo(id)}.");
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"du-lieu-ca-nhan-{code}-{id}.json\"";
        return TypedResults.Json(export, statusCode: StatusCodes.Status200OK);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string code, string id, IGrainFactory grains) =>
        await grains.GetGrain<IContactRegistryGrain>(code).DeleteAsync(id)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Không tìm thấy người nhận {id}.");
}
