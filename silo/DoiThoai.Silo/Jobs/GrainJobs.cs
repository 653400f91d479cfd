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

/// <summary>Turns one notice of a session into its messages (<see cref="NoticeJob"/>).</summary>
public sealed class ExpandNoticeJob(IGrainFactory grains, TimeProvider clock, ILogger<ExpandNoticeJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", Kind = "kind", History = "history", Deadline = "deadline";

    internal static JobDataMap Data(NoticeJob job)
    {
        var data = new JobDataMap { [Session] = job.SessionKey, [Kind] = job.Notice.Kind.ToString() };
        if (job.Notice.HistoryIndex is { } index)
        {
            data[History] = index.ToString(CultureInfo.InvariantCulture);
        }

        if (job.Notice.Deadline is { } deadline)
        {
            data[Deadline] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }

    protected override Task RunAsync(JobDataMap data)
    {
        var notice = new SessionNotice(
            Enum.Parse<SessionNoticeKind>(Text(data, Kind)),
            data.TryGetString(History, out var index) && index is not null ? int.Parse(index, CultureInfo.InvariantCulture) : null,
            data.TryGetString(Deadline, out var deadline) && deadline is not null ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(deadline, CultureInfo.InvariantCulture)) : null);
        return grains.GetGrain<ISessionNoticeGrain>(Text(data, Session)).ExpandAsync(notice);
    }
}

/// <summary>A preparation milestone's reminder or overdue alert (<see cref="MilestoneCheckJob"/>).</summary>
public sealed class MilestoneCheckRunJob(IGrainFactory grains, TimeProvider clock, ILogger<MilestoneCheckRunJob> logger) : GrainJob(clock, logger)
{
    private const string Session = "session", Milestone = "milestone", Due = "due", Overdue = "overdue";

    internal static JobDataMap Data(MilestoneCheckJob job) => new()
    {
        [Session] = job.SessionKey, [Milestone] = job.Check.Milestone, [Due] = Of(job.Check.Due), [Overdue] = Of(job.Check.Overdue),
    };

    protected override Task RunAsync(JobDataMap data) =>
        grains.GetGrain<ISessionPreparationGrain>(Text(data, Session)).RunCheckAsync(new MilestoneCheck(Text(data, Milestone), Day(data, Due), Flag(data, Overdue)));
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
