using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Tests;

/// <summary>The one plan of a session's announcement, as both the preview and the sending use it.</summary>
public sealed class NoticePlannerTests
{
    private static readonly IReadOnlyList<TimeOnly> Slots = [new(6, 0), new(17, 0)];

    private static NoticeSubject Subject(SessionKind kind, DateTimeOffset startsAt) =>
        new("Xã Mường Chiên", kind, "Đối thoại về nước sinh hoạt", startsAt, 90, "Ông Lò Văn Thắng, Chủ tịch UBND xã", Venue: "Nhà văn hóa bản Hẹo");

    [Fact]
    public void A_session_scheduled_late_in_the_evening_warns_its_office_at_seven_not_in_the_night()
    {
        var now = new DateTimeOffset(2026, 11, 2, 21, 0, 0, VietnamTime.Offset);
        var deadline = new DateTimeOffset(2026, 11, 3, 9, 0, 0, VietnamTime.Offset);

        var plan = NoticePlanner.Plan(Subject(SessionKind.Periodic, deadline.AddDays(7)), now, deadline, Slots, SmsTextPolicy.Gsm7WithoutDiacritics);

        // Halfway to the deadline is 03:00; the officers are told at 07:00, still two hours before it.
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 7, 0, 0, VietnamTime.Offset), plan.OfficeWarningAt);
        // The invitations go at once: 21:00 is before the quiet hours.
        Assert.Equal(now, plan.AnnounceAt);
    }

    [Fact]
    public void An_urgent_session_goes_at_once_is_broadcast_at_once_and_has_no_office_check()
    {
        var now = new DateTimeOffset(2026, 11, 2, 23, 30, 0, VietnamTime.Offset);
        var start = now.AddHours(3);

        var plan = NoticePlanner.Plan(Subject(SessionKind.Urgent, start), now, now, Slots, SmsTextPolicy.Gsm7WithoutDiacritics);

        Assert.Equal(now, plan.AnnounceAt);
        Assert.True(plan.Broadcasts.Immediate);
        Assert.Equal(now, plan.Broadcasts.Slots[0]);
        Assert.Null(plan.OfficeWarningAt);
        Assert.Equal([start.AddHours(-2)], plan.Reminders); // two hours before, urgent: even in the night
        Assert.DoesNotContain("ườ", plan.Announcement.Text, StringComparison.Ordinal); // GSM-7, without diacritics
    }
}
