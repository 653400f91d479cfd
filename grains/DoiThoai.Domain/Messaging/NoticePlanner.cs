using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Messaging;

/// <summary>
/// What announcing a session sends and when: the invitations and the SMS announcement (at once, outside the night,
/// never after the notice deadline), the loudspeaker slots, the delegates' reminders, and the office's check before
/// the deadline; with the texts as the province's SMS policy sends them.
/// </summary>
public sealed record SessionNoticePlan(
    DateTimeOffset AnnounceAt,
    string InvitationSubject,
    SmsMessageText Announcement,
    BroadcastPlan Broadcasts,
    string LoudspeakerScript,
    IReadOnlyList<DateTimeOffset> Reminders,
    SmsMessageText Reminder,
    DateTimeOffset? OfficeWarningAt);

/// <summary>
/// Computes a session's notice plan once, from the rules of <see cref="SendingWindow"/>, <see cref="NoticeTimeline"/>
/// and <see cref="SmsText"/>: the preview shows it and the expansion turns it into messages, so that what the office
/// is shown before confirming is what goes out.
/// </summary>
public static class NoticePlanner
{
    public static SessionNoticePlan Plan(
        NoticeSubject subject, DateTimeOffset now, DateTimeOffset noticeDeadline, IReadOnlyList<TimeOnly> slots, SmsTextPolicy smsPolicy)
    {
        var urgent = subject.Kind == SessionKind.Urgent;
        var reminders = NoticeTimeline.DelegateReminders(subject.StartsAt, now)
            .Select(at => SendingWindow.SendAt(at, urgent))
            .Where(at => at < subject.StartsAt)
            .Distinct()
            .ToList();
        return new SessionNoticePlan(
            AnnounceAt: SendingWindow.SendAt(now, urgent, notLaterThan: noticeDeadline),
            InvitationSubject: NoticeTexts.InvitationSubject(subject),
            Announcement: SmsText.Prepare(NoticeTexts.SmsAnnouncement(subject), smsPolicy),
            Broadcasts: NoticeTimeline.Broadcasts(now, subject.StartsAt, noticeDeadline, slots, urgent),
            LoudspeakerScript: NoticeTexts.LoudspeakerScript(subject),
            Reminders: reminders,
            Reminder: SmsText.Prepare(NoticeTexts.SmsReminder(subject), smsPolicy),
            OfficeWarningAt: urgent || NoticeTimeline.OfficeDeadlineWarning(noticeDeadline, now) is not { } warning
                ? null
                : SendingWindow.SendAt(warning, urgent: false, notLaterThan: noticeDeadline)); // officers are not woken at 3 a.m.
    }
}
