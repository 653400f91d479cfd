using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Province;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Delivery;

/// <summary>
/// The notices of one session. It reads the session, the audience's contacts and the province's SMS policy, and
/// plans every notice with the rules of <see cref="NoticeTimeline"/>, <see cref="SendingWindow"/> and <see cref="SmsText"/>.
/// </summary>
public sealed partial class SessionNoticeGrain(
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionNoticeGrain> logger) : Grain, ISessionNoticeGrain
{
    private const int EnqueueBatch = 1000;

    private string CommuneCode => this.GetPrimaryKeyString().Split('/')[0];

    private string SessionId => this.GetPrimaryKeyString().Split('/', 2)[1];

    public Task PublishAsync() => outbox.EnqueueAsync(SessionNoticeKey.OnSchedule
        .Select(notice => new OutboxMessage(this.GetPrimaryKeyString(), "plan-" + notice, "-", DeliveryChannel.Plan, time.GetUtcNow(), "-", ""))
        .ToList());

    public async Task<int> ExpandAsync(string notice)
    {
        var name = notice.StartsWith("plan-", StringComparison.Ordinal) ? notice["plan-".Length..] : notice;
        if (!SessionNoticeKey.OnSchedule.Contains(name))
        {
            throw new ArgumentException($"Unknown notice '{notice}'.", nameof(notice));
        }

        var commune = registry.FindCommune(CommuneCode)!;
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune.Code).GetSessionAsync(SessionId);
        if (session is not { Status: SessionStatus.Scheduled })
        {
            return 0; // cancelled or held since: nothing to invite to
        }

        var audience = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(session.Audience ?? Audience.Everyone);
        var now = time.GetUtcNow();
        var subject = Subject(commune.Name, session);
        var sendAt = SendingWindow.SendAt(now, session.Kind == SessionKind.Urgent, notLaterThan: session.NoticeDeadline);
        List<OutboxMessage> messages;
        if (name == SessionNoticeKey.Invitation)
        {
            var ics = IcsCalendar.Write($"Giấy mời - {commune.Name}", [SessionCalendarEntry.From(commune, session)]);
            messages = audience
                .Where(c => c.CanReceiveEmail)
                .Select(c =>
                {
                    var text = NoticeTexts.Invitation(subject, c.FullName, c.Title);
                    return new OutboxMessage(this.GetPrimaryKeyString(), name, c.Id, DeliveryChannel.Email, sendAt, c.Email!, text.Body, text.Subject, ics);
                })
                .ToList();
        }
        else
        {
            var policy = await GrainFactory.GetGrain<IProvinceGrain>(commune.ProvinceCode).GetSmsTextPolicyAsync();
            var text = SmsText.Prepare(NoticeTexts.SmsAnnouncement(subject), policy).Text;
            messages = audience
                .Where(c => c.CanReceiveSms)
                .Select(c => new OutboxMessage(this.GetPrimaryKeyString(), name, c.Id, DeliveryChannel.Sms, sendAt, c.Phone!, text))
                .ToList();
        }

        var added = 0;
        foreach (var chunk in messages.Chunk(EnqueueBatch))
        {
            added += await outbox.EnqueueAsync(chunk);
        }

        LogExpanded(logger, this.GetPrimaryKeyString(), name, messages.Count, added);
        return added;
    }

    public Task<bool> RecordReceiptAsync(string notice, string recipientId, DeliveryChannel channel, DeliveryStatus status, string? detail) =>
        outbox.RecordReceiptAsync(this.GetPrimaryKeyString(), notice, recipientId, channel, status, detail, time.GetUtcNow());

    public async Task<DeliveryReport> GetDeliveriesAsync(DeliveryChannel? channel, int page, int pageSize)
    {
        var counts = await outbox.CountAsync(this.GetPrimaryKeyString());
        var byChannel = counts
            .GroupBy(c => c.Channel)
            .Select(g => new DeliveryTally(g.Key, Count(g, DeliveryStatus.Pending), Count(g, DeliveryStatus.Sent), Count(g, DeliveryStatus.Delivered), Count(g, DeliveryStatus.Failed)))
            .OrderBy(t => t.Channel)
            .ToList();
        var rows = await outbox.ListAsync(this.GetPrimaryKeyString(), channel, (page - 1) * pageSize, pageSize);
        var items = rows.Select(r => new DeliveryItem(r.Notice, r.RecipientId, r.Channel, r.Status, r.Attempts, r.DueAt, r.NextAttemptAt,
            r.LastError, r.Channel == DeliveryChannel.Email ? EmailAddress.Mask(r.Address) : PhoneNumber.Mask(r.Address), r.UpdatedAt)).ToList();
        return new DeliveryReport(byChannel, page, pageSize, items);

        static int Count(IEnumerable<DeliveryCount> counts, DeliveryStatus status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
    }

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
        var subject = Subject(commune.Name, session);
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

    private static NoticeSubject Subject(string communeName, SessionInfo session) => new(
        communeName, session.Kind, session.Title, session.StartsAt, session.DurationMinutes, session.Chair, session.Topic, session.Venue, session.OnlineUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey}: notice {Notice} makes {Count} messages, {Added} new")]
    private static partial void LogExpanded(ILogger logger, string sessionKey, string notice, int count, int added);
}
