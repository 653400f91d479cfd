using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Province;

[GenerateSerializer, Alias("DoiThoai.ProvinceInstructionsState")]
public sealed class ProvinceInstructionsState
{
    [Id(0)] public List<Instruction> Instructions { get; set; } = [];

    /// <summary>Whether the instructions an earlier version kept in the province's oversight grain were taken over.</summary>
    [Id(1)] public bool TookOverFromProvince { get; set; }
}

/// <summary>
/// One province's instructions, apart from its oversight (which keeps only the dates they set, for its default). A
/// dated instruction plans the province's reminders: a recurring job each working day, which on the reminder days
/// (<see cref="InstructionRules.ReminderWorkingDaysBefore"/>) tells the officers of the communes still without a
/// periodic dialogue.
/// </summary>
public sealed partial class ProvinceInstructionsGrain(
    [PersistentState(ProvinceInstructionsGrain.StateName, GrainStorage.Name)] IPersistentState<ProvinceInstructionsState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<ProvinceInstructionsGrain> logger) : Grain, IProvinceInstructionsGrain
{
    public const string StateName = "province-instructions";

    private Domain.AdminUnits.Province _province = null!;

    private IProvinceGrain Oversight => GrainFactory.GetGrain<IProvinceGrain>(_province.Code);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _province = registry.FindProvince(this.GetPrimaryKeyString())
            ?? throw new InvalidOperationException($"Unknown province code '{this.GetPrimaryKeyString()}'.");
        if (!state.State.TookOverFromProvince)
        {
            // Idempotent: the oversight grain hands its list once, and keeps the dates it set meanwhile.
            state.State.Instructions.AddRange((await Oversight.TakeLegacyInstructionsAsync()).Where(i => state.State.Instructions.All(x => x.Id != i.Id)));
            state.State.TookOverFromProvince = true;
            await state.WriteOrReloadAsync(this);
            if (state.State.Instructions.Any(i => i.PeriodicBy is not null))
            {
                await timedWork.PlanAsync(new PeriodicDialogueRemindersJob(_province.Code));
            }
        }
    }

    public async Task<CommandResult<InstructionStatus>> IssueAsync(string text, DateOnly? periodicBy, string issuedBy)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        var errors = InstructionRules.Check(text, periodicBy, today);
        if (errors.Count > 0)
        {
            return CommandResult<InstructionStatus>.Fail(new CommandProblem(ProblemKind.Invalid, InstructionRules.Refused, errors));
        }

        var instruction = new Instruction($"CD-{today.Year}-{state.State.Instructions.Count + 1:D3}", text.Trim(), periodicBy, now, issuedBy,
            new Dictionary<string, DateTimeOffset>(), new Dictionary<string, DateTimeOffset>());
        state.State.Instructions.Add(instruction);
        await state.WriteOrReloadAsync(this);
        if (periodicBy is not null)
        {
            await Oversight.SetPeriodicDeadlinesAsync([.. state.State.Instructions.Where(i => i.PeriodicBy is not null).Select(i => i.PeriodicBy!.Value)]);
            await timedWork.PlanAsync(new PeriodicDialogueRemindersJob(_province.Code));
        }

        return CommandResult<InstructionStatus>.Ok(await StatusAsync(instruction));
    }

    public async Task<IReadOnlyList<InstructionStatus>> ListAsync()
    {
        // The oversight is asked once per date the instructions set, not once per instruction.
        var byDate = new Dictionary<DateOnly, IReadOnlyDictionary<string, PeriodicDialogueStatus>>();
        foreach (var by in state.State.Instructions.Where(i => i.PeriodicBy is not null).Select(i => i.PeriodicBy!.Value).Distinct())
        {
            byDate[by] = await Oversight.GetPeriodicStatusesAsync(by);
        }

        return [.. Enumerable.Reverse(state.State.Instructions).Select(i => Status(i, i.PeriodicBy is { } by ? byDate[by] : null))];
    }

    public async Task<CommandResult<InstructionStatus>> AnswerAsync(string instructionId, string communeCode, bool done)
    {
        var index = state.State.Instructions.FindIndex(i => i.Id == instructionId);
        if (index < 0)
        {
            return CommandResult<InstructionStatus>.Fail(ProblemKind.NotFound, InstructionRules.NotFound(instructionId));
        }

        var instruction = state.State.Instructions[index];
        if (done && instruction.PeriodicBy is not null)
        {
            return CommandResult<InstructionStatus>.Fail(ProblemKind.WrongState, InstructionRules.DoneByTheDialogue);
        }

        var now = time.GetUtcNow();
        var acknowledged = new Dictionary<string, DateTimeOffset>(instruction.AcknowledgedBy);
        acknowledged.TryAdd(communeCode, now);
        var reported = new Dictionary<string, DateTimeOffset>(instruction.ReportedDoneBy);
        if (done)
        {
            reported.TryAdd(communeCode, now);
        }

        state.State.Instructions[index] = instruction with { AcknowledgedBy = acknowledged, ReportedDoneBy = reported };
        await state.WriteOrReloadAsync(this);
        return CommandResult<InstructionStatus>.Ok(await StatusAsync(state.State.Instructions[index]));
    }

    public async Task<int> RemindAsync()
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        if (state.State.Instructions.LastOrDefault(i => i.PeriodicBy is { } by && by > today) is not { PeriodicBy: { } deadline } instruction)
        {
            return 0; // no date ahead: nothing to remind of (the job stays, cheap, for the next dated instruction)
        }

        var years = await Task.WhenAll(Enumerable.Range(today.Year, deadline.Year - today.Year + 1)
            .Select(y => GrainFactory.GetGrain<IHolidayCalendarGrain>(y).GetAsync()));
        var calendar = HolidayYear.Calendar(years);
        if (!InstructionRules.IsReminderDay(today, deadline, calendar))
        {
            return 0;
        }

        var left = InstructionRules.WorkingDaysLeft(today, deadline, calendar);
        var statuses = await Oversight.GetPeriodicStatusesAsync(deadline);
        var added = 0;
        foreach (var commune in _province.Communes.Where(c => statuses.GetValueOrDefault(c.Code) == PeriodicDialogueStatus.Missing))
        {
            var officers = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(new Audience(Roles: [ContactRole.Officer]));
            var (email, sms) = NoticeTexts.PeriodicDialogueReminder(commune.Name, _province.Name, instruction.Id, deadline, left);
            var messages = OutboxMessage.ToContacts($"{commune.Code}/instructions", $"periodic-reminder-{instruction.Id}-{left}", officers, now,
                _ => email, await SmsPolicy.PrepareAsync(GrainFactory, commune, sms));
            added += messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages);
        }

        LogReminded(logger, _province.Code, instruction.Id, left, added);
        return added;
    }

    private async Task<InstructionStatus> StatusAsync(Instruction instruction) =>
        Status(instruction, instruction.PeriodicBy is { } by ? await Oversight.GetPeriodicStatusesAsync(by) : null); // from the calendar reports alone

    private InstructionStatus Status(Instruction instruction, IReadOnlyDictionary<string, PeriodicDialogueStatus>? periodic)
    {
        var progress = _province.Communes.Select(c =>
        {
            PeriodicDialogueStatus? status = periodic?.GetValueOrDefault(c.Code);
            var done = periodic is null ? instruction.ReportedDoneBy.ContainsKey(c.Code) : status == PeriodicDialogueStatus.Held;
            var onTrack = done || status == PeriodicDialogueStatus.Scheduled;
            return new InstructionProgress(c.Code, c.Name, instruction.AcknowledgedBy.TryGetValue(c.Code, out var at) ? at : null, done, onTrack, status);
        }).ToList();
        return new InstructionStatus(instruction.Id, instruction.Text, instruction.PeriodicBy, instruction.IssuedAt, instruction.IssuedBy,
            progress.Count, progress.Count(p => p.AcknowledgedAt is not null), progress.Count(p => p.OnTrack), progress.Count(p => p.Done), progress);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Province {Province}: communes without a periodic dialogue reminded of {Instruction} ({Left} working days left), {Added} messages")]
    private static partial void LogReminded(ILogger logger, string province, string instruction, int left, int added);
}
