using DoiThoai.Grains.Abstractions;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Tests;

/// <summary>The commune's calendar rules, through grains spread over a three-silo cluster. The clock stays still here.</summary>
public sealed class CommuneCalendarTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset Now = ClusterFixture.Start; // Monday 2/11/2026 09:00

    private static DateTimeOffset Local(int month, int day, int hour = 8) => new(2026, month, day, hour, 0, 0, VietnamTime.Offset);

    private ICommuneGrain Commune(string code) => fixture.Grains.GetGrain<ICommuneGrain>(code);

    [Fact]
    public async Task A_periodic_session_with_enough_notice_is_scheduled_with_its_notice_deadline()
    {
        var result = await Commune("20260").ScheduleAsync(Drafts.Periodic(Local(11, 20)));

        Assert.True(result.Succeeded, result.Problem?.Message);
        var session = result.Value!;
        Assert.Equal(SessionStatus.Scheduled, session.Status);
        Assert.Equal(Local(11, 13), session.NoticeDeadline);
        Assert.Equal("Chủ tịch UBND phường Cẩm Lệ", session.Chair);
        var stored = await Commune("20260").GetSessionAsync(session.Id);
        Assert.Equal((session.Id, session.StartsAt, session.NoticeDeadline), (stored!.Id, stored.StartsAt, stored.NoticeDeadline));
        Assert.Equal([SessionChangeKind.Scheduled], stored.History.Select(h => h.Kind));
    }

    [Fact]
    public async Task A_session_with_too_little_notice_is_refused_with_the_earliest_allowed_start_and_nothing_is_kept()
    {
        var result = await Commune("19009").ScheduleAsync(Drafts.Periodic(Local(11, 6)));

        Assert.Equal(ProblemKind.NoticeTooShort, result.Problem?.Kind);
        Assert.Equal(Now.AddDays(7), result.Problem!.EarliestAllowedStart);
        Assert.Contains("09:00 ngày 09/11/2026", result.Problem.Message, StringComparison.Ordinal);
        Assert.Empty(await Commune("19009").ListSessionsAsync(null, null));
    }

    [Fact]
    public async Task An_urgent_session_needs_no_notice_but_must_say_why()
    {
        var withoutReason = await Commune("00634").ScheduleAsync(Drafts.Urgent(Now.AddHours(3)) with { UrgentReason = null });
        Assert.Equal(ProblemKind.Invalid, withoutReason.Problem?.Kind);
        Assert.Contains("urgentReason", withoutReason.Problem!.Errors!.Keys);

        var urgent = await Commune("00634").ScheduleAsync(Drafts.Urgent(Now.AddHours(3)));
        Assert.True(urgent.Succeeded, urgent.Problem?.Message);
        Assert.Equal("Sạt lở đe dọa 20 hộ dân, cần thống nhất phương án di dời", urgent.Value!.UrgentReason);
        Assert.Single(await Commune("00634").ListSessionsAsync(null, null));
    }

    [Fact]
    public async Task Plan_004_urgent_only_when_ordinary_notice_cannot_be_met()
    {
        // Ten days ahead, seven days' notice can still be given: schedule it as a periodic or thematic dialogue.
        var refused = await Commune("00637").ScheduleAsync(Drafts.Urgent(Now.AddDays(10)));
        Assert.Equal(ProblemKind.PolicyViolation, refused.Problem?.Kind);
        Assert.Contains("định kỳ hoặc chuyên đề", refused.Problem!.Message, StringComparison.Ordinal);
        Assert.Empty(await Commune("00637").ListSessionsAsync(null, null));

        // Six days ahead the notice deadline has passed: urgent is the only way, and allowed.
        Assert.True((await Commune("00637").ScheduleAsync(Drafts.Urgent(Now.AddDays(6)))).Succeeded);
    }

    [Fact]
    public async Task A_commune_stricter_than_its_province_counts_working_days_and_Culture_Day()
    {
        // Thượng Hồng: 7 working days. From Monday 2/11, the working days run 3–6, 9–12 → earliest Thursday 12/11.
        var policy = await Commune("10993").SetNoticePolicyAsync(new NoticePolicy(7, NoticeDayKind.Working));
        Assert.True(policy.Succeeded, policy.Problem?.Message);
        Assert.Equal([new NoticePolicy(7, NoticeDayKind.Working)], policy.Value!.EffectivePolicies);

        var tooSoon = await Commune("10993").ScheduleAsync(Drafts.Periodic(Local(11, 10)));
        Assert.Equal(ProblemKind.NoticeTooShort, tooSoon.Problem?.Kind);
        Assert.Equal(Local(11, 11, 9), tooSoon.Problem!.EarliestAllowedStart);

        // A session on Wednesday 25/11: seven working days back skip the weekends and Culture Day (24/11).
        var scheduled = await Commune("10993").ScheduleAsync(Drafts.Periodic(Local(11, 25)));
        Assert.Equal(Local(11, 13), scheduled.Value!.NoticeDeadline);
    }

    [Fact]
    public async Task A_commune_may_not_loosen_its_province_rule()
    {
        var result = await Commune("10714").SetNoticePolicyAsync(new NoticePolicy(5, NoticeDayKind.Calendar));

        Assert.Equal(ProblemKind.PolicyViolation, result.Problem?.Kind);
        Assert.Null((await Commune("10714").GetInfoAsync()).OwnPolicy);
    }

    [Fact]
    public async Task A_province_default_binds_its_communes()
    {
        // Cao Bằng (04) requires 10 days; its commune 01273 may not hold a session 8 days ahead.
        var province = fixture.Grains.GetGrain<IProvinceGrain>("04");
        Assert.True((await province.SetNoticePolicyAsync(new NoticePolicy(10, NoticeDayKind.Calendar))).Succeeded);
        var commune = fixture.Grains.GetGrain<ICommuneGrain>(FirstCommuneOf("04"));

        var refused = await commune.ScheduleAsync(Drafts.Periodic(Now.AddDays(8)));
        Assert.Equal(ProblemKind.NoticeTooShort, refused.Problem?.Kind);
        Assert.Equal(Now.AddDays(10), refused.Problem!.EarliestAllowedStart);
        Assert.Equal(new NoticePolicy(10, NoticeDayKind.Calendar), (await commune.GetInfoAsync()).ProvinceDefault);
    }

    [Fact]
    public async Task Plan_004_an_official_holiday_list_changes_the_working_day_count_and_recounts_stored_deadlines()
    {
        // Province 08 counts 7 working days. The official 2026 list adds Friday 27/11 as a day off.
        var province = fixture.Grains.GetGrain<IProvinceGrain>("08");
        Assert.True((await province.SetNoticePolicyAsync(new NoticePolicy(7, NoticeDayKind.Working))).Succeeded);
        var commune = Commune(FirstCommuneOf("08"));
        var before = await commune.ScheduleAsync(Drafts.Periodic(Local(12, 2), venue: "Hội trường A"));
        Assert.Equal(Local(11, 20), before.Value!.NoticeDeadline); // 2/12 ← 1/12, 30/11, 27/11, 26/11, 25/11, (24/11 off) 23/11, 20/11

        var holidays = fixture.Grains.GetGrain<IHolidayCalendarGrain>(2026);
        var official = (await holidays.GetAsync()).Days.Append(new PublicHoliday(new DateOnly(2026, 11, 27), "Nghỉ theo thông báo")).ToList();
        var change = await holidays.ReplaceAsync(official);
        Assert.True(change.Succeeded);
        var after = await commune.ScheduleAsync(Drafts.Periodic(Local(12, 2), venue: "Hội trường B"));
        Assert.Equal(Local(11, 19), after.Value!.NoticeDeadline); // 27/11 off, 24/11 off: back to 19/11

        // The session scheduled under the old list is counted again (issue 25: stored deadlines follow a changed list),
        // and its history says why, for the office's notice.
        Assert.True(change.Value!.NoticeDeadlinesMoved >= 1);
        var recounted = (await commune.GetSessionAsync(before.Value.Id))!;
        Assert.Equal(Local(11, 19), recounted.NoticeDeadline);
        var entry = recounted.History[^1];
        Assert.Equal(SessionChangeKind.DeadlineRecounted, entry.Kind);
        Assert.Equal((Local(11, 20), Local(11, 19)), (entry.PreviousDeadline, entry.NewDeadline));

        Assert.True((await holidays.GetAsync()).IsOfficialList);
        await holidays.ReplaceAsync(VietnamPublicHolidays.Default(2026)); // leave the year as the other tests expect
    }

    [Fact]
    public async Task A_holiday_list_with_dates_of_another_year_is_refused_and_changes_nothing()
    {
        var holidays = fixture.Grains.GetGrain<IHolidayCalendarGrain>(2031);
        var result = await holidays.ReplaceAsync([new PublicHoliday(new DateOnly(2030, 12, 31), "Sai năm")]);

        Assert.Equal(ProblemKind.Invalid, result.Problem?.Kind);
        Assert.False((await holidays.GetAsync()).IsOfficialList);
    }

    [Fact]
    public async Task Two_sessions_may_not_overlap_at_one_venue_until_one_is_cancelled()
    {
        var commune = Commune("00004");
        var first = (await commune.ScheduleAsync(Drafts.Periodic(Local(11, 20)))).Value!;

        var clash = await commune.ScheduleAsync(Drafts.Thematic(Local(11, 20, 9), TargetGroup.Youth, venue: " hội trường  UBND "));
        Assert.Equal(ProblemKind.Clash, clash.Problem?.Kind);
        Assert.Equal(first.Id, clash.Problem!.ConflictingSessionId);

        var elsewhere = await commune.ScheduleAsync(Drafts.Thematic(Local(11, 20, 9), TargetGroup.Youth));
        Assert.True(elsewhere.Succeeded);

        Assert.True((await commune.CancelAsync(first.Id, "Trùng lịch tiếp xúc cử tri")).Succeeded);
        var afterCancel = await commune.ScheduleAsync(Drafts.Thematic(Local(11, 20, 9), TargetGroup.Women, venue: "Hội trường UBND"));
        Assert.True(afterCancel.Succeeded, afterCancel.Problem?.Message);
    }

    [Fact]
    public async Task Rescheduling_rechecks_the_notice_and_keeps_the_history()
    {
        var commune = Commune("00008");
        var session = (await commune.ScheduleAsync(Drafts.Periodic(Local(11, 20)))).Value!;

        var tooSoon = await commune.RescheduleAsync(session.Id, Local(11, 5), "Lãnh đạo bận họp");
        Assert.Equal(ProblemKind.NoticeTooShort, tooSoon.Problem?.Kind);
        var noReason = await commune.RescheduleAsync(session.Id, Local(11, 27), " ");
        Assert.Equal(ProblemKind.Invalid, noReason.Problem?.Kind);
        Assert.Equal(Local(11, 20), (await commune.GetSessionAsync(session.Id))!.StartsAt);

        var moved = await commune.RescheduleAsync(session.Id, Local(11, 27), "Lãnh đạo bận họp");
        Assert.True(moved.Succeeded, moved.Problem?.Message);
        Assert.Equal(Local(11, 20), moved.Value!.NoticeDeadline);
        var change = moved.Value.History[^1];
        Assert.Equal((SessionChangeKind.Rescheduled, Local(11, 20), Local(11, 27), "Lãnh đạo bận họp"),
            (change.Kind, change.PreviousStart, change.NewStart, change.Reason));
    }

    [Fact]
    public async Task An_urgent_session_may_be_moved_to_a_few_hours_ahead()
    {
        var commune = Commune("00025");
        var urgent = (await commune.ScheduleAsync(Drafts.Urgent(Now.AddHours(6)))).Value!;

        var moved = await commune.RescheduleAsync(urgent.Id, Now.AddHours(2), "Nước lên nhanh, họp sớm hơn");
        Assert.True(moved.Succeeded, moved.Problem?.Message);
        Assert.Equal(VietnamTime.ToLocal(Now.AddHours(2)), moved.Value!.StartsAt);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_and_happens_once()
    {
        var commune = Commune("00070");
        var session = (await commune.ScheduleAsync(Drafts.Periodic(Local(11, 20)))).Value!;

        Assert.Equal(ProblemKind.Invalid, (await commune.CancelAsync(session.Id, "")).Problem?.Kind);
        var cancelled = await commune.CancelAsync(session.Id, "Bão số 15 đổ bộ");
        Assert.Equal((SessionStatus.Cancelled, "Bão số 15 đổ bộ"), (cancelled.Value!.Status, cancelled.Value.CancelReason));
        Assert.Equal(ProblemKind.WrongState, (await commune.CancelAsync(session.Id, "Lần nữa")).Problem?.Kind);
        Assert.Equal(ProblemKind.WrongState, (await commune.RescheduleAsync(session.Id, Local(11, 27), "Lý do")).Problem?.Kind);
        Assert.Equal(ProblemKind.NotFound, (await commune.CancelAsync("2026-9999", "Không có")).Problem?.Kind);
    }

    [Fact]
    public async Task Sessions_are_listed_by_start_within_the_range_asked()
    {
        var commune = Commune("00082");
        await commune.ScheduleAsync(Drafts.Periodic(Local(12, 10)));
        await commune.ScheduleAsync(Drafts.Periodic(Local(11, 20)));
        await commune.ScheduleAsync(Drafts.Urgent(Now.AddHours(5)));

        var all = await commune.ListSessionsAsync(null, null);
        Assert.Equal([Now.AddHours(5), Local(11, 20), Local(12, 10)], all.Select(s => s.StartsAt));
        var november = await commune.ListSessionsAsync(Local(11, 10, 0), Local(12, 1, 0));
        Assert.Equal([Local(11, 20)], november.Select(s => s.StartsAt));
    }

    private static string FirstCommuneOf(string provinceCode) =>
        Domain.AdminUnits.AdminUnitRegistry.Official.FindProvince(provinceCode)!.Communes[0].Code;
}
