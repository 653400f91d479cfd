using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Petitions;

/// <summary>A petition as an officer records it.</summary>
public sealed record PetitionDraft(
    PetitionSource Source,
    PetitionField Field,
    string Content,
    string? SessionId = null,
    string? PetitionerName = null,
    string? PetitionerPhone = null,
    string? PetitionerEmail = null,
    DateOnly? ReceivedOn = null);

/// <summary>The rules a petition's fields and its steps must satisfy.</summary>
public static class PetitionRules
{
    public const int MaxContentLength = 4000;
    public const int MaxNameLength = 100;
    public const int MaxUnitLength = 200;

    /// <summary>How far ahead a unit's answer may be due.</summary>
    public const int MaxDueDays = 366;

    /// <summary>
    /// How long after the answer the petitioner's phone number and e-mail address are kept: time for the answer's
    /// messages to reach them and for them to reply about it; then only the name stays with the petition.
    /// </summary>
    public static readonly TimeSpan ContactKeptAfterAnswer = TimeSpan.FromDays(30);

    /// <summary>Luật Tiếp công dân 42/2013/QH13, Điều 28: acknowledged or answered within 10 working days.</summary>
    public const int AcknowledgeWithinWorkingDays = 10;

    /// <summary>
    /// The answer owed to the petitioner once acknowledged or escalated, unless the office sets another day: 30 days, the
    /// period of a first decision under Luật Khiếu nại 2011, Điều 28, which offices also use for petitions.
    /// </summary>
    public const int AnswerWithinDays = 30;

    /// <summary>How long after the day of receipt an office may still record a petition (a letter found late, a backlog).</summary>
    public const int MaxRecordedLateDays = 366;

    /// <summary>Why the day of receipt is refused, or null: not after today, not more than a year ago.</summary>
    public static string? ReceivedOnProblem(DateOnly receivedOn, DateOnly today) =>
        receivedOn > today ? $"Ngày nhận không được sau hôm nay ({today:dd/MM/yyyy})."
        : receivedOn < today.AddDays(-MaxRecordedLateDays) ? $"Ngày nhận quá cũ (trước {today.AddDays(-MaxRecordedLateDays):dd/MM/yyyy})."
        : null;

    /// <summary>Why an answer due date is refused, or null: from today to a year ahead.</summary>
    public static string? AnswerDueProblem(DateOnly due, DateOnly today) =>
        due < today || due > today.AddDays(MaxDueDays) ? $"Hạn trả lời phải từ hôm nay ({today:dd/MM/yyyy}) đến {MaxDueDays} ngày tới." : null;

    /// <summary>
    /// The petitioner as stored (phone in E.164, address normalised; null when none was given), or the errors by field,
    /// in Vietnamese.
    /// </summary>
    public static ((string Name, string? Phone, string? Email)? Petitioner, Dictionary<string, string[]> Errors) Check(PetitionDraft draft, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.ReceivedOn is { } receivedOn && ReceivedOnProblem(receivedOn, today) is { } receivedProblem)
        {
            errors["receivedOn"] = [receivedProblem];
        }

        if (!Enum.IsDefined(draft.Source))
        {
            errors["source"] = ["Nguồn phải là at-session, before-session, letter hoặc email."];
        }

        if (!Enum.IsDefined(draft.Field))
        {
            errors["field"] = ["Lĩnh vực không hợp lệ."];
        }

        if (VietnameseText.TextProblem(draft.Content, MaxContentLength, required: true) is { } content)
        {
            errors["content"] = [$"Nội dung kiến nghị {content}"];
        }

        (string Name, string? Phone, string? Email)? petitioner = null;
        if (draft.PetitionerName is not null || draft.PetitionerPhone is not null || draft.PetitionerEmail is not null)
        {
            if (VietnameseText.NameProblem(draft.PetitionerName, MaxNameLength) is { } name)
            {
                errors["petitionerName"] = [$"Họ tên người kiến nghị: {name}"];
            }

            string? phone = null, email = null;
            if (!string.IsNullOrWhiteSpace(draft.PetitionerPhone))
            {
                if (PhoneNumber.TryNormalize(draft.PetitionerPhone, out var e164, out var phoneError))
                {
                    phone = e164;
                }
                else
                {
                    errors["petitionerPhone"] = [phoneError];
                }
            }

            if (!string.IsNullOrWhiteSpace(draft.PetitionerEmail))
            {
                if (EmailAddress.TryNormalize(draft.PetitionerEmail, out var address, out var emailError))
                {
                    email = address;
                }
                else
                {
                    errors["petitionerEmail"] = [emailError];
                }
            }

            petitioner = (draft.PetitionerName?.Trim() ?? "", phone, email);
        }

        return (errors.Count == 0 ? petitioner : null, errors);
    }

    /// <summary>The 10th working day after the day of receipt (Vietnam time).</summary>
    public static DateOnly AcknowledgeBy(DateTimeOffset receivedAt, WorkingDayCalendar workingDays) =>
        AcknowledgeBy(VietnamTime.LocalDate(receivedAt), workingDays);

    public static DateOnly AcknowledgeBy(DateOnly receivedOn, WorkingDayCalendar workingDays) =>
        LegalPeriod.WorkingDaysAfter(receivedOn, AcknowledgeWithinWorkingDays, workingDays);

    /// <summary>The default day the answer is owed by, counted from the step that promises it.</summary>
    public static DateOnly AnswerDue(DateOnly from) => LegalPeriod.DaysAfter(from, AnswerWithinDays);

    public static string Describe(PetitionStatus status) => status switch
    {
        PetitionStatus.Received => "đã tiếp nhận",
        PetitionStatus.Acknowledged => "đã báo nhận",
        PetitionStatus.Assigned => "đã giao xử lý",
        PetitionStatus.Escalated => "đã chuyển lên tỉnh",
        _ => "đã trả lời",
    };

    public static string Describe(PetitionEventKind step) => step switch
    {
        PetitionEventKind.Acknowledged => "báo nhận",
        PetitionEventKind.Assigned => "giao xử lý",
        PetitionEventKind.Escalated => "chuyển lên tỉnh",
        PetitionEventKind.Answered => "trả lời",
        _ => "tiếp nhận",
    };

    /// <summary>Which steps each status allows.</summary>
    public static bool Allows(PetitionStatus status, PetitionEventKind step) => (status, step) switch
    {
        (PetitionStatus.Received or PetitionStatus.Assigned, PetitionEventKind.Acknowledged) => true,
        (PetitionStatus.Received or PetitionStatus.Acknowledged or PetitionStatus.Assigned, PetitionEventKind.Assigned) => true,
        (PetitionStatus.Received or PetitionStatus.Acknowledged or PetitionStatus.Assigned, PetitionEventKind.Escalated) => true,
        (not PetitionStatus.Answered, PetitionEventKind.Answered) => true,
        _ => false,
    };
}
