using System.Globalization;
using System.Text.RegularExpressions;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// Moves the timed jobs an earlier version kept as outbox rows (channel "Plan") into the job scheduler, once, at start:
/// a row still waiting becomes its typed job at its time (one already due runs at once); every notice the earlier
/// version published is remembered by the session's notice grain, so publishing it again does not run it again; then
/// the rows go. Each step may run twice (a crash, two silos at once) without harm. The earlier version's naming of
/// its rows is read here and nowhere else.
/// </summary>
public static partial class LegacyPlanRows
{
    private const int Batch = 500;

    /// <summary>Moves every legacy row; returns how many rows were moved and how many became waiting jobs.</summary>
    public static async Task<(int Rows, int Jobs)> MigrateAsync(IDeliveryOutbox outbox, ITimedWork timedWork, IGrainFactory grains)
    {
        var (rows, jobs) = (0, 0);
        var planned = new HashSet<TimedJobKey>(); // rows come earliest first: a session's preparation checks start from its earliest
        while (await outbox.LegacyPlanRowsAsync(Batch) is { Count: > 0 } batch)
        {
            var read = batch.Select(row => (Row: row, Job: Read(row))).ToList();
            var waiting = read.Where(r => r.Row.Status == DeliveryStatus.Pending && r.Job is not null && planned.Add(r.Job.Key)).Select(r => r.Job!).ToList();
            await timedWork.PlanAsync(waiting);
            foreach (var session in read.Select(r => r.Job).OfType<NoticesJob>().GroupBy(j => j.SessionKey))
            {
                await grains.GetGrain<ISessionNoticeGrain>(session.Key).AdoptPublishedAsync([.. session.SelectMany(j => j.Notices)]);
            }

            await outbox.DeleteLegacyPlanRowsAsync([.. batch.Select(r => r.Id)]);
            (rows, jobs) = (rows + batch.Count, jobs + waiting.Count);
        }

        return (rows, jobs);
    }

    /// <summary>The typed job an earlier version's row stood for; null for a row no version ever wrote.</summary>
    public static TimedJob? Read(LegacyPlanRow row)
    {
        var name = row.Name.StartsWith("plan-", StringComparison.Ordinal) ? row.Name["plan-".Length..] : row.Name;
        var parts = row.Key.Split('/');
        if (parts is [var commune, "petitions"])
        {
            return name.StartsWith("erase-contact-", StringComparison.Ordinal)
                ? new PetitionContactErasureJob(commune, name["erase-contact-".Length..], row.DueAt)
                : null;
        }

        if (parts.Length == 3)
        {
            var session = $"{parts[0]}/{parts[1]}";
            return (parts[2], DayAndRest().Match(name)) switch
            {
                ("preparation", { Success: true } m) when m.Groups["kind"].Value is "milestone-remind-" or "milestone-overdue-" && m.Groups["rest"].Value.Length > 0 =>
                    new PreparationChecksJob(session, row.DueAt),
                ("invitees", { Success: true } m) when m.Groups["kind"].Value is "remind-" or "short-" && m.Groups["rest"].Value.Length == 0 =>
                    new InviteesCheckJob(session, new InviteesCheck(Day(m), m.Groups["kind"].Value == "short-"), row.DueAt),
                ("results", { Success: true } m) when m.Groups["kind"].Value is "followup-remind-" or "followup-overdue-" =>
                    new FollowUpCheckJob(session, new FollowUpCheck(m.Groups["rest"].Value, Day(m), m.Groups["kind"].Value == "followup-overdue-"), row.DueAt),
                ("speakers", _) => new SpeakerPhonesErasureJob(session, row.DueAt),
                _ => null,
            };
        }

        return parts.Length == 2 && Notice(name) is { } notice
            ? notice.Kind == SessionNoticeKind.DeadlineCheck ? new DeadlineCheckJob(row.Key, notice.Deadline!.Value, row.DueAt) : new NoticesJob(row.Key, [notice], row.DueAt)
            : null;
    }

    private static SessionNotice? Notice(string name)
    {
        if (SessionNotice.OnSchedule.FirstOrDefault(n => n.Name == name) is { } onSchedule)
        {
            return onSchedule;
        }

        if (DeadlineCheckName().Match(name) is { Success: true } check)
        {
            var day = DateOnly.ParseExact(check.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture);
            var time = TimeOnly.ParseExact(check.Groups["time"].Value, "HHmm", CultureInfo.InvariantCulture);
            return SessionNotice.DeadlineCheck(VietnamTime.At(day, time));
        }

        var change = ChangeName().Match(name);
        if (!change.Success)
        {
            return null;
        }

        var index = int.Parse(change.Groups["index"].Value, CultureInfo.InvariantCulture);
        return change.Groups["kind"].Value switch
        {
            "rescheduled-" => SessionNotice.Rescheduled(index),
            "cancelled-" => SessionNotice.Cancelled(index),
            "deadline-recounted-" => SessionNotice.DeadlineRecounted(index),
            _ => SessionNotice.Held(index),
        };
    }

    private static DateOnly Day(Match match) => DateOnly.ParseExact(match.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<kind>[a-z-]+-)(?<day>\d{8})(-(?<rest>.+))?$")]
    private static partial Regex DayAndRest();

    [GeneratedRegex(@"^deadline-check-(?<day>\d{8})-(?<time>\d{4})$")]
    private static partial Regex DeadlineCheckName();

    [GeneratedRegex(@"^(?<kind>rescheduled-|cancelled-|deadline-recounted-|held-)(?<index>[1-9]\d*)$")]
    private static partial Regex ChangeName();
}
