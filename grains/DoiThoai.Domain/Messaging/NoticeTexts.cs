using System.Globalization;
using System.Text;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Messaging;

/// <summary>What every notice of a session says about it.</summary>
public sealed record NoticeSubject(
    string CommuneName,
    SessionKind Kind,
    string Title,
    DateTimeOffset StartsAt,
    int DurationMinutes,
    string Chair,
    string? Topic = null,
    string? Venue = null,
    string? OnlineUrl = null,
    SessionForm Form = SessionForm.InPerson,
    SessionOrganisers? Organisers = null);

/// <summary>An e-mail as the recipient reads it.</summary>
public sealed record EmailText(string Subject, string Body);

/// <summary>
/// The words of every notice, in Vietnamese with full diacritics (the SMS policy may strip them later): the
/// invitation (giấy mời), the SMS announcement and reminder, the loudspeaker script, the notices of a change, the
/// office's warnings, and what petitioners are told. The same rules hold in each: a unit's type is written in lower
/// case inside a sentence ("UBND xã Thượng Hồng"); a session is placed by its form (at a venue, online through its
/// link, or by written opinions), never "tại trực tuyến"; the loudspeaker never reads an address aloud; people are
/// addressed as Ông/Bà (spoken: "các ông, các bà").
/// </summary>
public static class NoticeTexts
{
    private static readonly string[] Weekdays = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    public static EmailText Invitation(NoticeSubject s, string recipientName, string? recipientTitle)
    {
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).Append(recipientTitle is null ? "" : $" – {recipientTitle}").AppendLine(".")
            .AppendLine()
            .Append(CommitteeInFull(s.CommuneName)).Append(" trân trọng kính mời Ông/Bà dự ")
            .Append(s.Title).Append(" (hội nghị đối thoại ").Append(s.Kind.Vietnamese()).AppendLine(" giữa Chủ tịch Ủy ban nhân dân với Nhân dân).")
            .AppendLine()
            .Append("Thời gian: ").Append(LongTime(s.StartsAt)).Append(" (dự kiến ").Append(Duration(s.DurationMinutes)).AppendLine(").")
            .Append("Hình thức: ").Append(FormLine(s)).AppendLine(".");
        body.Append("Chủ trì: ").Append(s.Chair).AppendLine(".");
        foreach (var (part, person) in s.Organisers?.Named().Where(n => n.Part != "Chủ trì") ?? [])
        {
            body.Append(part).Append(": ").Append(person.Describe()).AppendLine(".");
        }

        if (s.Topic is not null)
        {
            body.Append("Nội dung: ").Append(s.Topic).AppendLine(".");
        }

        body.AppendLine()
            .Append("Ý kiến, kiến nghị gửi trước hội nghị xin chuyển về Văn phòng HĐND và UBND ").Append(Unit(s.CommuneName)).AppendLine(".")
            .AppendLine(s.Form == SessionForm.InPerson
                ? "Rất mong Ông/Bà đến dự đúng giờ. Lịch hội nghị được đính kèm (tệp .ics) để thêm vào lịch của Ông/Bà."
                : "Rất mong Ông/Bà tham gia đúng giờ. Lịch hội nghị được đính kèm (tệp .ics) để thêm vào lịch của Ông/Bà.")
            .AppendLine()
            .Append("ỦY BAN NHÂN DÂN ").AppendLine(UnitNames.Upper(Unit(s.CommuneName)));
        return new EmailText(InvitationSubject(s), body.ToString());
    }

    public static string InvitationSubject(NoticeSubject s) => $"Giấy mời: {s.Title} – {Committee(s.CommuneName)}";

    public static string SmsAnnouncement(NoticeSubject s) =>
        $"{Committee(s.CommuneName)} kính mời Ông/Bà dự hội nghị đối thoại {s.Kind.Vietnamese()} \"{s.Title}\" lúc {ShortTime(s.StartsAt)} {Where(s)}.";

    public static string SmsReminder(NoticeSubject s) =>
        $"{Committee(s.CommuneName)} nhắc Ông/Bà: hội nghị đối thoại \"{s.Title}\" lúc {ShortTime(s.StartsAt)} {Where(s)}.";

    public static string Rescheduled(NoticeSubject s, DateTimeOffset previousStart, string reason) =>
        $"{Committee(s.CommuneName)} thông báo: hội nghị đối thoại \"{s.Title}\" dời từ {ShortTime(previousStart)} sang {ShortTime(s.StartsAt)} {Where(s)}. Lý do: {reason}";

    public static string Cancelled(NoticeSubject s, string reason) =>
        $"{Committee(s.CommuneName)} thông báo: hủy hội nghị đối thoại \"{s.Title}\" dự kiến lúc {ShortTime(s.StartsAt)}. Lý do: {reason}";

    /// <summary>The e-mail telling of a reschedule or a cancellation: the short notice, addressed to the person.</summary>
    public static EmailText ChangeEmail(NoticeSubject s, string recipientName, string notice, bool cancelled)
    {
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .AppendLine(notice)
            .AppendLine()
            .AppendLine(cancelled
                ? "Xin thông báo để Ông/Bà biết; lịch trong tệp đính kèm đã được hủy."
                : "Lịch mới được đính kèm (tệp .ics) thay cho lịch cũ.")
            .AppendLine()
            .Append("ỦY BAN NHÂN DÂN ").AppendLine(UnitNames.Upper(Unit(s.CommuneName)));
        var subject = cancelled ? $"Thông báo hủy: {s.Title} – {Committee(s.CommuneName)}" : $"Thông báo dời lịch: {s.Title} – {Committee(s.CommuneName)}";
        return new EmailText(subject, body.ToString());
    }

    /// <summary>
    /// The province's reminder to a commune office that has not scheduled its periodic dialogue, some working days
    /// before the date the province's instruction set: e-mail and the SMS text.
    /// </summary>
    public static (EmailText Email, string Sms) PeriodicDialogueReminder(string communeName, string provinceName, string instructionId, DateOnly by, int workingDaysLeft)
    {
        var subject = $"Nhắc tổ chức hội nghị đối thoại định kỳ trước {by:dd/MM/yyyy} – {Committee(communeName)}";
        var body = new StringBuilder()
            .Append("Theo chỉ đạo ").Append(instructionId).Append(" của ").Append(provinceName).Append(", ").Append(Unit(communeName))
            .Append(" cần tổ chức hội nghị đối thoại định kỳ trước ngày ").Append(by.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
            .Append(". Còn ").Append(workingDaysLeft).AppendLine(" ngày làm việc mà xã chưa lên lịch hội nghị.")
            .AppendLine("Đề nghị lên lịch hội nghị trên trang lịch đối thoại của xã (xa.html), bảo đảm thời hạn thông báo trước theo quy định.");
        var sms = string.Create(CultureInfo.InvariantCulture,
            $"{Committee(communeName)}: chưa lên lịch hội nghị đối thoại định kỳ, hạn {by:dd/MM/yyyy} (còn {workingDaysLeft} ngày làm việc). Theo chỉ đạo {instructionId}.");
        return (new EmailText(subject, body.ToString()), sms);
    }

    /// <summary>
    /// The warning to the commune office, the day before the notice deadline, that invitations or announcements are
    /// still waiting or have failed: the office still has time to fix addresses, numbers or the channel.
    /// </summary>
    public static EmailText OfficeDeadlineWarning(NoticeSubject s, DateTimeOffset noticeDeadline, int emailsWaiting, int smsWaiting, int failed)
    {
        var parts = new List<string>();
        if (emailsWaiting > 0)
        {
            parts.Add($"{emailsWaiting} giấy mời qua email chưa gửi đi");
        }

        if (smsWaiting > 0)
        {
            parts.Add($"{smsWaiting} tin nhắn SMS chưa gửi đi");
        }

        if (failed > 0)
        {
            parts.Add($"{failed} tin gửi không thành công");
        }

        var subject = $"Cảnh báo hạn thông báo: {s.Title} – {Committee(s.CommuneName)}";
        var body = new StringBuilder()
            .Append("Hội nghị đối thoại \"").Append(s.Title).Append("\" lúc ").Append(ShortTime(s.StartsAt))
            .Append(": còn ").Append(string.Join(", ", parts)).Append(". Hạn thông báo: ").Append(ShortTime(noticeDeadline)).AppendLine(".")
            .AppendLine("Đề nghị kiểm tra danh sách liên lạc và tình trạng các kênh gửi trên trang của phiên đối thoại.");
        return new EmailText(subject, body.ToString());
    }

    /// <summary>The commune office is told that a new list of days off moved a session's notice deadline.</summary>
    public static (EmailText Email, string Sms) DeadlineRecounted(NoticeSubject s, DateTimeOffset previous, DateTimeOffset next, string reason)
    {
        var sms = $"{Committee(s.CommuneName)}: hạn thông báo hội nghị đối thoại ngày {ShortDate(s.StartsAt)} đổi từ {ShortTime(previous)} sang {ShortTime(next)} (danh sách ngày nghỉ thay đổi).";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(s.Title).Append(", ").AppendLine(LongTime(s.StartsAt))
            .AppendLine(reason)
            .AppendLine()
            .AppendLine(next < previous
                ? "Hạn mới sớm hơn hạn cũ: đề nghị kiểm tra ngay giấy mời và thông báo đã gửi đủ chưa."
                : "Hạn mới muộn hơn hạn cũ; các việc chuẩn bị tính theo hạn thông báo đã được dời theo.");
        return (new EmailText($"Hạn thông báo thay đổi: {s.Title} – {Committee(s.CommuneName)}", body.ToString()), sms);
    }

    /// <summary>
    /// A preparation milestone (or a follow-up task) to its owners: two days before it is due ("còn 2 ngày"), or the day
    /// after, overdue. The SMS names the task, the session and the day; the e-mail adds who is responsible and where to mark it done.
    /// </summary>
    public static (EmailText Email, string Sms) MilestoneReminder(string communeName, string sessionTitle, DateOnly sessionDay,
        string task, string ownerUnit, DateOnly due, bool overdue)
    {
        var sms = overdue
            ? $"{Committee(communeName)}: việc \"{task}\" đã quá hạn {due:dd/MM} (đối thoại ngày {sessionDay:dd/MM})."
            : $"{Committee(communeName)}: nhắc việc \"{task}\", hạn {due:dd/MM} (đối thoại ngày {sessionDay:dd/MM}).";
        var subject = overdue
            ? $"Quá hạn: {task} – {Committee(communeName)}"
            : $"Nhắc việc chuẩn bị đối thoại: {task} – {Committee(communeName)}";
        var body = new StringBuilder()
            .Append("Công việc: ").AppendLine(task)
            .Append("Đơn vị thực hiện: ").AppendLine(ownerUnit)
            .Append("Hạn hoàn thành: ").Append(Day(due)).AppendLine(overdue ? " (đã quá hạn)" : "")
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(Day(sessionDay))
            .AppendLine()
            .AppendLine(overdue
                ? "Đề nghị hoàn thành ngay và đánh dấu đã xong trên trang của phiên đối thoại, hoặc báo Văn phòng để điều chỉnh hạn."
                : "Khi hoàn thành, đề nghị đánh dấu đã xong trên trang của phiên đối thoại.");
        return (new EmailText(subject, body.ToString()), sms);
    }

    /// <summary>
    /// A task the chair's conclusion gave a unit (to be handled by a date), reminded two days before and the day after
    /// like a preparation milestone; the e-mail repeats what was concluded so the unit knows what to report.
    /// </summary>
    public static (EmailText Email, string Sms) FollowUpReminder(string communeName, string sessionTitle, DateOnly sessionDay,
        string matter, string ownerUnit, DateOnly due, bool overdue)
    {
        var sms = overdue
            ? $"{Committee(communeName)}: việc theo kết luận đối thoại ngày {sessionDay:dd/MM} \"{Shorten(matter, 60)}\" đã quá hạn {due:dd/MM}."
            : $"{Committee(communeName)}: nhắc việc theo kết luận đối thoại ngày {sessionDay:dd/MM} \"{Shorten(matter, 60)}\", hạn {due:dd/MM}.";
        var subject = overdue
            ? $"Quá hạn thực hiện kết luận: {Shorten(matter, 80)} – {Committee(communeName)}"
            : $"Nhắc thực hiện kết luận đối thoại: {Shorten(matter, 80)} – {Committee(communeName)}";
        var body = new StringBuilder()
            .Append("Nội dung kết luận giao: ").AppendLine(matter)
            .Append("Đơn vị thực hiện: ").AppendLine(ownerUnit)
            .Append("Hạn hoàn thành: ").Append(Day(due)).AppendLine(overdue ? " (đã quá hạn)" : "")
            .Append("Theo kết luận của hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(Day(sessionDay))
            .AppendLine()
            .AppendLine("Khi hoàn thành, đề nghị báo cáo kết quả thực hiện để Văn phòng HĐND và UBND đóng việc và trả lời Nhân dân.");
        return (new EmailText(subject, body.ToString()), sms);
    }

    /// <summary>
    /// The hamlet head's request to choose their group's people, or the reminder when some are still missing: how
    /// many, by when, and the link (with its own code) to the page where they tick the names.
    /// </summary>
    public static (EmailText Email, string Sms) InviteeRequest(string communeName, string sessionTitle, DateOnly sessionDay,
        string groupName, int minimum, int maximum, DateOnly deadline, string link, int? missing)
    {
        var count = minimum == maximum ? $"{minimum}" : $"{minimum}–{maximum}";
        var sms = missing is { } m
            ? $"{Committee(communeName)}: {groupName} còn thiếu {m} người dự đối thoại ngày {sessionDay:dd/MM}, hạn {deadline:dd/MM}. Chọn tại: {link}"
            : $"{Committee(communeName)} đề nghị Ông/Bà chọn {count} người {groupName} dự đối thoại ngày {sessionDay:dd/MM}, hạn {deadline:dd/MM}. Chọn tại: {link}";
        var subject = missing is null
            ? $"Đề nghị chọn người dự hội nghị đối thoại: {groupName} – {Committee(communeName)}"
            : $"Nhắc chọn người dự hội nghị đối thoại: {groupName} còn thiếu {missing} người – {Committee(communeName)}";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(Day(sessionDay))
            .Append("Nhóm: ").AppendLine(groupName)
            .Append("Số người cần chọn: ").AppendLine(count)
            .Append("Hạn chọn: ").AppendLine(Day(deadline));
        if (missing is { } stillMissing)
        {
            body.Append("Còn thiếu: ").Append(stillMissing).AppendLine(" người.");
        }

        body.AppendLine()
            .AppendLine("Đề nghị Ông/Bà phối hợp với Ban công tác Mặt trận chọn người tham dự từ danh sách của thôn, tổ dân phố tại trang:")
            .AppendLine(link)
            .AppendLine()
            .AppendLine("Đường dẫn này dành riêng cho Ông/Bà; xin không chuyển cho người khác. Những người được chọn sẽ nhận giấy mời.");
        return (new EmailText(subject, body.ToString()), sms);
    }

    /// <summary>The office's alert the day after the names were due: which groups are still short, and by how many.</summary>
    public static (EmailText Email, string Sms) InviteesShort(string communeName, string sessionTitle, DateOnly sessionDay,
        DateOnly deadline, IReadOnlyList<(string Group, int Missing)> groups)
    {
        var missing = groups.Sum(g => g.Missing);
        var sms = $"{Committee(communeName)}: {groups.Count} nhóm còn thiếu {missing} người dự đối thoại ngày {sessionDay:dd/MM} (hạn chọn {deadline:dd/MM} đã qua).";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(Day(sessionDay))
            .Append("Hạn chọn người tham dự: ").Append(Day(deadline)).AppendLine(" (đã qua).")
            .AppendLine()
            .AppendLine("Các nhóm còn thiếu người:");
        foreach (var (group, count) in groups)
        {
            body.Append("- ").Append(group).Append(": thiếu ").Append(count).AppendLine(" người");
        }

        body.AppendLine()
            .AppendLine("Đề nghị liên hệ trưởng thôn, tổ trưởng tổ dân phố hoặc chọn thay trên trang của phiên đối thoại.");
        return (new EmailText($"Còn thiếu người dự hội nghị đối thoại: {sessionTitle} – {Committee(communeName)}", body.ToString()), sms);
    }

    /// <summary>What the loudspeakers say: times in words a listener follows ("8 giờ 30 phút, Thứ Sáu, ngày 20 tháng 11"), no address read aloud.</summary>
    public static string LoudspeakerScript(NoticeSubject s)
    {
        var script = $"{CommitteeInFull(s.CommuneName)} thông báo. Vào lúc {SpokenTime(s.StartsAt)}, {SpokenWhere(s)}, " +
            $"{CommitteeInFull(s.CommuneName)} tổ chức hội nghị đối thoại {s.Kind.Vietnamese()} giữa Chủ tịch Ủy ban nhân dân với Nhân dân: {s.Title}. " +
            (s.Form == SessionForm.Indirect ? "Kính mời các ông, các bà quan tâm gửi ý kiến." : "Kính mời các ông, các bà quan tâm đến dự.");
        return $"{script} Xin nhắc lại. {script}";
    }

    /// <summary>The loudspeakers tell that the results are published and where they are posted, in words (no address).</summary>
    public static string ResultsLoudspeakerScript(string communeName, string sessionTitle, DateTimeOffset heldAt, int noticeNumber)
    {
        var script = $"{CommitteeInFull(communeName)} thông báo. Kết quả hội nghị đối thoại ngày {SpokenDate(heldAt)}: {sessionTitle}, " +
            $"đã được công bố tại Thông báo kết luận số {noticeNumber}. Thông báo được niêm yết tại trụ sở {CommitteeInFull(communeName)}, " +
            "gửi đến các thôn, tổ dân phố và đăng trên trang thông tin của Ủy ban. Kính mời các ông, các bà quan tâm theo dõi.";
        return $"{script} Xin nhắc lại. {script}";
    }

    /// <summary>The results, as an SMS: the notice's number, a short summary and the public link (the policy may strip diacritics).</summary>
    public static string ResultsSms(string communeName, string sessionTitle, DateTimeOffset heldAt, int noticeNumber, int year, string summary, string link) =>
        $"{Committee(communeName)} công bố kết quả đối thoại ngày {ShortDate(heldAt)} (TB số {noticeNumber}/TB-UBND năm {year}): {Shorten(summary, 90)} Xem: {link}";

    /// <summary>The results by e-mail, with the conclusion notice attached as a PDF.</summary>
    public static EmailText ResultsEmail(string communeName, string sessionTitle, DateTimeOffset heldAt, int noticeNumber, int year,
        string recipientName, IReadOnlyList<string> itemLines, string link)
    {
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append(CommitteeInFull(communeName)).Append(" trân trọng gửi Ông/Bà Thông báo kết luận số ").Append(noticeNumber).Append("/TB-UBND năm ").Append(year)
            .Append(" về kết quả hội nghị đối thoại \"").Append(sessionTitle).Append("\" ngày ").Append(ShortDate(heldAt)).AppendLine(" (tệp PDF đính kèm).")
            .AppendLine();
        if (itemLines.Count > 0)
        {
            body.AppendLine("Các nội dung đã được kết luận:");
            foreach (var line in itemLines)
            {
                body.Append("- ").AppendLine(line);
            }

            body.AppendLine();
        }

        body.Append("Thông báo được niêm yết tại trụ sở Ủy ban và đăng tại: ").AppendLine(link)
            .AppendLine()
            .Append("ỦY BAN NHÂN DÂN ").AppendLine(UnitNames.Upper(Unit(communeName)));
        return new EmailText($"Thông báo kết luận số {noticeNumber}/TB-UBND: kết quả đối thoại ngày {ShortDate(heldAt)} – {Committee(communeName)}", body.ToString());
    }

    /// <summary>The office is warned two days before the last day to publish the results (Điều 43: within 10 days).</summary>
    public static (EmailText Email, string Sms) ResultsDueSoon(string communeName, string sessionTitle, DateTimeOffset heldAt, DateOnly due)
    {
        var sms = $"{Committee(communeName)}: kết quả đối thoại ngày {ShortDate(heldAt)} phải công bố chậm nhất ngày {due:dd/MM/yyyy} (Điều 43: trong 10 ngày).";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(ShortDate(heldAt))
            .Append("Hạn công bố kết quả: ").Append(Day(due)).AppendLine(" (Điều 43 Luật Tổ chức chính quyền địa phương: trong 10 ngày).")
            .AppendLine()
            .AppendLine("Đề nghị hoàn thành kết luận, trình chủ trì ký và bấm \"Công bố kết quả\" trên trang của phiên đối thoại.");
        return (new EmailText($"Sắp hết hạn công bố kết quả đối thoại – {Committee(communeName)}", body.ToString()), sms);
    }

    private static string Where(NoticeSubject s) => s.Form switch
    {
        SessionForm.Online => s.OnlineUrl is { } url ? $"theo hình thức trực tuyến qua đường dẫn {url}" : "theo hình thức trực tuyến",
        SessionForm.Indirect => "theo hình thức gián tiếp (gửi ý kiến bằng văn bản, thư điện tử hoặc qua Mặt trận)",
        _ => $"tại {s.Venue ?? "trụ sở " + CommitteeInFull(s.CommuneName)}",
    };

    private static string FormLine(NoticeSubject s) => s.Form switch
    {
        SessionForm.Online => s.OnlineUrl is { } url ? $"trực tuyến, tham gia qua đường dẫn {url}" : "trực tuyến",
        SessionForm.Indirect => "gián tiếp: Ông/Bà gửi ý kiến bằng văn bản, thư điện tử về Văn phòng HĐND và UBND hoặc qua Ban công tác Mặt trận",
        _ => $"trực tiếp tại {s.Venue ?? "trụ sở " + CommitteeInFull(s.CommuneName)}",
    };

    /// <summary>Where, as heard: a link is never read aloud; the listener is told where to find it.</summary>
    private static string SpokenWhere(NoticeSubject s) => s.Form switch
    {
        SessionForm.Online => $"theo hình thức trực tuyến; đường dẫn tham gia được đăng trên trang thông tin của {CommitteeInFull(s.CommuneName)} và gửi qua tin nhắn đến đại biểu",
        SessionForm.Indirect => $"theo hình thức gián tiếp: Nhân dân gửi ý kiến bằng văn bản về {CommitteeInFull(s.CommuneName)} hoặc qua Ban công tác Mặt trận thôn, tổ dân phố",
        _ => $"tại {s.Venue ?? "trụ sở " + CommitteeInFull(s.CommuneName)}",
    };

    private static string SpokenTime(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        var time = local.Minute == 0 ? $"{local.Hour} giờ" : $"{local.Hour} giờ {local.Minute} phút";
        return $"{time}, {SpokenDate(t)}";
    }

    private static string SpokenDate(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        return $"{Weekdays[(int)local.DayOfWeek]}, ngày {local.Day} tháng {local.Month} năm {local.Year}";
    }

    /// <summary>"xã Thượng Hồng": the unit inside a sentence.</summary>
    private static string Unit(string communeName) => UnitNames.InSentence(communeName);

    /// <summary>"UBND xã Thượng Hồng".</summary>
    private static string Committee(string communeName) => $"UBND {Unit(communeName)}";

    /// <summary>"Ủy ban nhân dân xã Thượng Hồng": a proper name, capitalised wherever it stands.</summary>
    private static string CommitteeInFull(string communeName) => $"Ủy ban nhân dân {Unit(communeName)}";

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string ShortDate(DateTimeOffset t) =>
        VietnamTime.ToLocal(t).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string ShortTime(DateTimeOffset t) =>
        VietnamTime.ToLocal(t).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string LongTime(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        return string.Create(CultureInfo.InvariantCulture, $"{local:HH:mm}, {Weekdays[(int)local.DayOfWeek]}, ngày {local:dd/MM/yyyy}");
    }

    private static string Duration(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} giờ" : minutes < 60 ? $"{minutes} phút" : $"{minutes / 60} giờ {minutes % 60} phút";

    /// <summary>The answer to a petition, as the petitioner receives it by SMS (the policy may strip diacritics).</summary>
    public static string PetitionAnswerSms(string communeName, string petitionId, string answer) =>
        $"{Committee(communeName)} trả lời kiến nghị {petitionId} của Ông/Bà: {Shorten(answer, 300)}";

    public static EmailText PetitionAnswerEmail(string communeName, string petitionId, string recipientName, string content, string answer) => new(
        $"Trả lời kiến nghị {petitionId} – {Committee(communeName)}",
        new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append(CommitteeInFull(communeName)).Append(" trả lời kiến nghị số ").Append(petitionId).AppendLine(" của Ông/Bà:")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content)
            .AppendLine()
            .Append("Trả lời: ").AppendLine(answer)
            .AppendLine()
            .AppendLine("Nếu chưa đồng ý với nội dung trả lời, Ông/Bà có thể liên hệ Văn phòng HĐND và UBND để được hướng dẫn.")
            .ToString());

    /// <summary>The acknowledgement of a petition (Luật Tiếp công dân, Điều 28): its case number and when the answer is owed.</summary>
    public static (EmailText Email, string Sms) PetitionAcknowledged(Commune commune, string petitionId, DateOnly receivedOn,
        string recipientName, string content, DateOnly? answerDue)
    {
        var due = answerDue is { } d ? $"; trả lời trước ngày {d:dd/MM/yyyy}" : "";
        var sms = $"{Committee(commune.Name)} đã tiếp nhận kiến nghị của Ông/Bà ngày {receivedOn:dd/MM/yyyy}, số hồ sơ {petitionId}{due}.";
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append(CommitteeInFull(commune.Name)).Append(" đã tiếp nhận kiến nghị của Ông/Bà ngày ").Append(Day(receivedOn))
            .Append(", số hồ sơ ").Append(petitionId).AppendLine(".")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content);
        if (answerDue is { } day)
        {
            body.AppendLine().Append("Ủy ban sẽ trả lời Ông/Bà trước ngày ").Append(Day(day)).AppendLine(".");
        }

        body.AppendLine().AppendLine("Khi liên hệ về kiến nghị này, xin Ông/Bà nêu số hồ sơ trên.");
        return (new EmailText($"Tiếp nhận kiến nghị {petitionId} – {Committee(commune.Name)}", body.ToString()), sms);
    }

    /// <summary>A petition beyond the commune's authority, sent to the province: the petitioner is told where it went.</summary>
    public static (EmailText Email, string Sms) PetitionEscalated(Commune commune, string petitionId, string recipientName, string content, string reason)
    {
        var province = UnitNames.InSentence(commune.ProvinceName);
        var sms = $"{Committee(commune.Name)}: kiến nghị {petitionId} của Ông/Bà vượt thẩm quyền cấp xã, đã chuyển UBND {province} giải quyết.";
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append("Kiến nghị số ").Append(petitionId).Append(" của Ông/Bà thuộc thẩm quyền giải quyết của cấp tỉnh. ")
            .Append(CommitteeInFull(commune.Name)).Append(" đã chuyển kiến nghị đến Ủy ban nhân dân ").Append(province).AppendLine(" để giải quyết.")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content)
            .Append("Lý do chuyển: ").AppendLine(reason)
            .AppendLine()
            .AppendLine("Ủy ban sẽ theo dõi và thông báo kết quả giải quyết đến Ông/Bà.");
        return (new EmailText($"Chuyển kiến nghị {petitionId} lên cấp tỉnh – {Committee(commune.Name)}", body.ToString()), sms);
    }

    /// <summary>What the chair concluded on a petition raised at the session, told to its petitioner when the results are published.</summary>
    public static (EmailText Email, string Sms) PetitionOutcome(string communeName, string petitionId, string recipientName, string content, string outcome)
    {
        var sms = $"{Committee(communeName)}: kiến nghị {petitionId} của Ông/Bà. {Shorten(outcome, 200)}";
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append("Chủ tịch ").Append(CommitteeInFull(communeName)).Append(" đã kết luận về kiến nghị số ").Append(petitionId).AppendLine(" của Ông/Bà:")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content)
            .Append("Kết luận: ").AppendLine(outcome)
            .AppendLine()
            .AppendLine("Ủy ban sẽ tiếp tục thông báo đến Ông/Bà khi có kết quả giải quyết.");
        return (new EmailText($"Kết luận về kiến nghị {petitionId} – {Committee(communeName)}", body.ToString()), sms);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
