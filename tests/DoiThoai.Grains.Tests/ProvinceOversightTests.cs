using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Tests;

/// <summary>
/// What a provincial supervisor checks before the date the province set: who held, who scheduled in time, who
/// scheduled too late, who has nothing; urgent dialogues of the last 30 days; results published late (Điều 43).
/// </summary>
public sealed class ProvinceOversightTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string HaNoi = "01";

    private static readonly Domain.AdminUnits.Province Province = AdminUnitRegistry.Official.FindProvince(HaNoi)!;

    private static readonly DateOnly FifteenthOfDecember = new(2026, 12, 15);

    private ICommuneGrain Commune(int index) => fixture.Grains.GetGrain<ICommuneGrain>(Province.Communes[index].Code);

    private string Code(int index) => Province.Communes[index].Code;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task Each_commune_is_judged_against_the_provinces_date_and_late_results_are_flagged_after_ten_days()
    {
        var held = (await Commune(0).ScheduleAsync(Drafts.Periodic(Now.AddDays(10)))).Value!;            // 12 Nov
        await Commune(1).ScheduleAsync(Drafts.Periodic(new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.FromHours(7))));
        await Commune(2).ScheduleAsync(Drafts.Periodic(new DateTimeOffset(2026, 12, 20, 8, 0, 0, TimeSpan.FromHours(7))));
        var urgent = (await Commune(4).ScheduleAsync(Drafts.Urgent(Now.AddHours(2)))).Value!;            // 2 Nov

        var before = await fixture.Grains.GetGrain<IProvinceGrain>(HaNoi).GetOverviewAsync(FifteenthOfDecember);
        Assert.Equal(FifteenthOfDecember, before.PeriodicBy);
        Assert.Equal(new PeriodicCounts(0, 2, 1, Province.Communes.Count - 3), before.PeriodicCounts);
        Assert.Equal(
            [PeriodicDialogueStatus.Scheduled, PeriodicDialogueStatus.Scheduled, PeriodicDialogueStatus.ScheduledLate, PeriodicDialogueStatus.Missing],
            before.Communes.Take(4).Select(c => c.Periodic));
        Assert.Equal(held.Id, before.Communes[0].PeriodicSessionId);
        Assert.Empty(before.ResultsLate);
        Assert.Empty(before.UrgentLast30Days);

        // The urgent dialogue is held the same morning, the periodic one on 12 November; neither publishes its results.
        fixture.Clock.Advance(TimeSpan.FromHours(3));
        Assert.True((await Commune(4).MarkHeldAsync(urgent.Id)).Succeeded);
        fixture.Clock.SetUtcNow(held.StartsAt.AddHours(2));
        Assert.True((await Commune(0).MarkHeldAsync(held.Id)).Succeeded);

        // 22 November is the periodic dialogue's last day; on the 23rd both are late.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 20, 0, 0, TimeSpan.FromHours(7)));
        var onLastDay = await fixture.Grains.GetGrain<IProvinceGrain>(HaNoi).GetOverviewAsync(FifteenthOfDecember);
        Assert.Equal([(Code(4), urgent.Id)], onLastDay.ResultsLate.Select(r => (r.CommuneCode, r.SessionId)));
        Assert.Equal(new DateOnly(2026, 11, 12), onLastDay.ResultsLate[0].Due);
        Assert.Equal(PeriodicDialogueStatus.Held, onLastDay.Communes[0].Periodic);
        Assert.Equal([(Code(4), urgent.Id)], onLastDay.UrgentLast30Days.Select(s => (s.CommuneCode, s.SessionId)));
        Assert.Equal(1, onLastDay.Communes[4].UrgentLast30Days);

        fixture.Clock.Advance(TimeSpan.FromHours(5));
        var concluded = await Commune(0).ConcludeAsync(held.Id, "Chủ tịch UBND xã kết luận: giao phòng Kinh tế trả lời các kiến nghị trước 15/12.");
        Assert.Null(concluded.Value!.ResultsPublishedAt); // signed is not published: the 10 days still run
        var published = await Commune(0).PublishResultsAsync(held.Id);
        Assert.Equal(1, published.Value!.ConclusionNumber); // the commune's first conclusion notice of the year: Số 1/TB-UBND
        var after = await fixture.Grains.GetGrain<IProvinceGrain>(HaNoi).GetOverviewAsync(FifteenthOfDecember);
        var late = after.ResultsLate.ToDictionary(r => r.SessionId + "@" + r.CommuneCode);
        Assert.Equal(2, late.Count);
        Assert.Equal(new DateOnly(2026, 11, 22), late[held.Id + "@" + Code(0)].Due);
        Assert.NotNull(late[held.Id + "@" + Code(0)].PublishedAt); // published, but a day late: still flagged
        Assert.Null(late[urgent.Id + "@" + Code(4)].PublishedAt);
        Assert.Equal(1, after.Communes[0].ResultsLate);

        // Forty days on, the urgent dialogue has left the 30-day window; a date in the past makes late schedules count.
        fixture.Clock.Advance(TimeSpan.FromDays(10));
        var later = await fixture.Grains.GetGrain<IProvinceGrain>(HaNoi).GetOverviewAsync(new DateOnly(2026, 12, 31));
        Assert.Empty(later.UrgentLast30Days);
        Assert.Equal(new PeriodicCounts(1, 2, 0, Province.Communes.Count - 3), later.PeriodicCounts);
    }
}
