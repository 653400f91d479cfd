using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Province;

[GenerateSerializer, Alias("DoiThoai.ProvinceState")]
public sealed class ProvinceState
{
    [Id(0)] public NoticePolicy NoticePolicy { get; set; } = NoticePolicy.LegalDefault;

    [Id(1)] public SmsTextPolicy SmsTextPolicy { get; set; } = SmsTextPolicy.Gsm7WithoutDiacritics;

    /// <summary>What an earlier version kept here; handed to the province's instructions grain once.</summary>
    [Id(2)] public List<Instruction> Instructions { get; set; } = [];

    /// <summary>The dates set by the province's dated instructions, in the order they were issued.</summary>
    [Id(3)] public List<DateOnly> PeriodicDeadlines { get; set; } = [];
}

/// <summary>
/// Oversees the communes of one province. It keeps each commune's calendar report in memory: communes push a new
/// report after every change, and on its first overview after activation the province asks every commune once.
/// </summary>
public sealed partial class ProvinceGrain(
    [PersistentState(ProvinceGrain.StateName, GrainStorage.Name)] IPersistentState<ProvinceState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<ProvinceGrain> logger) : Grain, IProvinceGrain
{
    public const string StateName = "province";
    private static readonly TimeSpan UrgentWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan DeliveryWindow = TimeSpan.FromDays(30);
    private static readonly TimeSpan RecentUrgentWindow = TimeSpan.FromDays(30);

    private readonly Dictionary<string, CommuneCalendarReport> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PetitionReport> _petitions = new(StringComparer.Ordinal);
    private bool _petitionsGathered;
    private Domain.AdminUnits.Province? _province;
    private bool _gathered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _province = registry.FindProvince(this.GetPrimaryKeyString())
            ?? throw new InvalidOperationException($"Unknown province code '{this.GetPrimaryKeyString()}'.");
        return Task.CompletedTask;
    }

    public Task<NoticePolicy> GetNoticePolicyAsync() => Task.FromResult(state.State.NoticePolicy);

    public async Task<CommandResult<NoticePolicy>> SetNoticePolicyAsync(NoticePolicy policy)
    {
        var errors = NoticePolicy.Validate(policy.MinimumNoticeDays);
        if (errors.Count > 0)
        {
            return CommandResult<NoticePolicy>.Fail(new CommandProblem(
                ProblemKind.Invalid, "Quy định thời hạn thông báo chưa hợp lệ.",
                new Dictionary<string, string[]> { ["minimumNoticeDays"] = [.. errors] }));
        }

        if (NoticePolicy.ProvinceProblem(policy) is { } problem)
        {
            return CommandResult<NoticePolicy>.Fail(ProblemKind.PolicyViolation, problem);
        }

        state.State.NoticePolicy = policy;
        await state.WriteOrReloadAsync(this);

        return CommandResult<NoticePolicy>.Ok(policy);
    }

    public Task<SmsTextPolicy> GetSmsTextPolicyAsync() => Task.FromResult(state.State.SmsTextPolicy);

    public async Task<SmsTextPolicy> SetSmsTextPolicyAsync(SmsTextPolicy policy)
    {
        state.State.SmsTextPolicy = policy;
        await state.WriteOrReloadAsync(this);

        return policy;
    }

    public Task ReportAsync(CommuneCalendarReport report)
    {
        Accept(report);
        return Task.CompletedTask;
    }

    public async Task<ProvinceOverview> GetOverviewAsync(DateOnly? periodicBy = null)
    {
        var province = _province!;
        if (!_gathered)
        {
            await GatherAsync(province);
        }

        await GatherPetitionsAsync(province);

        var now = time.GetUtcNow();
        var year = VietnamTime.LocalDate(now).Year;
        var by = periodicBy ?? DefaultPeriodicBy(year);
        var names = province.Communes.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var sessions = _reports.Values.SelectMany(r => r.Sessions).ToList();

        var upcoming = sessions
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt.AddMinutes(s.DurationMinutes) > now)
            .OrderBy(s => s.StartsAt)
            .Select(s => ToOverview(s, names))
            .ToList();
        var urgent = sessions
            .Where(s => s.Kind == SessionKind.Urgent && s.Status != SessionStatus.Cancelled
                && s.StartsAt.AddMinutes(s.DurationMinutes) > now && s.StartsAt <= now + UrgentWindow)
            .OrderBy(s => s.StartsAt)
            .Select(s => ToOverview(s, names))
            .ToList();
        var urgentPast = sessions
            .Where(s => s.Kind == SessionKind.Urgent && s.Status != SessionStatus.Cancelled
                && s.StartsAt <= now && s.StartsAt > now - RecentUrgentWindow)
            .OrderByDescending(s => s.StartsAt)
            .Select(s => ToOverview(s, names))
            .ToList();
        var lateResults = sessions
            .Where(s => Oversight.ResultsLate(s.Status, s.StartsAt, s.ResultsPublishedAt, now))
            .OrderBy(s => s.StartsAt)
            .Select(s => new LateResults(s.CommuneCode, names.GetValueOrDefault(s.CommuneCode, s.CommuneCode), s.SessionId, s.Title,
                s.StartsAt, Oversight.ResultsDue(s.StartsAt), s.ResultsPublishedAt))
            .ToList();

        var today = VietnamTime.LocalDate(now);
        var communes = province.Communes.Select(c =>
        {
            var report = _reports.GetValueOrDefault(c.Code);
            var periodic = PeriodicOf(c.Code, year);
            var petitions = _petitions.GetValueOrDefault(c.Code);
            return new CommuneOversight(
                c.Code,
                c.Name,
                Oversight.PeriodicStatus(periodic.Select(s => (s.Status, s.StartsAt)), by),
                periodic.FirstOrDefault()?.SessionId,
                periodic.FirstOrDefault()?.StartsAt,
                urgentPast.Count(s => s.CommuneCode == c.Code),
                lateResults.Count(s => s.CommuneCode == c.Code),
                petitions?.Open ?? 0,
                petitions?.OwedBy.Count(d => d < today) ?? 0,
                report?.DialogueRequestsOwed ?? 0,
                report?.Sessions.Where(s => s.Status == SessionStatus.Scheduled).Sum(s => s.PreparationOwed?.Count(d => d < today) ?? 0) ?? 0,
                report?.Sessions.Where(s => VietnamTime.LocalDate(s.StartsAt).Year == year).Sum(s => s.InviteesChosenLate) ?? 0,
                report?.Sessions.Sum(s => s.FollowUpsOwed?.Count ?? 0) ?? 0,
                report?.Sessions.Sum(s => s.FollowUpsOwed?.Count(d => d < today) ?? 0) ?? 0);
        }).ToList();

        return new ProvinceOverview(
            province.Code,
            province.Name,
            year,
            now,
            province.Communes.Count,
            new KindCounts(
                upcoming.Count(s => s.Kind == SessionKind.Periodic),
                upcoming.Count(s => s.Kind == SessionKind.Thematic),
                upcoming.Count(s => s.Kind == SessionKind.Urgent)),
            upcoming,
            urgent,
            communes.Where(c => c.Periodic == PeriodicDialogueStatus.Missing).Select(c => new CommuneRef(c.Code, c.Name)).ToList(),
            await DeliveryHealthAsync(province, names, now),
            by,
            new PeriodicCounts(
                communes.Count(c => c.Periodic == PeriodicDialogueStatus.Held),
                communes.Count(c => c.Periodic == PeriodicDialogueStatus.Scheduled),
                communes.Count(c => c.Periodic == PeriodicDialogueStatus.ScheduledLate),
                communes.Count(c => c.Periodic == PeriodicDialogueStatus.Missing)),
            communes,
            urgentPast,
            lateResults);
    }

    public async Task<IReadOnlyDictionary<string, PeriodicDialogueStatus>> GetPeriodicStatusesAsync(DateOnly by)
    {
        var province = _province!;
        if (!_gathered)
        {
            await GatherAsync(province);
        }

        return province.Communes.ToDictionary(c => c.Code, c => Oversight.PeriodicStatus(PeriodicOf(c.Code, by.Year).Select(s => (s.Status, s.StartsAt)), by));
    }

    public async Task SetPeriodicDeadlinesAsync(IReadOnlyList<DateOnly> dates)
    {
        if (!state.State.PeriodicDeadlines.SequenceEqual(dates))
        {
            state.State.PeriodicDeadlines = [.. dates];
            await state.WriteOrReloadAsync(this);
        }
    }

    public async Task<IReadOnlyList<Instruction>> TakeLegacyInstructionsAsync()
    {
        var legacy = state.State.Instructions;
        if (legacy.Count > 0)
        {
            state.State.PeriodicDeadlines = [.. legacy.Where(i => i.PeriodicBy is not null).Select(i => i.PeriodicBy!.Value)];
            state.State.Instructions = [];
            await state.WriteOrReloadAsync(this);
        }

        return legacy;
    }

    /// <summary>The date the province's latest dated instruction set for this year, else the end of the year.</summary>
    private DateOnly DefaultPeriodicBy(int year) =>
        state.State.Instructions.Where(i => i.PeriodicBy is not null).Select(i => i.PeriodicBy!.Value) // not yet taken over
            .Concat(state.State.PeriodicDeadlines)
            .LastOrDefault(d => d.Year == year) is { Year: > 1 } by ? by : new DateOnly(year, 12, 31);

    public Task ReportPetitionsAsync(PetitionReport report)
    {
        Accept(report);
        return Task.CompletedTask;
    }

    /// <summary>From the communes' reports (pushed after each change; asked once after activation): no commune is scanned per request.</summary>
    public async Task<ProvincePetitionOverview> GetPetitionOverviewAsync()
    {
        var province = _province!;
        await GatherPetitionsAsync(province);

        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        var names = province.Communes.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        var communes = _petitions.Values
            .Where(r => r.Open > 0)
            .Select(r => new CommunePetitions(r.CommuneCode, names.GetValueOrDefault(r.CommuneCode, r.CommuneCode), r.Open,
                r.OwedBy.Count(d => d < today), r.Escalated, r.OwedBy.Count > 0 ? r.OwedBy[0] : null))
            .OrderByDescending(c => c.Overdue).ThenBy(c => c.OldestOwedBy ?? DateOnly.MaxValue).ThenBy(c => c.CommuneCode, StringComparer.Ordinal)
            .ToList();
        return new ProvincePetitionOverview(province.Code, now, communes.Sum(c => c.Open), communes.Sum(c => c.Overdue), communes.Sum(c => c.Escalated), communes);
    }

    private void Accept(PetitionReport report)
    {
        if (!_petitions.TryGetValue(report.CommuneCode, out var known) || known.Version < report.Version)
        {
            _petitions[report.CommuneCode] = report;
        }
    }

    /// <summary>Counted by the outbox in one grouped query for the province's communes, not commune by commune.</summary>
    private async Task<IReadOnlyList<CommuneDeliveryHealth>> DeliveryHealthAsync(Domain.AdminUnits.Province province, Dictionary<string, string> names, DateTimeOffset now)
    {
        var counts = await outbox.CountByCommuneAsync(names.Keys, now - DeliveryWindow);
        return counts
            .GroupBy(c => c.CommuneCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(commune => new CommuneDeliveryHealth(commune.Key, names.GetValueOrDefault(commune.Key, commune.Key), commune
                .GroupBy(c => c.Channel)
                .OrderBy(g => g.Key)
                .Select(g => DeliveryTally.Of(g.Key, g.Select(c => (c.Status, c.Count))))
                .ToList()))
            .ToList();
    }

    private async Task GatherPetitionsAsync(Domain.AdminUnits.Province province)
    {
        if (_petitionsGathered)
        {
            return;
        }

        var reports = await Task.WhenAll(province.Communes.Select(c => GrainFactory.GetGrain<IPetitionRegistryGrain>(c.Code).GetReportAsync()));
        foreach (var report in reports)
        {
            Accept(report);
        }

        _petitionsGathered = true;
    }

    private async Task GatherAsync(Domain.AdminUnits.Province province)
    {
        // Commune reports interleave with this (ReportAsync is AlwaysInterleave), so no call waits on another.
        var reports = await Task.WhenAll(province.Communes.Select(c => GrainFactory.GetGrain<ICommuneGrain>(c.Code).GetReportAsync()));
        foreach (var report in reports)
        {
            Accept(report);
        }

        _gathered = true;
        LogGathered(logger, province.Code, reports.Length);
    }

    private void Accept(CommuneCalendarReport report)
    {
        if (!_reports.TryGetValue(report.CommuneCode, out var known) || known.Version < report.Version)
        {
            _reports[report.CommuneCode] = report;
        }
    }

    /// <summary>A commune's periodic sessions of a year that are not cancelled, the held ones first, then by start.</summary>
    private List<SessionSummary> PeriodicOf(string communeCode, int year) =>
        (_reports.TryGetValue(communeCode, out var report) ? report.Sessions : [])
            .Where(s => s.Kind == SessionKind.Periodic && s.Status != SessionStatus.Cancelled && VietnamTime.LocalDate(s.StartsAt).Year == year)
            .OrderBy(s => s.Status is SessionStatus.Held or SessionStatus.Concluded ? 0 : 1).ThenBy(s => s.StartsAt)
            .ToList();

    private static OverviewSession ToOverview(SessionSummary s, Dictionary<string, string> names) =>
        new(s.CommuneCode, names.GetValueOrDefault(s.CommuneCode, s.CommuneCode), s.SessionId, s.Kind, s.Title, s.StartsAt, s.Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Province {ProvinceCode} gathered the calendars of {Count} communes")]
    private static partial void LogGathered(ILogger logger, string provinceCode, int count);
}
