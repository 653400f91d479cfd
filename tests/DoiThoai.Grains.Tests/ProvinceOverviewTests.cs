using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Tests;

/// <summary>The province's view of its communes, and what survives a stop of the whole cluster.</summary>
public sealed class ProvinceOverviewTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string HoChiMinhCity = "79";

    private static readonly Domain.AdminUnits.Province Province = AdminUnitRegistry.Official.FindProvince(HoChiMinhCity)!;

    private ICommuneGrain Commune(int index) => fixture.Grains.GetGrain<ICommuneGrain>(Province.Communes[index].Code);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task The_province_sees_upcoming_sessions_urgent_ones_and_communes_without_a_periodic_dialogue_even_after_a_full_restart()
    {
        Assert.Equal(168, Province.Communes.Count);
        var periodic = (await Commune(0).ScheduleAsync(Drafts.Periodic(Now.AddDays(10)))).Value!;
        await Commune(1).ScheduleAsync(Drafts.Periodic(Now.AddDays(12)));
        await Commune(2).ScheduleAsync(Drafts.Thematic(Now.AddDays(9), TargetGroup.Farmers));
        var urgent = (await Commune(3).ScheduleAsync(Drafts.Urgent(Now.AddHours(4)))).Value!;
        var cancelled = (await Commune(4).ScheduleAsync(Drafts.Periodic(Now.AddDays(20)))).Value!;
        await Commune(4).CancelAsync(cancelled.Id, "Gộp với hội nghị tiếp xúc cử tri");
        // An urgent session more than 7 days ahead (a commune whose own rule asks 10 working days: ordinary notice
        // cannot reach 8 days ahead) is upcoming, but not in the 7-day urgent list.
        Assert.True((await Commune(5).SetNoticePolicyAsync(new NoticePolicy(10, NoticeDayKind.Working))).Succeeded);
        Assert.True((await Commune(5).ScheduleAsync(Drafts.Urgent(Now.AddDays(8)))).Succeeded);

        await AssertOverviewAsync();

        await fixture.RestartAsync();

        await AssertOverviewAsync();

        async Task AssertOverviewAsync()
        {
            var overview = await fixture.Grains.GetGrain<IProvinceGrain>(HoChiMinhCity).GetOverviewAsync();
            Assert.Equal((HoChiMinhCity, 2026, 168), (overview.ProvinceCode, overview.Year, overview.CommuneCount));
            Assert.Equal(new KindCounts(2, 1, 2), overview.UpcomingByKind);
            Assert.Equal(urgent.StartsAt, overview.Upcoming[0].StartsAt);
            Assert.Equal([(Province.Communes[3].Code, urgent.Id)], overview.UrgentNext7Days.Select(s => (s.CommuneCode, s.SessionId)));
            Assert.Equal(Province.Communes[3].Name, overview.UrgentNext7Days[0].CommuneName);
            Assert.Equal(166, overview.WithoutPeriodicDialogue.Count);
            Assert.DoesNotContain(overview.WithoutPeriodicDialogue, c => c.Code == Province.Communes[0].Code || c.Code == Province.Communes[1].Code);
            Assert.Contains(overview.WithoutPeriodicDialogue, c => c.Code == Province.Communes[4].Code);
            Assert.Equal(periodic.Id, (await Commune(0).GetSessionAsync(periodic.Id))!.Id);
        }
    }
}
