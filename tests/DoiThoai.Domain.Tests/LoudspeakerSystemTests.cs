using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;

namespace DoiThoai.Domain.Tests;

public sealed class LoudspeakerSystemTests
{
    private static readonly LoudspeakerSystem Commune = new([new(5, 30), new(17, 30)],
    [
        new("trung-tam", "Cụm loa trung tâm xã", []),
        new("thon-1-2", "Cụm loa thôn 1 và 2", ["Thôn 1", "Thôn 2"]),
        new("thon-3", "Cụm loa thôn 3", ["Thôn 3"]),
    ]);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, VietnamTime.Offset);

    [Fact]
    public void A_session_for_chosen_hamlets_is_broadcast_on_their_clusters_and_the_commune_wide_one()
    {
        Assert.Equal(["trung-tam", "thon-1-2", "thon-3"], Commune.ClustersFor(Audience.Everyone).Select(c => c.Id));
        Assert.Equal(["trung-tam", "thon-3"], Commune.ClustersFor(new Audience(Hamlets: ["thôn 3"])).Select(c => c.Id));
        Assert.Equal(["trung-tam", "thon-1-2"], Commune.ClustersFor(new Audience(Hamlets: ["Thôn 2"], Roles: [ContactRole.Delegate])).Select(c => c.Id));
    }

    [Fact]
    public void Hamlets_no_cluster_reaches_are_named_once()
    {
        var split = Commune with { Clusters = Commune.Clusters.Skip(1).ToList() };

        Assert.Equal(["Thôn 4"], split.Unreached(["Thôn 1", "Thôn 4", "thôn 4", "Thôn 3"]));
        Assert.Empty(Commune.Unreached(["Thôn 9"]));
    }

    [Fact]
    public void Announcements_follow_the_communes_own_slots()
    {
        var plan = NoticeTimeline.Broadcasts(Local(11, 10, 9), Local(11, 12, 8), Local(11, 5, 8), Commune.Slots, urgent: false);

        Assert.Equal([Local(11, 10, 17, 30), Local(11, 11, 5, 30), Local(11, 11, 17, 30), Local(11, 12, 5, 30)], plan.Slots);
    }

    [Fact]
    public void A_system_without_slots_with_a_seconds_slot_or_with_a_bad_cluster_id_is_refused_with_every_reason()
    {
        Assert.Empty(LoudspeakerSystem.Default.Validate());
        Assert.Empty(Commune.Validate());

        var errors = new LoudspeakerSystem([], [new("Thôn 1", " ", []), new("Thôn 1", "x", [""])]).Validate();
        Assert.Contains(errors, e => e.Contains("giờ phát thanh", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Mã cụm loa 'Thôn 1'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Tên cụm loa", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Danh sách thôn", StringComparison.Ordinal));
        Assert.Contains("Mã cụm loa không được trùng nhau.", errors);
        Assert.Contains("Giờ phát thanh tính đến phút (ví dụ 06:00, 17:30).",
            new LoudspeakerSystem([new(6, 0, 30)], LoudspeakerSystem.Default.Clusters).Validate());
        Assert.Contains("Các giờ phát thanh không được trùng nhau.",
            new LoudspeakerSystem([new(6, 0), new(6, 0)], LoudspeakerSystem.Default.Clusters).Validate());
    }

    [Fact]
    public void The_office_is_warned_a_day_before_the_deadline_or_halfway_when_scheduled_later_and_never_after_it()
    {
        Assert.Equal(Local(11, 12, 8), NoticeTimeline.OfficeDeadlineWarning(Local(11, 13, 8), Local(11, 2, 9)));
        Assert.Equal(Local(11, 13, 2), NoticeTimeline.OfficeDeadlineWarning(Local(11, 13, 8), Local(11, 12, 20)));
        Assert.Null(NoticeTimeline.OfficeDeadlineWarning(Local(11, 13, 8), Local(11, 13, 8)));
    }
}
