using System.Globalization;
using System.Text;
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
    string? OnlineUrl = null);

/// <summary>An e-mail as the recipient reads it.</summary>
public sealed record EmailText(string Subject, string Body);

/// <summary>
/// The words of every notice, in Vietnamese with full diacritics (the SMS policy may strip them later): the
/// invitation (giấy mời), the SMS announcement and reminder, the loudspeaker script, and the notices of a change.
/// </summary>
public static class NoticeTexts
{
    private static readonly string[] Weekdays = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

    public static EmailText Invitation(NoticeSubject s, string recipientName, string? recipientTitle)
    {
        var body = new StringBuilder()
            .Append("Kính gửi: ").Append(recipientName).Append(recipientTitle is null ? "" : $" – {recipientTitle}").AppendLine(".")
            .AppendLine()
            .Append("Ủy ban nhân dân ").Append(s.CommuneName).Append(" trân trọng kính mời Ông/Bà dự ")
            .Append(s.Title).Append(" (hội nghị đối thoại ").Append(s.Kind.Vietnamese()).AppendLine(" giữa Chủ tịch UBND với Nhân dân).")
            .AppendLine()
            .Append("Thời gian: ").Append(LongTime(s.StartsAt)).Append(" (dự kiến ").Append(Duration(s.DurationMinutes)).AppendLine(").");
        if (s.Venue is not null)
        {
            body.Append("Địa điểm: ").Append(s.Venue).AppendLine(".");
        }

        if (s.OnlineUrl is not null)
        {
            body.Append("Tham dự trực tuyến: ").AppendLine(s.OnlineUrl);
        }

        body.Append("Chủ trì: ").Append(s.Chair).AppendLine(".");
        if (s.Topic is not null)
        {
            body.Append("Nội dung: ").Append(s.Topic).AppendLine(".");
        }

        body.AppendLine()
            .Append("Ý kiến, kiến nghị gửi trước hội nghị xin chuyển về Văn phòng HĐND và UBND ").Append(s.CommuneName).AppendLine(".")
            .AppendLine("Rất mong Ông/Bà đến dự đúng giờ. Lịch hội nghị được đính kèm (tệp .ics) để thêm vào lịch của Ông/Bà.")
            .AppendLine()
            .Append("ỦY BAN NHÂN DÂN ").AppendLine(s.CommuneName.ToUpper(CultureInfo.GetCultureInfo("vi-VN")));
        return new EmailText(InvitationSubject(s), body.ToString());
    }

    public static string InvitationSubject(NoticeSubject s) => $"Giấy mời: {s.Title} – {s.CommuneName}";

    public static string SmsAnnouncement(NoticeSubject s) =>
        $"UBND {s.CommuneName} mời Ông/Bà dự hội nghị đối thoại {s.Kind.Vietnamese()} lúc {ShortTime(s.StartsAt)} tại {Where(s)}. ND: {s.Title}";

    public static string SmsReminder(NoticeSubject s) =>
        $"Nhắc lịch: {s.Title} lúc {ShortTime(s.StartsAt)} tại {Where(s)}. UBND {s.CommuneName}";

    public static string Rescheduled(NoticeSubject s, DateTimeOffset previousStart, string reason) =>
        $"UBND {s.CommuneName} thông báo: hội nghị đối thoại \"{s.Title}\" dời từ {ShortTime(previousStart)} sang {ShortTime(s.StartsAt)} tại {Where(s)}. Lý do: {reason}";

    public static string Cancelled(NoticeSubject s, string reason) =>
        $"UBND {s.CommuneName} thông báo: hủy hội nghị đối thoại \"{s.Title}\" dự kiến lúc {ShortTime(s.StartsAt)}. Lý do: {reason}";

    /// <summary>The e-mail telling of a reschedule or a cancellation: the short notice, addressed to the person.</summary>
    public static EmailText ChangeEmail(NoticeSubject s, string recipientName, string notice, bool cancelled)
    {
        var body = new StringBuilder()
            .Append("Kính gửi: ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .AppendLine(notice)
            .AppendLine()
            .AppendLine(cancelled
                ? "Xin thông báo để Ông/Bà biết; lịch trong tệp đính kèm đã được hủy."
                : "Lịch mới được đính kèm (tệp .ics) thay cho lịch cũ.")
            .AppendLine()
            .Append("ỦY BAN NHÂN DÂN ").AppendLine(s.CommuneName.ToUpper(CultureInfo.GetCultureInfo("vi-VN")));
        var subject = cancelled ? $"Thông báo hủy: {s.Title} – {s.CommuneName}" : $"Thông báo dời lịch: {s.Title} – {s.CommuneName}";
        return new EmailText(subject, body.ToString());
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

        var subject = $"Cảnh báo hạn thông báo: {s.Title} – {s.CommuneName}";
        var body = new StringBuilder()
            .Append("Hội nghị đối thoại \"").Append(s.Title).Append("\" lúc ").Append(ShortTime(s.StartsAt))
            .Append(": còn ").Append(string.Join(", ", parts)).Append(". Hạn thông báo: ").Append(ShortTime(noticeDeadline)).AppendLine(".")
            .AppendLine("Đề nghị kiểm tra danh sách liên lạc và tình trạng các kênh gửi trên trang của phiên đối thoại.");
        return new EmailText(subject, body.ToString());
    }

    /// <summary>The commune office is told that a new list of days off moved a session's notice deadline.</summary>
    public static (EmailText Email, string Sms) DeadlineRecounted(NoticeSubject s, DateTimeOffset previous, DateTimeOffset next, string reason)
    {
        var sms = $"{s.CommuneName}: hạn thông báo hội nghị đối thoại ngày {ShortDate(s.StartsAt)} đổi từ {ShortTime(previous)} sang {ShortTime(next)} (danh sách ngày nghỉ thay đổi).";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(s.Title).Append(", ").AppendLine(LongTime(s.StartsAt))
            .AppendLine(reason)
            .AppendLine()
            .AppendLine(next < previous
                ? "Hạn mới sớm hơn hạn cũ: đề nghị kiểm tra ngay giấy mời và thông báo đã gửi đủ chưa."
                : "Hạn mới muộn hơn hạn cũ; các việc chuẩn bị tính theo hạn thông báo đã được dời theo.");
        return (new EmailText($"Hạn thông báo thay đổi: {s.Title} – {s.CommuneName}", body.ToString()), sms);
    }

    /// <summary>
    /// A preparation milestone to its owners: two days before it is due ("còn 2 ngày"), or the day after, overdue.
    /// The SMS names the task, the session and the day; the e-mail adds who is responsible and where to mark it done.
    /// </summary>
    public static (EmailText Email, string Sms) MilestoneReminder(string communeName, string sessionTitle, DateOnly sessionDay,
        string task, string ownerUnit, DateOnly due, bool overdue)
    {
        var sms = overdue
            ? $"{communeName}: việc \"{task}\" đã quá hạn {due:dd/MM} (đối thoại ngày {sessionDay:dd/MM})."
            : $"{communeName}: nhắc việc \"{task}\", hạn {due:dd/MM} (đối thoại ngày {sessionDay:dd/MM}).";
        var subject = overdue
            ? $"Quá hạn: {task} – {communeName}"
            : $"Nhắc việc chuẩn bị đối thoại: {task} – {communeName}";
        var body = new StringBuilder()
            .Append("Công việc: ").AppendLine(task)
            .Append("Đơn vị thực hiện: ").AppendLine(ownerUnit)
            .Append("Hạn hoàn thành: ").Append(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).AppendLine(overdue ? " (đã quá hạn)" : "")
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(sessionDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
            .AppendLine()
            .AppendLine(overdue
                ? "Đề nghị hoàn thành ngay và đánh dấu đã xong trên trang của phiên đối thoại, hoặc báo Văn phòng để điều chỉnh hạn."
                : "Khi hoàn thành, đề nghị đánh dấu đã xong trên trang của phiên đối thoại.");
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
            ? $"{communeName}: {groupName} còn thiếu {m} người dự đối thoại ngày {sessionDay:dd/MM}, hạn {deadline:dd/MM}. Chọn tại: {link}"
            : $"{communeName}: đề nghị chọn {count} người {groupName} dự đối thoại ngày {sessionDay:dd/MM}, hạn {deadline:dd/MM}. Chọn tại: {link}";
        var subject = missing is null
            ? $"Đề nghị chọn người dự hội nghị đối thoại: {groupName} – {communeName}"
            : $"Nhắc chọn người dự hội nghị đối thoại: {groupName} còn thiếu {missing} người – {communeName}";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(sessionDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
            .Append("Nhóm: ").AppendLine(groupName)
            .Append("Số người cần chọn: ").AppendLine(count)
            .Append("Hạn chọn: ").AppendLine(deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
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
        var sms = $"{communeName}: {groups.Count} nhóm còn thiếu {missing} người dự đối thoại ngày {sessionDay:dd/MM} (hạn chọn {deadline:dd/MM} đã qua).";
        var body = new StringBuilder()
            .Append("Hội nghị: ").Append(sessionTitle).Append(", ngày ").AppendLine(sessionDay.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
            .Append("Hạn chọn người tham dự: ").Append(deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).AppendLine(" (đã qua).")
            .AppendLine()
            .AppendLine("Các nhóm còn thiếu người:");
        foreach (var (group, count) in groups)
        {
            body.Append("- ").Append(group).Append(": thiếu ").Append(count).AppendLine(" người");
        }

        body.AppendLine()
            .AppendLine("Đề nghị liên hệ trưởng thôn, tổ trưởng tổ dân phố hoặc chọn thay trên trang của phiên đối thoại.");
        return (new EmailText($"Còn thiếu người dự hội nghị đối thoại: {sessionTitle} – {communeName}", body.ToString()), sms);
    }

    /// <summary>What the loudspeakers say: times in words a listener follows ("8 giờ 30 phút, Thứ Sáu, ngày 20 tháng 11").</summary>
    public static string LoudspeakerScript(NoticeSubject s)
    {
        var local = VietnamTime.ToLocal(s.StartsAt);
        var time = local.Minute == 0 ? $"{local.Hour} giờ" : $"{local.Hour} giờ {local.Minute} phút";
        var date = $"{Weekdays[(int)local.DayOfWeek]}, ngày {local.Day} tháng {local.Month} năm {local.Year}";
        var script = $"Ủy ban nhân dân {s.CommuneName} thông báo. Vào lúc {time}, {date}, tại {Where(s)}, " +
            $"Ủy ban nhân dân {s.CommuneName} tổ chức hội nghị đối thoại {s.Kind.Vietnamese()} giữa Chủ tịch Ủy ban nhân dân với Nhân dân: {s.Title}. " +
            "Kính mời bà con quan tâm đến dự.";
        return $"{script} Xin nhắc lại. {script}";
    }

    private static string Where(NoticeSubject s) => s.Venue ?? (s.OnlineUrl is null ? "trụ sở UBND" : "trực tuyến: " + s.OnlineUrl);

    private static string ShortDate(DateTimeOffset t) =>
        VietnamTime.ToLocal(t).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string ShortTime(DateTimeOffset t) =>
        VietnamTime.ToLocal(t).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string LongTime(DateTimeOffset t)
    {
        var local = VietnamTime.ToLocal(t);
        return string.Create(CultureInfo.InvariantCulture, $"{local:HH:mm}, {Weekdays[(int)local.DayOfWeek]}, ngày {local:dd/MM/yyyy}");
    }

    private static string Duration(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} giờ" : minutes < 60 ? $"{minutes} phút" : $"{minutes / 60} giờ {minutes % 60} phút";

    /// <summary>The answer to a petition, as the petitioner receives it by SMS (the policy may strip diacritics).</summary>
    public static string PetitionAnswerSms(string communeName, string petitionId, string answer) =>
        $"UBND {communeName} trả lời kiến nghị {petitionId} của Ông/Bà: {Shorten(answer, 300)}";

    public static EmailText PetitionAnswerEmail(string communeName, string petitionId, string recipientName, string content, string answer) => new(
        $"Trả lời kiến nghị {petitionId} – {communeName}",
        new StringBuilder()
            .Append("Kính gửi: ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append("Ủy ban nhân dân ").Append(communeName).Append(" trả lời kiến nghị số ").Append(petitionId).AppendLine(" của Ông/Bà:")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content)
            .AppendLine()
            .Append("Trả lời: ").AppendLine(answer)
            .AppendLine()
            .AppendLine("Nếu chưa đồng ý với nội dung trả lời, Ông/Bà có thể liên hệ Văn phòng HĐND-UBND để được hướng dẫn.")
            .ToString());

    /// <summary>The acknowledgement of a petition (Luật Tiếp công dân, Điều 28): its case number and when the answer is owed.</summary>
    public static (EmailText Email, string Sms) PetitionAcknowledged(AdminUnits.Commune commune, string petitionId, DateOnly receivedOn,
        string recipientName, string content, DateOnly? answerDue)
    {
        var committee = AdminUnits.UnitNames.Committee(commune);
        var due = answerDue is { } d ? $"; trả lời trước ngày {d:dd/MM/yyyy}" : "";
        var sms = $"{committee} đã tiếp nhận kiến nghị của Ông/Bà ngày {receivedOn:dd/MM/yyyy}, số hồ sơ {petitionId}{due}.";
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append(AdminUnits.UnitNames.CommitteeInFull(commune)).Append(" đã tiếp nhận kiến nghị của Ông/Bà ngày ")
            .Append(receivedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).Append(", số hồ sơ ").Append(petitionId).AppendLine(".")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content);
        if (answerDue is { } day)
        {
            body.AppendLine().Append("Ủy ban sẽ trả lời Ông/Bà trước ngày ").Append(day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)).AppendLine(".");
        }

        body.AppendLine().AppendLine("Khi liên hệ về kiến nghị này, xin Ông/Bà nêu số hồ sơ trên.");
        return (new EmailText($"Tiếp nhận kiến nghị {petitionId} – {committee}", body.ToString()), sms);
    }

    /// <summary>A petition beyond the commune's authority, sent to the province: the petitioner is told where it went.</summary>
    public static (EmailText Email, string Sms) PetitionEscalated(AdminUnits.Commune commune, string petitionId, string recipientName, string content, string reason)
    {
        var committee = AdminUnits.UnitNames.Committee(commune);
        var province = AdminUnits.UnitNames.InSentence(commune.ProvinceName);
        var sms = $"{committee}: kiến nghị {petitionId} của Ông/Bà vượt thẩm quyền cấp xã, đã chuyển UBND {province} giải quyết.";
        var body = new StringBuilder()
            .Append("Kính gửi: Ông/Bà ").Append(recipientName).AppendLine(".")
            .AppendLine()
            .Append("Kiến nghị số ").Append(petitionId).Append(" của Ông/Bà thuộc thẩm quyền giải quyết của cấp tỉnh. ")
            .Append(AdminUnits.UnitNames.CommitteeInFull(commune)).Append(" đã chuyển kiến nghị đến Ủy ban nhân dân ").Append(province).AppendLine(" để giải quyết.")
            .AppendLine()
            .Append("Nội dung kiến nghị: ").AppendLine(content)
            .Append("Lý do chuyển: ").AppendLine(reason)
            .AppendLine()
            .AppendLine("Ủy ban sẽ theo dõi và thông báo kết quả giải quyết đến Ông/Bà.");
        return (new EmailText($"Chuyển kiến nghị {petitionId} lên cấp tỉnh – {committee}", body.ToString()), sms);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
