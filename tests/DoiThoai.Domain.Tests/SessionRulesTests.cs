using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Tests;

public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, VietnamTime.Offset);

    private static SessionDraft Periodic() => new(
        SessionKind.Periodic, SessionForm.InPerson, "Đối thoại định kỳ năm 2026", Now.AddDays(20), 120, Venue: "Hội trường UBND phường");

    [Fact]
    public void A_complete_periodic_session_is_accepted()
    {
        Assert.Empty(SessionRules.Validate(Periodic(), Now));
    }

    [Fact]
    public void An_urgent_session_must_say_why()
    {
        var draft = Periodic() with { Kind = SessionKind.Urgent, UrgentReason = null };
        var errors = SessionRules.Validate(draft, Now);
        Assert.Contains("urgentReason", errors.Keys);
        Assert.Empty(SessionRules.Validate(draft with { UrgentReason = "Sạt lở bờ sông tại tổ dân phố 3" }, Now));
    }

    [Fact]
    public void Only_urgent_sessions_carry_an_urgent_reason_and_only_thematic_ones_a_target_group()
    {
        var errors = SessionRules.Validate(Periodic() with { UrgentReason = "không cần", TargetGroup = TargetGroup.Youth }, Now);
        Assert.Equal(["targetGroup", "urgentReason"], errors.Keys.Order());
    }

    [Fact]
    public void A_thematic_session_needs_its_topic_and_an_online_one_its_link()
    {
        var errors = SessionRules.Validate(Periodic() with { Kind = SessionKind.Thematic, Form = SessionForm.Online }, Now);
        Assert.Equal(["onlineUrl", "topic"], errors.Keys.Order());
    }

    [Fact]
    public void Text_with_control_characters_or_broken_surrogates_is_refused()
    {
        Assert.Contains("title", SessionRules.Validate(Periodic() with { Title = "Đối thoại\u0000" }, Now).Keys);
        Assert.Contains("title", SessionRules.Validate(Periodic() with { Title = "Đối thoại \ud800" }, Now).Keys);
        Assert.Empty(SessionRules.Validate(Periodic() with { Title = "Đối thoại 🇻🇳" }, Now));
    }

    [Fact]
    public void Sessions_too_far_ahead_or_with_an_absurd_duration_are_refused()
    {
        var errors = SessionRules.Validate(Periodic() with { StartsAt = Now.AddYears(4), DurationMinutes = 5 }, Now);
        Assert.Equal(["durationMinutes", "startsAt"], errors.Keys.Order());
    }

    [Fact]
    public void Sessions_clash_only_at_the_same_venue_when_their_times_overlap()
    {
        var start = Now.AddDays(20);
        Assert.True(SessionRules.Clash(start, 120, "Hội trường UBND", start.AddMinutes(60), 60, "  hội trường   ubnd "));
        Assert.False(SessionRules.Clash(start, 120, "Hội trường UBND", start.AddMinutes(120), 60, "Hội trường UBND"));
        Assert.False(SessionRules.Clash(start, 120, "Hội trường UBND", start, 60, "Nhà văn hóa thôn 2"));
        Assert.False(SessionRules.Clash(start, 120, null, start, 60, null));
    }

    [Fact]
    public void The_lifecycle_runs_scheduled_held_concluded_and_only_a_scheduled_session_is_cancelled()
    {
        Assert.True(SessionLifecycle.CanMove(SessionStatus.Scheduled, SessionStatus.Held));
        Assert.True(SessionLifecycle.CanMove(SessionStatus.Held, SessionStatus.Concluded));
        Assert.True(SessionLifecycle.CanMove(SessionStatus.Scheduled, SessionStatus.Cancelled));
        Assert.False(SessionLifecycle.CanMove(SessionStatus.Held, SessionStatus.Cancelled));
        Assert.False(SessionLifecycle.CanMove(SessionStatus.Scheduled, SessionStatus.Concluded));
        Assert.False(SessionLifecycle.CanMove(SessionStatus.Cancelled, SessionStatus.Scheduled));
        Assert.False(SessionLifecycle.CanReschedule(SessionStatus.Held));
    }
}
