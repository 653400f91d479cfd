using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using DoiThoai.Silo.Jobs;

namespace DoiThoai.Silo.Tests.Jobs;

/// <summary>Every kind of row an earlier version wrote for its timed work, read as the typed job it stood for.</summary>
public sealed class LegacyPlanRowsTests
{
    private static readonly DateTimeOffset Due = new(2027, 6, 8, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, TimedJob> Rows() => new()
    {
        { "03712/2026-0001", "plan-invitation", new NoticesJob("03712/2026-0001", [new SessionNotice(SessionNoticeKind.Invitation)], Due) },
        { "03712/2026-0001", "plan-rescheduled-3", new NoticesJob("03712/2026-0001", [SessionNotice.Rescheduled(3)], Due) },
        { "03712/2026-0001", "plan-deadline-recounted-2", new NoticesJob("03712/2026-0001", [SessionNotice.DeadlineRecounted(2)], Due) },
        { "03712/2026-0001", "plan-held-4", new NoticesJob("03712/2026-0001", [SessionNotice.Held(4)], Due) },
        { "03712/2026-0001", "plan-deadline-check-20270609-0800",
            new DeadlineCheckJob("03712/2026-0001", new DateTimeOffset(2027, 6, 9, 8, 0, 0, TimeSpan.FromHours(7)), Due) },
        { "03712/2026-0001/preparation", "plan-milestone-overdue-20270530-opinions",
            new PreparationChecksJob("03712/2026-0001", Due) },
        { "03712/2026-0001/invitees", "plan-short-20270601", new InviteesCheckJob("03712/2026-0001", new InviteesCheck(new DateOnly(2027, 6, 1), true), Due) },
        { "03712/2026-0001/results", "plan-followup-remind-20270701-road-repair",
            new FollowUpCheckJob("03712/2026-0001", new FollowUpCheck("road-repair", new DateOnly(2027, 7, 1), false), Due) },
        { "03712/2026-0001/speakers", "plan-erase-phones-20270716-0800", new SpeakerPhonesErasureJob("03712/2026-0001", Due) },
        { "03712/petitions", "plan-erase-contact-KN-2026-007", new PetitionContactErasureJob("03712", "KN-2026-007", Due) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_becomes_its_typed_job_at_its_time(string key, string name, TimedJob expected) =>
        Assert.Equal(expected, LegacyPlanRows.Read(new LegacyPlanRow(1, key, name, DeliveryStatus.Pending, Due)));

    [Theory]
    [InlineData("03712/2026-0001", "plan-something-else")]
    [InlineData("03712/2026-0001/preparation", "plan-milestone-remind-2027-05-30")]
    [InlineData("03712/2026-0001/unknown", "plan-x-20270101")]
    public void A_row_no_version_wrote_is_left_unread(string key, string name) =>
        Assert.Null(LegacyPlanRows.Read(new LegacyPlanRow(1, key, name, DeliveryStatus.Pending, Due)));
}
