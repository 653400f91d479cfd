using System.Globalization;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;
using DoiThoai.Grains.Timing;
using Quartz;

namespace DoiThoai.Silo.Jobs;

/// <summary>Makes the messages of the notices a change of a session called for, in order (<see cref="NoticesJob"/>).</summary>
public sealed class ExpandNoticesJob(IGrainFactory grains, TimeProvider clock, ILogger<ExpandNoticesJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", Notices = "notices";

    /// <summary>The notices as "Kind" or "Kind:history entry", comma-separated (a publish never carries a deadline).</summary>
    internal static JobDataMap Data(NoticesJob job) => new()
    {
        [Session] = job.SessionKey,
        [Notices] = string.Join(',', job.Notices.Select(n => n.HistoryIndex is { } index ? string.Create(CultureInfo.InvariantCulture, $"{n.Kind}:{index}") : n.Kind.ToString())),
    };

    protected override async Task RunAsync(JobDataMap data)
    {
        var notices = grains.GetGrain<ISessionNoticeGrain>(Text(data, Session));
        foreach (var part in Text(data, Notices).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (kind, index) = part.Split(':') is [var k, var i] ? (k, (int?)int.Parse(i, CultureInfo.InvariantCulture)) : (part, null);
            await notices.ExpandAsync(new SessionNotice(Enum.Parse<SessionNoticeKind>(kind), index));
        }
    }
}

/// <summary>The office's warning before the notice deadline, if invitations are still out (<see cref="DeadlineCheckJob"/>).</summary>
public sealed class CheckNoticeDeadlineJob(IGrainFactory grains, TimeProvider clock, ILogger<CheckNoticeDeadlineJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", Deadline = "deadline";

    internal static JobDataMap Data(DeadlineCheckJob job) => new()
    {
        [Session] = job.SessionKey, [Deadline] = job.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    };

    protected override Task RunAsync(JobDataMap data) =>
        grains.GetGrain<ISessionNoticeGrain>(Text(data, Session))
            .ExpandAsync(SessionNotice.DeadlineCheck(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Text(data, Deadline), CultureInfo.InvariantCulture))));
}

/// <summary>A session's preparation checks from the job's time to now (<see cref="PreparationChecksJob"/>).</summary>
public sealed class RunPreparationChecksJob(IGrainFactory grains, TimeProvider clock, ILogger<RunPreparationChecksJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", From = "from";

    internal static JobDataMap Data(PreparationChecksJob job) => new()
    {
        [Session] = job.SessionKey, [From] = job.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    };

    protected override Task RunAsync(JobDataMap data) =>
        grains.GetGrain<ISessionPreparationGrain>(Text(data, Session))
            .RunChecksAsync(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Text(data, From), CultureInfo.InvariantCulture)));
}

/// <summary>The hamlet heads' reminder or the office's alert about invitees' names (<see cref="InviteesCheckJob"/>).</summary>
public sealed class InviteesCheckRunJob(IGrainFactory grains, TimeProvider clock, ILogger<InviteesCheckRunJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", Deadline = "deadline", Alert = "alert";

    internal static JobDataMap Data(InviteesCheckJob job) => new() { [Session] = job.SessionKey, [Deadline] = Of(job.Check.Deadline), [Alert] = Of(job.Check.Alert) };

    protected override Task RunAsync(JobDataMap data) =>
        grains.GetGrain<ISessionInviteesGrain>(Text(data, Session)).RunCheckAsync(new InviteesCheck(Day(data, Deadline), Flag(data, Alert)));
}

/// <summary>A follow-up task's reminder or overdue alert (<see cref="FollowUpCheckJob"/>).</summary>
public sealed class FollowUpCheckRunJob(IGrainFactory grains, TimeProvider clock, ILogger<FollowUpCheckRunJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", FollowUp = "task", Due = "due", Overdue = "overdue";

    internal static JobDataMap Data(FollowUpCheckJob job) => new()
    {
        [Session] = job.SessionKey, [FollowUp] = job.Check.Task, [Due] = Of(job.Check.Due), [Overdue] = Of(job.Check.Overdue),
    };

    protected override Task RunAsync(JobDataMap data) =>
        grains.GetGrain<ISessionResultsGrain>(Text(data, Session)).RunCheckAsync(new FollowUpCheck(Text(data, FollowUp), Day(data, Due), Flag(data, Overdue)));
}

/// <summary>The erasure of a session's speakers' phone numbers (<see cref="SpeakerPhonesErasureJob"/>).</summary>
public sealed class EraseSpeakerPhonesJob(IGrainFactory grains, TimeProvider clock, ILogger<EraseSpeakerPhonesJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session";

    internal static JobDataMap Data(SpeakerPhonesErasureJob job) => new() { [Session] = job.SessionKey };

    protected override Task RunAsync(JobDataMap data) => grains.GetGrain<ISpeakerListGrain>(Text(data, Session)).ErasePhonesAsync();
}

/// <summary>The erasure of petitioners' contact details kept long enough after their answer (<see cref="PetitionContactErasureJob"/>).</summary>
public sealed class ErasePetitionContactsJob(IGrainFactory grains, TimeProvider clock, ILogger<ErasePetitionContactsJob> logger) : GrainJob(clock, logger)
{
    private const string Commune = "commune", Petition = "petition";

    internal static JobDataMap Data(PetitionContactErasureJob job) => new() { [Commune] = job.CommuneCode, [Petition] = job.PetitionId };

    protected override Task RunAsync(JobDataMap data) => grains.GetGrain<IPetitionRegistryGrain>(Text(data, Commune)).EraseContactsAsync();
}

/// <summary>A province's weekly digest to its supervisors (<see cref="WeeklyDigestJob"/>).</summary>
public sealed class SendWeeklyDigestJob(IGrainFactory grains, TimeProvider clock, ILogger<SendWeeklyDigestJob> logger) : GrainJob(clock, logger)
{
    private const string Province = "province";

    internal static JobDataMap Data(WeeklyDigestJob job) => new() { [Province] = job.ProvinceCode };

    protected override Task RunAsync(JobDataMap data) => grains.GetGrain<IProvinceDigestGrain>(Text(data, Province)).SendAsync();
}

/// <summary>A province's reminders to communes without a periodic dialogue (<see cref="PeriodicDialogueRemindersJob"/>).</summary>
public sealed class RemindPeriodicDialogueJob(IGrainFactory grains, TimeProvider clock, ILogger<RemindPeriodicDialogueJob> logger) : GrainJob(clock, logger)
{
    private const string Province = "province";

    internal static JobDataMap Data(PeriodicDialogueRemindersJob job) => new() { [Province] = job.ProvinceCode };

    protected override Task RunAsync(JobDataMap data) => grains.GetGrain<IProvinceInstructionsGrain>(Text(data, Province)).RemindAsync();
}
