using DoiThoai.Documents.Layout;
using DoiThoai.Documents.Papers;
using DoiThoai.Documents.Rendering;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Documents;

/// <summary>The documents a dialogue is made of (the seeds' plans are these papers).</summary>
public enum DocumentKind
{
    /// <summary>Kế hoạch tổ chức hội nghị đối thoại.</summary>
    Plan,

    /// <summary>Giấy mời.</summary>
    Invitation,

    /// <summary>Báo cáo tổng hợp ý kiến, kiến nghị và nội dung trả lời.</summary>
    AnswerReport,

    /// <summary>Phiếu đăng ký phát biểu (plan 002).</summary>
    SpeakerForm,

    /// <summary>Phiếu lấy ý kiến (plan 003).</summary>
    OpinionForm,

    /// <summary>Biên bản hội nghị.</summary>
    Minutes,

    /// <summary>Thông báo kết luận.</summary>
    ConclusionNotice,
}

public enum PaperFormat
{
    /// <summary>For publication.</summary>
    Pdf,

    /// <summary>For the office to edit, number and sign.</summary>
    Docx,
}

/// <summary>A document as the office lists it: what it is, its file name, and whether the session has what it needs yet.</summary>
public sealed record DocumentEntry(DocumentKind Kind, string Slug, string Name, bool Available, string? Why);

/// <summary>The catalogue: which documents a session has, and each one built from the session's data in either format.</summary>
public static class DialogueDocuments
{
    private static readonly (DocumentKind Kind, string Slug, string Name)[] Catalogue =
    [
        (DocumentKind.Plan, "ke-hoach", "Kế hoạch tổ chức hội nghị đối thoại"),
        (DocumentKind.Invitation, "giay-moi", "Giấy mời"),
        (DocumentKind.AnswerReport, "bao-cao-y-kien", "Báo cáo tổng hợp ý kiến, kiến nghị và nội dung trả lời"),
        (DocumentKind.SpeakerForm, "phieu-dang-ky-phat-bieu", "Phiếu đăng ký phát biểu ý kiến"),
        (DocumentKind.OpinionForm, "phieu-lay-y-kien", "Phiếu lấy ý kiến của Nhân dân"),
        (DocumentKind.Minutes, "bien-ban", "Biên bản hội nghị"),
        (DocumentKind.ConclusionNotice, "thong-bao-ket-luan", "Thông báo kết luận"),
    ];

    public static DocumentKind? FromSlug(string slug) =>
        Catalogue.FirstOrDefault(c => c.Slug == slug) is { Slug: not null } entry ? entry.Kind : null;

    public static string Slug(DocumentKind kind) => Catalogue.Single(c => c.Kind == kind).Slug;

    /// <summary>Every document of the session, each available or saying why not yet.</summary>
    public static IReadOnlyList<DocumentEntry> List(SessionDossier dossier) =>
        [.. Catalogue.Select(c => new DocumentEntry(c.Kind, c.Slug, c.Name, WhyNot(c.Kind, dossier) is null, WhyNot(c.Kind, dossier)))];

    /// <summary>Why the session cannot have this document yet, in words for the office; null when it can.</summary>
    public static string? WhyNot(DocumentKind kind, SessionDossier dossier)
    {
        var session = dossier.Session;
        return kind switch
        {
            _ when session.Status == SessionStatus.Cancelled => "Phiên đối thoại đã hủy.",
            DocumentKind.Minutes when session.Status == SessionStatus.Scheduled => "Biên bản có sau khi hội nghị diễn ra (ghi nhận đã tổ chức).",
            DocumentKind.ConclusionNotice when session.Status == SessionStatus.Scheduled => "Thông báo kết luận có sau khi hội nghị diễn ra và chủ trì kết luận.",
            _ => null,
        };
    }

    public static AdministrativeDocument Build(DocumentKind kind, SessionDossier dossier, InvitationAddressee? addressee = null) => kind switch
    {
        DocumentKind.Plan => PlanPaper.Build(dossier),
        DocumentKind.Invitation => InvitationPaper.Build(dossier, addressee),
        DocumentKind.AnswerReport => AnswerReportPaper.Build(dossier),
        DocumentKind.SpeakerForm => FormPapers.SpeakerForm(dossier),
        DocumentKind.OpinionForm => FormPapers.OpinionForm(dossier),
        DocumentKind.Minutes => MinutesPaper.Build(dossier),
        _ => ConclusionPaper.Build(dossier),
    };

    /// <summary>The document's bytes in the format asked for, with its content type and file name.</summary>
    public static (byte[] Bytes, string ContentType, string FileName) Render(DocumentKind kind, PaperFormat format, SessionDossier dossier, InvitationAddressee? addressee = null)
    {
        var document = Build(kind, dossier, addressee);
        var stem = $"{Slug(kind)}-{dossier.Commune.Code}-{dossier.Session.Id}";
        return format == PaperFormat.Pdf
            ? (PdfRenderer.Render(document, dossier.Now), PdfRenderer.ContentType, stem + ".pdf")
            : (DocxRenderer.Render(document, dossier.Now), DocxRenderer.ContentType, stem + ".docx");
    }

    /// <summary>What an item of the conclusion says, worded as the notice words it (for e-mails and the public page).</summary>
    public static string DescribeItem(Grains.Abstractions.Results.ConclusionItem item) => $"{item.Matter}: {ConclusionPaper.Describe(item)}";
}
