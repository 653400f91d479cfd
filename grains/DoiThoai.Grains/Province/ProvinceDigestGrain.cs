using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Province;

[GenerateSerializer, Alias("DoiThoai.ProvinceDigestState")]
public sealed class ProvinceDigestState
{
    [Id(0)] public DayOfWeek Day { get; set; } = DigestSchedule.Default.Day;

    [Id(1)] public TimeOnly At { get; set; } = DigestSchedule.Default.At;

    /// <summary>The supervisors' addresses, kept for the digest only.</summary>
    [Id(2)] public List<string> Recipients { get; set; } = [];

    [Id(3)] public DateTimeOffset? LastSentAt { get; set; }

    [Id(4)] public int LastSentTo { get; set; }
}

/// <summary>
/// A province's weekly digest. Its schedule is a recurring timed job (cron, Vietnam time, working days only), planned
/// while the digest has someone to go to; the digest itself is e-mail through the outbox, one per recipient per day.
/// </summary>
public sealed partial class ProvinceDigestGrain(
    [PersistentState(ProvinceDigestGrain.StateName, GrainStorage.Name)] IPersistentState<ProvinceDigestState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<ProvinceDigestGrain> logger) : Grain, IProvinceDigestGrain
{
    public const string StateName = "province-digest";

    private static readonly TimeSpan ComingWindow = TimeSpan.FromDays(7);

    private string ProvinceCode => this.GetPrimaryKeyString();

    public Task<DigestSettings> GetAsync() => Task.FromResult(View());

    public async Task<CommandResult<DigestSettings>> SetAsync(DigestSettingsDraft draft)
    {
        var errors = DigestSchedule.Check(draft.Day, draft.At, draft.Recipients ?? state.State.Recipients, out var schedule, out var addresses);
        if (errors.Count > 0)
        {
            return CommandResult<DigestSettings>.Fail(new CommandProblem(ProblemKind.Invalid, "Lịch bản tin tuần chưa hợp lệ.", errors));
        }

        state.State.Day = schedule!.Day;
        state.State.At = schedule.At;
        state.State.Recipients = addresses;
        await state.WriteOrReloadAsync(this);

        var job = new WeeklyDigestJob(ProvinceCode, schedule.Cron);
        if (addresses.Count > 0)
        {
            await timedWork.PlanAsync(job);
        }
        else
        {
            await timedWork.DropAsync(job.Key);
        }

        return CommandResult<DigestSettings>.Ok(View());
    }

    public async Task<int> SendAsync()
    {
        if (state.State.Recipients.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var province = registry.FindProvince(ProvinceCode) ?? throw new InvalidOperationException($"Unknown province '{ProvinceCode}'.");
        var provinceGrain = GrainFactory.GetGrain<IProvinceGrain>(ProvinceCode);
        var overview = await provinceGrain.GetOverviewAsync();
        var facts = new DigestFacts(
            province.Name,
            now,
            [.. overview.Upcoming.Where(s => s.StartsAt >= now && s.StartsAt < now + ComingWindow).Select(s => new DigestSession(s.CommuneName, s.Kind, s.Title, s.StartsAt))],
            [.. overview.ResultsLate.Where(r => r.PublishedAt is null).Select(r => new DigestLateResults(r.CommuneName, r.Title, r.StartsAt, r.Due))],
            [.. overview.Communes.Select(c => new DigestCommuneOverdue(c.Name, c.PetitionsOverdue, c.FollowUpsOverdue, c.PreparationOverdue))],
            overview.CommuneCount,
            [.. overview.WithoutPeriodicDialogue.Select(c => c.Name)],
            overview.PeriodicBy);
        var text = WeeklyDigestText.Email(facts);

        // One digest per recipient per day: the job run again (after a crash) queues nothing new.
        var notice = $"weekly-digest-{VietnamTime.LocalDate(now):yyyyMMdd}";
        var added = await outbox.EnqueueAsync([.. state.State.Recipients.Select(address =>
            new OutboxMessage($"{ProvinceCode}/digest", notice, RecipientId(address), DeliveryChannel.Email, now, address, text.Body, text.Subject))]);
        state.State.LastSentAt = now;
        state.State.LastSentTo = state.State.Recipients.Count;
        await state.WriteOrReloadAsync(this);
        LogSent(logger, ProvinceCode, added);
        return added;
    }

    /// <summary>A recipient's id in the outbox: not the address itself, which stays in the address column only.</summary>
    private static string RecipientId(string address) =>
        "supervisor-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())))[..16];

    private DigestSettings View() => new(
        state.State.Day,
        state.State.At.ToString("HH:mm", CultureInfo.InvariantCulture),
        [.. state.State.Recipients.Select(EmailAddress.Mask)],
        state.State.LastSentAt,
        state.State.LastSentTo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest of province {Province}: {Added} e-mails queued")]
    private static partial void LogSent(ILogger logger, string province, int added);
}
