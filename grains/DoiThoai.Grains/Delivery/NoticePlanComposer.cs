using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Delivery;

/// <summary>
/// What will be sent for a session, to how many and when: the <see cref="NoticePlanner"/>'s plan, which the sending
/// expands, counted over the audience; shown on the session's page and, before the office confirms, for the session a
/// schedule form would make.
/// </summary>
internal static class NoticePlanComposer
{
    /// <summary>The session's plan as of now, with the loudspeaker system and SMS policy it was made from: the preview and the sending both start here.</summary>
    public static async Task<(SessionNoticePlan Plan, LoudspeakerSystem System, SmsTextPolicy SmsPolicy)> PlanAsync(
        IGrainFactory grains, Commune commune, SessionInfo session, DateTimeOffset now)
    {
        var smsPolicy = await grains.GetGrain<IProvinceGrain>(commune.ProvinceCode).GetSmsTextPolicyAsync();
        var system = await grains.GetGrain<ILoudspeakerSystemGrain>(commune.Code).GetAsync();
        return (NoticePlanner.Plan(SessionNoticeGrain.Subject(commune.Name, session), now, session.NoticeDeadline, system.Slots, smsPolicy), system, smsPolicy);
    }

    public static async Task<NoticePlan> ComposeAsync(IGrainFactory grains, Commune commune, SessionInfo session, DateTimeOffset now)
    {
        var audience = await grains.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(session.Audience ?? Audience.Everyone);
        var (plan, system, smsPolicy) = await PlanAsync(grains, commune, session, now);
        var warnings = new List<string>();

        var email = new EmailPlan(audience.Count(c => c.CanReceiveEmail), plan.InvitationSubject, plan.AnnounceAt);
        var smsRecipients = audience.Count(c => c.CanReceiveSms);
        var smsText = plan.Announcement;
        var sms = new SmsPlan(smsRecipients, smsPolicy, smsText.Encoding, smsText.Text, smsText.Units, smsText.Segments,
            smsText.Segments * smsRecipients, plan.AnnounceAt);
        if (smsText.Segments > 1)
        {
            warnings.Add($"Tin nhắn thông báo dài {smsText.Segments} phần ({smsText.Units} ký tự); mỗi người nhận tính {smsText.Segments} tin.");
        }

        var clusters = system.ClustersFor(session.Audience ?? Audience.Everyone);
        var broadcasts = plan.Broadcasts;
        if (session.Kind != SessionKind.Urgent && !broadcasts.CoversThreeConsecutiveDays)
        {
            warnings.Add("Thời gian đến hội nghị không đủ để phát thanh 3 ngày liên tục (Điều 13 Luật Thực hiện dân chủ ở cơ sở).");
        }

        if (clusters.Count == 0)
        {
            warnings.Add("Không cụm loa nào phủ các thôn, tổ dân phố đã chọn: thông báo sẽ không được phát thanh.");
        }

        var unreached = system.Unreached(audience.Select(c => c.Hamlet));
        if (unreached.Count > 0)
        {
            warnings.Add($"Chưa có cụm loa cho: {string.Join(", ", unreached)}.");
        }

        var loudspeaker = new LoudspeakerPlan(plan.LoudspeakerScript, broadcasts.Slots, broadcasts.Immediate,
            broadcasts.CoversThreeConsecutiveDays, clusters.Select(c => c.Name).ToList());

        var delegates = audience.Count(c => c.Role == ContactRole.Delegate && c.CanReceiveSms);
        var reminders = plan.Reminders
            .Select(at => new ReminderPlan(at, delegates, plan.Reminder.Text, plan.Reminder.Segments))
            .ToList();
        var officeWarning = plan.OfficeWarningAt;

        if (audience.Count == 0)
        {
            warnings.Add("Danh sách người nhận của phiên này đang trống: hãy nhập danh sách liên lạc hoặc chọn lại thôn, tổ dân phố.");
        }

        var withoutConsent = audience.Count(c => !c.CanReceiveSms && !c.CanReceiveEmail);
        if (withoutConsent > 0)
        {
            warnings.Add($"{withoutConsent} người trong danh sách chưa đồng ý nhận tin qua SMS hay email; họ chỉ nghe qua loa truyền thanh.");
        }

        return new NoticePlan(session.Id, session.NoticeDeadline, audience.Count, withoutConsent,
            email, sms, loudspeaker, reminders, officeWarning, warnings);
    }
}
