using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>What a milestone's date is counted from.</summary>
public enum MilestoneAnchor
{
    /// <summary>The day of the session (negative offsets: before it).</summary>
    SessionDay,

    /// <summary>The notice deadline of the session (invitations and public notice).</summary>
    NoticeDeadline,

    /// <summary>The last day to publish the results (Điều 43: 10 days after the dialogue).</summary>
    ResultsDue,

    /// <summary>A date the office set by hand: it stays where it was put when the session moves.</summary>
    Fixed,
}

/// <summary>A milestone the platform completes itself.</summary>
public enum MilestoneAutomation
{
    None,

    /// <summary>Invitations and announcements: sent by the platform when the session is scheduled.</summary>
    Invitations,

    /// <summary>The results: done when they are published ("Công bố kết quả"), not when the conclusion is typed.</summary>
    Results,
}

/// <summary>One step of preparing (or following up) a session, as a template states it.</summary>
public sealed record MilestoneTemplate(
    string Key, string Title, string OwnerUnit, ContactRole OwnerRole, MilestoneAnchor Anchor, int OffsetDays,
    MilestoneAutomation Automation = MilestoneAutomation.None);

/// <summary>One item of the programme: when it starts, what it is, who leads it.</summary>
public sealed record AgendaTemplateItem(int MinuteFromStart, string Title, string? Presenter);

/// <summary>
/// The preparation of a session by its kind, from plan 003 (opinions collected by the Front by D-17, departments'
/// draft answers by D-12, the answer report by D-10, invitations by the notice deadline) and the programme DOMAIN.md
/// describes; the commune office edits what it gets.
/// </summary>
public static class PreparationTemplates
{
    public const int MaxMilestones = 30;
    public const int MaxAgendaItems = 20;
    public const int MaxTitleLength = 200;
    public const int MaxUnitLength = 200;

    /// <summary>How long before a milestone's day its owner is reminded, and after it the overdue alert goes.</summary>
    public const int RemindDaysBefore = 2;
    public const int OverdueAlertDaysAfter = 1;
    public static readonly TimeOnly MessageTime = new(8, 0);

    public static IReadOnlyList<MilestoneTemplate> Milestones(SessionKind kind, string communeName)
    {
        var office = "Văn phòng HĐND và UBND";
        var front = $"Ủy ban MTTQ Việt Nam {AdminUnits.UnitNames.InSentence(communeName)}";
        var invitations = new MilestoneTemplate("invitations", "Gửi giấy mời, thông báo công khai thời gian, địa điểm, nội dung",
            office, ContactRole.Officer, MilestoneAnchor.NoticeDeadline, 0, MilestoneAutomation.Invitations);
        var results = new MilestoneTemplate("results", "Công bố kết quả đối thoại, gửi thông báo kết luận (Điều 43: trong 10 ngày)",
            office, ContactRole.Officer, MilestoneAnchor.ResultsDue, 0, MilestoneAutomation.Results);
        if (kind == SessionKind.Urgent)
        {
            return [invitations, results];
        }

        // A thematic dialogue is prepared on a shorter timeline than the yearly one.
        var (opinions, drafts, report) = kind == SessionKind.Periodic ? (-17, -12, -10) : (-10, -7, -5);
        return
        [
            new("opinions", "Tổng hợp ý kiến, kiến nghị của Nhân dân, gửi Văn phòng", front, ContactRole.FrontCommittee, MilestoneAnchor.SessionDay, opinions),
            new("draft-answers", "Dự thảo trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ trách", "Các phòng, ban chuyên môn", ContactRole.Officer, MilestoneAnchor.SessionDay, drafts),
            new("answer-report", "Tổng hợp báo cáo trả lời ý kiến, kiến nghị trình chủ trì", office, ContactRole.Officer, MilestoneAnchor.SessionDay, report),
            invitations,
            new("venue", "Chuẩn bị hội trường, âm thanh, bàn đăng ký phát biểu, an ninh", office, ContactRole.Officer, MilestoneAnchor.SessionDay, -1),
            results,
        ];
    }

    /// <summary>
    /// The programme (plan 003): opening, the programme adopted and the secretary appointed, the report, residents speak
    /// and are answered, the chair's conclusions and the closing, both the chair's; fitted to the duration.
    /// </summary>
    public static IReadOnlyList<AgendaTemplateItem> Agenda(SessionKind kind, int durationMinutes, string chair)
    {
        var end = Math.Max(durationMinutes, 40);
        if (kind == SessionKind.Urgent)
        {
            return
            [
                new(0, "Tuyên bố lý do, thông báo tình hình và nội dung cần đối thoại", chair),
                new(10, "Nhân dân phát biểu ý kiến; lãnh đạo các đơn vị trả lời", chair),
                new(end - 15, "Kết luận của chủ trì hội nghị", chair),
                new(end - 5, "Bế mạc hội nghị", chair),
            ];
        }

        return
        [
            new(0, "Tuyên bố lý do, giới thiệu đại biểu", "Văn phòng HĐND và UBND"),
            new(5, "Thông qua chương trình hội nghị; giới thiệu chủ tọa, cử thư ký hội nghị", "Văn phòng HĐND và UBND"),
            new(10, "Báo cáo tình hình kinh tế - xã hội và kết quả giải quyết ý kiến, kiến nghị đã tiếp nhận", chair),
            new(30, "Nhân dân phát biểu ý kiến theo thứ tự đăng ký; lãnh đạo các đơn vị trả lời", chair),
            new(end - 20, "Kết luận của chủ trì hội nghị", chair),
            new(end - 5, "Bế mạc hội nghị", chair),
        ];
    }

    /// <summary>The day a milestone falls on, from what it is counted from.</summary>
    public static DateOnly DueDate(MilestoneAnchor anchor, int offsetDays, DateTimeOffset sessionStart, DateTimeOffset noticeDeadline, DateOnly fixedDate) =>
        anchor switch
        {
            MilestoneAnchor.SessionDay => Offset(VietnamTime.LocalDate(sessionStart), offsetDays),
            MilestoneAnchor.NoticeDeadline => Offset(VietnamTime.LocalDate(noticeDeadline), offsetDays),
            MilestoneAnchor.ResultsDue => Offset(Oversight.ResultsDue(sessionStart), offsetDays),
            _ => fixedDate,
        };

    private static DateOnly Offset(DateOnly day, int days) =>
        days < 0 ? LegalPeriod.DaysBefore(day, -days) : LegalPeriod.DaysAfter(day, days);

    /// <summary>The reminder to the owner (08:00, two days before), when still ahead of now.</summary>
    public static DateTimeOffset? ReminderAt(DateOnly due, DateTimeOffset now) =>
        ReminderTime(due) is var at && at > now ? at : null;

    /// <summary>The reminder's moment: 08:00, two days before the day due.</summary>
    public static DateTimeOffset ReminderTime(DateOnly due) => VietnamTime.At(due.AddDays(-RemindDaysBefore), MessageTime);

    /// <summary>The overdue alert's moment: 08:00, the day after the day due.</summary>
    public static DateTimeOffset OverdueAlertTime(DateOnly due) => VietnamTime.At(due.AddDays(OverdueAlertDaysAfter), MessageTime);

    /// <summary>The overdue alert (08:00, the day after), when still ahead of now.</summary>
    public static DateTimeOffset? OverdueAlertAt(DateOnly due, DateTimeOffset now) =>
        OverdueAlertTime(due) is var at && at > now ? at : null;

    /// <summary>Why a milestone's title or owner unit is refused, per field; empty when both are acceptable.</summary>
    public static Dictionary<string, string[]> TextErrors(string? title, string? ownerUnit, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        if ((title is not null || required) && VietnameseText.TextProblem(title, MaxTitleLength, required: true) is { } t)
        {
            errors["title"] = [$"Tên công việc {t}"];
        }

        if ((ownerUnit is not null || required) && VietnameseText.TextProblem(ownerUnit, MaxUnitLength, required: true) is { } u)
        {
            errors["ownerUnit"] = [$"Đơn vị thực hiện {u}"];
        }

        return errors;
    }
}
