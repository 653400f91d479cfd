using DoiThoai.Grains.Abstractions;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Tests;

/// <summary>A session's life after scheduling, as the days pass. The clock moves here, so this class has its own cluster.</summary>
public sealed class SessionLifecycleTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string CommuneCode = "10714"; // Phường Nhị Chiểu, Hải Phòng

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task A_session_is_held_once_it_has_started_and_concluded_after_that()
    {
        var commune = fixture.Grains.GetGrain<ICommuneGrain>(CommuneCode);
        var session = (await commune.ScheduleAsync(Drafts.Periodic(Now.AddDays(8)))).Value!;

        var early = await commune.MarkHeldAsync(session.Id);
        Assert.Equal(ProblemKind.WrongState, early.Problem?.Kind);
        Assert.Equal(ProblemKind.WrongState, (await commune.ConcludeAsync(session.Id, "Kết luận")).Problem?.Kind);

        fixture.Clock.Advance(TimeSpan.FromDays(8) + TimeSpan.FromMinutes(30));
        var held = await commune.MarkHeldAsync(session.Id);
        Assert.Equal(SessionStatus.Held, held.Value?.Status);
        Assert.Equal(ProblemKind.WrongState, (await commune.CancelAsync(session.Id, "Quá muộn")).Problem?.Kind);

        var concluded = await commune.ConcludeAsync(session.Id, "Giao phòng Kinh tế trả lời kiến nghị về đường giao thông nội đồng trước 30/12.");
        Assert.Equal(SessionStatus.Concluded, concluded.Value?.Status);
        Assert.Equal(
            [SessionChangeKind.Scheduled, SessionChangeKind.Held, SessionChangeKind.Concluded],
            concluded.Value!.History.Select(h => h.Kind));

        // Held this year: the commune no longer counts among those without a periodic dialogue.
        var overview = await fixture.Grains.GetGrain<IProvinceGrain>("31").GetOverviewAsync();
        Assert.DoesNotContain(overview.WithoutPeriodicDialogue, c => c.Code == CommuneCode);
        Assert.DoesNotContain(overview.Upcoming, s => s.SessionId == session.Id && s.CommuneCode == CommuneCode);
        Assert.Equal(VietnamTime.LocalDate(Now).Year, overview.Year);
    }
}
