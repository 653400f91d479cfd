using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Delivery;

/// <summary>
/// The notices of one session. It reads the session, the audience's contacts and the province's SMS policy, and
/// plans every notice with the rules of <see cref="NoticeTimeline"/>, <see cref="SendingWindow"/> and <see cref="SmsText"/>.
/// </summary>
public sealed class SessionNoticeGrain(
    AdminUnitRegistry registry,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ISessionNoticeGrain
{
    private string CommuneCode => this.GetPrimaryKeyString().Split('/')[0];

    private string SessionId => this.GetPrimaryKeyString().Split('/', 2)[1];

    public async Task<CalendarResult<NoticePlan>> GetPlanAsync()
    {
        var commune = registry.FindCommune(CommuneCode)
            ?? throw new InvalidOperationException($"Unknown commune code '{CommuneCode}'.");
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune.Code).GetSessionAsync(SessionId);
        if (session is null)
        {
            return CalendarResult<NoticePlan>.Fail(CalendarProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {SessionId}.");
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return CalendarResult<NoticePlan>.Fail(CalendarProblemKind.WrongState,
                $"Phiên đối thoại {session.Status.Vietnamese()}: không còn thông báo nào để gửi.");
        }

        var audience = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(session.Audience ?? Audience.Everyone);
        var smsPolicy = await GrainFactory.GetGrain<IProvinceGrain>(commune.ProvinceCode).GetSmsTextPolicyAsync();
        var now = time.GetUtcNow();
        var urgent = session.Kind == SessionKind.Urgent;
        var subject = new NoticeSubject(commune.Name, session.Kind, session.Title, session.StartsAt, session.DurationMinutes,
            session.Chair, session.Topic, session.Venue, session.OnlineUrl);
        var warnings = new List<string>();

        // Invitations go when the session is scheduled, outside the night, and never after the notice deadline.
        var announceAt = SendingWindow.SendAt(now, urgent, notLaterThan: session.NoticeDeadline);
        var emailRecipients = audience.Count(c => c.CanReceiveEmail);
        var email = new EmailPlan(emailRecipients, NoticeTexts.InvitationSubject(subject), announceAt);

        var smsText = SmsText.Prepare(NoticeTexts.SmsAnnouncement(subject), smsPolicy);
        var smsRecipients = audience.Count(c => c.CanReceiveSms);
        var sms = new SmsPlan(smsRecipients, smsPolicy, smsText.Encoding, smsText.Text, smsText.Units, smsText.Segments,
            smsText.Segments * smsRecipients, announceAt);
        if (smsText.Segments > 1)
        {
            warnings.Add($"Tin nhắn thông báo dài {smsText.Segments} phần ({smsText.Units} ký tự); mỗi người nhận tính {smsText.Segments} tin.");
        }

        var broadcasts = NoticeTimeline.Broadcasts(now, session.StartsAt, NoticeTimeline.DefaultBroadcastSlots, urgent);
        if (!urgent && !broadcasts.CoversThreeConsecutiveDays)
        {
            warnings.Add("Thời gian đến hội nghị không đủ để phát thanh 3 ngày liên tục (Điều 13 Luật Thực hiện dân chủ ở cơ sở).");
        }

        var loudspeaker = new LoudspeakerPlan(NoticeTexts.LoudspeakerScript(subject), broadcasts.Slots, broadcasts.Immediate, broadcasts.CoversThreeConsecutiveDays);

        var delegates = audience.Count(c => c.Role == ContactRole.Delegate && c.CanReceiveSms);
        var reminderText = SmsText.Prepare(NoticeTexts.SmsReminder(subject), smsPolicy);
        var reminders = NoticeTimeline.DelegateReminders(session.StartsAt, now)
            .Select(at => SendingWindow.SendAt(at, urgent))
            .Where(at => at < session.StartsAt)
            .Distinct()
            .Select(at => new ReminderPlan(at, delegates, reminderText.Text, reminderText.Segments))
            .ToList();

        DateTimeOffset? officeWarning = urgent ? null : NoticeTimeline.OfficeDeadlineWarning(session.NoticeDeadline);
        if (officeWarning <= now)
        {
            officeWarning = null;
        }

        if (audience.Count == 0)
        {
            warnings.Add("Danh sách người nhận của phiên này đang trống: hãy nhập danh sách liên lạc hoặc chọn lại thôn, tổ dân phố.");
        }

        var withoutConsent = audience.Count(c => !c.CanReceiveSms && !c.CanReceiveEmail);
        if (withoutConsent > 0)
        {
            warnings.Add($"{withoutConsent} người trong danh sách chưa đồng ý nhận tin qua SMS hay email; họ chỉ nghe qua loa truyền thanh.");
        }

        return CalendarResult<NoticePlan>.Ok(new NoticePlan(session.Id, session.NoticeDeadline, audience.Count, withoutConsent,
            email, sms, loudspeaker, reminders, officeWarning, warnings));
    }
}
