using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;

namespace DoiThoai.Domain.Tests;

public sealed class MessagingTests
{
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, VietnamTime.Offset);

    [Fact]
    public void Without_diacritics_a_Vietnamese_notice_fits_one_GSM7_SMS()
    {
        var text = "UBND phường Cẩm Lệ mời ông/bà dự hội nghị đối thoại lúc 08:00 ngày 20/11/2026 tại Hội trường UBND phường. Đề nghị có mặt đúng giờ.";

        var gsm = SmsText.Prepare(text, SmsTextPolicy.Gsm7WithoutDiacritics);

        Assert.StartsWith("UBND phuong Cam Le moi ong/ba du hoi nghi doi thoai", gsm.Text, StringComparison.Ordinal);
        Assert.Equal((SmsEncoding.Gsm7, 1), (gsm.Encoding, gsm.Segments));
        Assert.Equal(text.Length, gsm.Units);
    }

    [Fact]
    public void With_diacritics_the_same_notice_takes_two_UCS2_parts()
    {
        var text = "UBND phường Cẩm Lệ mời ông/bà dự hội nghị đối thoại lúc 08:00 ngày 20/11/2026 tại Hội trường UBND phường.";

        var ucs = SmsText.Prepare(text, SmsTextPolicy.Ucs2WithDiacritics);

        Assert.Equal((SmsEncoding.Ucs2, text.Length, 2, 67), (ucs.Encoding, ucs.Units, ucs.Segments, ucs.UnitsPerSegment));
        Assert.Equal(text, ucs.Text);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void GSM7_segments_hold_160_characters_alone_and_153_in_a_long_message(int length, int segments)
    {
        Assert.Equal(segments, SmsText.Prepare(new string('a', length), SmsTextPolicy.Gsm7WithoutDiacritics).Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void UCS2_segments_hold_70_characters_alone_and_67_in_a_long_message(int length, int segments)
    {
        Assert.Equal(segments, SmsText.Prepare(new string('ư', length), SmsTextPolicy.Ucs2WithDiacritics).Segments);
    }

    [Fact]
    public void Extension_characters_count_twice_and_typography_is_made_plain()
    {
        var prepared = SmsText.Prepare("Giá €5 – “miễn phí”… [x]", SmsTextPolicy.Gsm7WithoutDiacritics);

        Assert.Equal("Gia €5 - \"mien phi\"... [x]", prepared.Text);
        Assert.Equal(prepared.Text.Length + 3, prepared.Units);
        Assert.Equal("Dong Da, Duong Lam", SmsText.ToGsm7("Đống Đa, Đường Lâm"));
        Assert.Equal("Co ? la", SmsText.ToGsm7("Có 🇻 là")); // one character outside the BMP, one question mark
    }

    [Theory]
    [InlineData(21, 59, 21, 59, 0)]
    [InlineData(22, 0, 7, 0, 1)]
    [InlineData(23, 30, 7, 0, 1)]
    [InlineData(3, 0, 7, 0, 0)]
    [InlineData(7, 0, 7, 0, 0)]
    public void Routine_messages_due_at_night_wait_for_seven_in_the_morning(int hour, int minute, int sentHour, int sentMinute, int nextDay)
    {
        var due = Local(11, 20, hour, minute);

        Assert.Equal(Local(11, 20 + nextDay, sentHour, sentMinute), SendingWindow.SendAt(due, urgent: false));
        Assert.Equal(due, SendingWindow.SendAt(due, urgent: true));
    }

    [Fact]
    public void An_invitation_whose_deadline_falls_in_the_night_goes_at_once_rather_than_late()
    {
        var now = Local(11, 20, 22, 30);

        Assert.Equal(now, SendingWindow.SendAt(now, urgent: false, notLaterThan: Local(11, 20, 23, 0)));
        Assert.Equal(Local(11, 21, 7), SendingWindow.SendAt(now, urgent: false, notLaterThan: Local(11, 28, 8)));
    }

    [Fact]
    public void Announcements_fill_every_slot_from_the_announcement_to_the_session_and_cover_three_days()
    {
        var plan = NoticeTimeline.Broadcasts(Local(11, 10, 9), Local(11, 13, 8), Local(11, 6, 8), LoudspeakerSystem.DefaultSlots, urgent: false);

        Assert.Equal(
            [Local(11, 10, 17), Local(11, 11, 6), Local(11, 11, 17), Local(11, 12, 6), Local(11, 12, 17), Local(11, 13, 6)],
            plan.Slots);
        Assert.True(plan.CoversThreeConsecutiveDays);
        Assert.Equal(4, plan.Days);
    }

    [Fact]
    public void A_session_months_ahead_is_announced_from_the_day_of_its_notice_deadline_not_every_day_until_then()
    {
        // Scheduled on 10 November for 15 March, 7 days' notice: the deadline is 8 March at 08:00.
        var plan = NoticeTimeline.Broadcasts(Local(11, 10, 9), new DateTimeOffset(2027, 3, 15, 8, 0, 0, TimeSpan.FromHours(7)),
            new DateTimeOffset(2027, 3, 8, 8, 0, 0, TimeSpan.FromHours(7)), LoudspeakerSystem.DefaultSlots, urgent: false);

        Assert.Equal(new DateTimeOffset(2027, 3, 8, 6, 0, 0, TimeSpan.FromHours(7)), plan.Slots[0]);
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 6, 0, 0, TimeSpan.FromHours(7)), plan.Slots[^1]);
        Assert.Equal(15, plan.Slots.Count); // 8–14 March twice a day, and the morning of the 15th
        Assert.True(plan.CoversThreeConsecutiveDays);
    }

    [Fact]
    public void An_urgent_session_is_broadcast_at_once_then_in_the_slots_left()
    {
        var plan = NoticeTimeline.Broadcasts(Local(11, 10, 9, 12), Local(11, 10, 18), Local(11, 3, 18), LoudspeakerSystem.DefaultSlots, urgent: true);

        Assert.Equal([Local(11, 10, 9, 12), Local(11, 10, 17)], plan.Slots);
        Assert.False(plan.CoversThreeConsecutiveDays);
    }

    [Fact]
    public void Delegates_are_reminded_at_17_the_day_before_and_two_hours_before()
    {
        Assert.Equal([Local(11, 19, 17), Local(11, 20, 6)], NoticeTimeline.DelegateReminders(Local(11, 20, 8), Local(11, 10, 9)));
        // Scheduled the evening before: only the two-hour reminder is still ahead.
        Assert.Equal([Local(11, 20, 6)], NoticeTimeline.DelegateReminders(Local(11, 20, 8), Local(11, 19, 20)));
    }
}
