using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Storage;
using Orleans.Runtime;

namespace DoiThoai.Grains.Tests;

/// <summary>
/// A change whose caller may stop waiting before the write is known is not written: the caller who times out was
/// told "nothing changed", and that stays true.
/// </summary>
public sealed class CallDeadlineTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private ICommuneGrain Commune(string code) => fixture.Grains.GetGrain<ICommuneGrain>(code);

    [Fact]
    public async Task A_change_reaching_its_grain_too_late_to_be_written_in_time_changes_nothing()
    {
        RequestContext.Clear();
        try
        {
            // A caller who has already waited 20 s of its 30: a write of up to 15 s might land after it gave up.
            CallDeadline.Begin(DateTime.UtcNow - TimeSpan.FromSeconds(20));
            await Assert.ThrowsAsync<StorageUnavailableException>(() =>
                Commune("10003").ScheduleAsync(Drafts.Periodic(ClusterFixture.Start.AddDays(14))));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Empty(await Commune("10003").ListSessionsAsync(null, null));

        // A caller who has just begun is served, by the same grain.
        CallDeadline.Begin(DateTime.UtcNow);
        try
        {
            var result = await Commune("10003").ScheduleAsync(Drafts.Periodic(ClusterFixture.Start.AddDays(14)));
            Assert.True(result.Succeeded, result.Problem?.Message);
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Single(await Commune("10003").ListSessionsAsync(null, null));
    }
}
