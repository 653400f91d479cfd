using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Petitions;
using DoiThoai.Domain.Text;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Petitions;

[GenerateSerializer, Alias("DoiThoai.PetitionRegistryState")]
public sealed class PetitionRegistryState
{
    [Id(0)] public int LastNumber { get; set; }

    [Id(1)] public int Version { get; set; }

    [Id(2)] public List<Petition> Petitions { get; set; } = [];

    /// <summary>Answers whose messages were not yet in the outbox, as states written before <see cref="ToTell"/> held them.</summary>
    [Id(3)] public List<string> AnswersToSend { get; set; } = [];

    /// <summary>Steps the petitioner is to be told of whose messages are not yet in the outbox (written with the step).</summary>
    [Id(4)] public List<PetitionTelling> ToTell { get; set; } = [];
}

/// <summary>The step at <see cref="Event"/> of a petition's history, to be told to its petitioner.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PetitionTelling")]
public sealed record PetitionTelling([property: Id(0)] string PetitionId, [property: Id(1)] int Event);

/// <summary>
/// One commune's petitions. Every step is kept in the petition's history; the province hears what is open after each
/// change; an answer reaches the petitioner through the delivery outbox, and survives a crash between the two.
/// </summary>
public sealed partial class PetitionRegistryGrain(
    [PersistentState(PetitionRegistryGrain.StateName, GrainStorage.Name)] IPersistentState<PetitionRegistryState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<PetitionRegistryGrain> logger) : Grain, IPetitionRegistryGrain
{
    public const string StateName = "petitions";
    public const string AnswerNotice = "petition-answer";
    public const string AcknowledgedNotice = "petition-acknowledged";
    public const string EscalatedNotice = "petition-escalated";
    public const string OutcomeNotice = "petition-outcome";
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(30);

    private Commune? _commune;
    private IGrainTimer? _retry;

    private Commune Commune => _commune!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commune = registry.GetCommune(this.GetPrimaryKeyString());
        if (state.State.AnswersToSend.Count > 0 || state.State.ToTell.Count > 0)
        {
            await TryFollowUpAsync();
        }
    }

    public async Task<CommandResult<Petition>> RecordAsync(PetitionDraft draft, string by)
    {
        var now = time.GetUtcNow();
        var today = VietnamTime.LocalDate(now);
        var (petitioner, errors) = PetitionRules.Check(draft, today);
        if (errors.Count > 0)
        {
            return CommandResult<Petition>.Fail(new CommandProblem(ProblemKind.Invalid, "Kiến nghị chưa hợp lệ.", errors));
        }

        if (draft.SessionId is { } sessionId && await GrainFactory.GetGrain<ICommuneGrain>(Commune.Code).GetSessionAsync(sessionId) is null)
        {
            return CommandResult<Petition>.Fail(new CommandProblem(ProblemKind.Invalid, "Kiến nghị gắn với một phiên đối thoại không có.",
                new Dictionary<string, string[]> { ["sessionId"] = [$"Không có phiên đối thoại {sessionId} của {Commune.Name}."] }));
        }

        var receivedOn = draft.ReceivedOn ?? today;
        var acknowledgeBy = PetitionRules.AcknowledgeBy(receivedOn, await WorkingDaysAsync(receivedOn.Year));
        var number = state.State.LastNumber + 1;
        var petition = new Petition(
            $"KN-{VietnamTime.LocalDate(now).Year}-{number:D4}", Commune.Code, draft.SessionId, draft.Source, draft.Field, draft.Content.Trim(),
            petitioner is { } p ? new Petitioner(p.Name, p.Phone, p.Email) : null,
            now, acknowledgeBy, PetitionStatus.Received, null, null, null,
            [new PetitionEvent(now, PetitionEventKind.Received, by, null)], receivedOn);
        await ChangeAsync(s =>
        {
            s.LastNumber = number;
            s.Petitions.Add(petition);
        });
        LogRecorded(logger, Commune.Code, petition.Id, petition.Field);
        return CommandResult<Petition>.Ok(petition);
    }

    public Task<IReadOnlyList<Petition>> ListAsync(PetitionStatus? status, bool overdueOnly)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<Petition> list = state.State.Petitions
            .Where(p => (status is null || p.Status == status) && (!overdueOnly || p.IsOverdue(now)))
            .OrderByDescending(p => p.ReceivedAt)
            .ToList();
        return Task.FromResult(list);
    }

    public async Task<PetitionDetail?> GetAsync(string petitionId)
    {
        if (Find(petitionId) is not { } petition)
        {
            return null;
        }

        var counts = await outbox.CountAsync(NoticeKey(petition.Id));
        var tallies = counts.GroupBy(c => c.Channel).Select(g => DeliveryTally.Of(g.Key, g.Select(c => (c.Status, c.Count)))).ToList();
        return new PetitionDetail(petition, tallies);
    }

    /// <summary>
    /// The acknowledgement (Điều 28): the petitioner is told the case number and the day the answer is owed by (the office's
    /// day, or 30 days from today), which the petition then keeps until it is answered.
    /// </summary>
    public Task<CommandResult<Petition>> AcknowledgeAsync(string petitionId, string? note, string by, DateOnly? answerDueDate = null)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var due = answerDueDate ?? PetitionRules.AnswerDue(today);
        if (Find(petitionId) is { Acknowledged: true } already)
        {
            return Task.FromResult(CommandResult<Petition>.Fail(ProblemKind.WrongState, $"Kiến nghị {already.Id} đã được báo nhận."));
        }

        return StepAsync(petitionId, PetitionEventKind.Acknowledged, by, note,
            [("note", NoteProblem(note)), ("answerDueDate", answerDueDate is { } d ? PetitionRules.AnswerDueProblem(d, today) : null)],
            p => p with { Status = p.Status == PetitionStatus.Received ? PetitionStatus.Acknowledged : p.Status, AnswerDueDate = p.AnswerDueDate ?? due },
            dueDate: due, tell: true);
    }

    public Task<CommandResult<Petition>> AssignAsync(string petitionId, string unit, DateOnly dueDate, string? note, string by)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var dueProblem = PetitionRules.AnswerDueProblem(dueDate, today);
        var unitProblem = VietnameseText.TextProblem(unit, PetitionRules.MaxUnitLength, required: true) is { } u ? $"Đơn vị được giao {u}" : null;
        return StepAsync(petitionId, PetitionEventKind.Assigned, by, note, [("unit", unitProblem), ("dueDate", dueProblem), ("note", NoteProblem(note))],
            p => p with { Status = PetitionStatus.Assigned, AssignedUnit = unit.Trim(), DueDate = dueDate }, unit.Trim(), dueDate);
    }

    /// <summary>
    /// Beyond the commune: sent to the province, which satisfies the duty to respond within 10 working days (Điều 28:
    /// the petitioner is told where it went); the answer keeps a due day for the commune to follow up.
    /// </summary>
    public Task<CommandResult<Petition>> EscalateAsync(string petitionId, string reason, string by, DateOnly? answerDueDate = null)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        return StepAsync(petitionId, PetitionEventKind.Escalated, by, reason,
            [
                ("reason", VietnameseText.TextProblem(reason, PetitionRules.MaxContentLength, required: true) is { } r ? $"Lý do chuyển {r}" : null),
                ("answerDueDate", answerDueDate is { } d ? PetitionRules.AnswerDueProblem(d, today) : null),
            ],
            p => p with { Status = PetitionStatus.Escalated, AssignedUnit = Commune.ProvinceName, DueDate = null, AnswerDueDate = p.AnswerDueDate ?? answerDueDate ?? PetitionRules.AnswerDue(today) },
            tell: true);
    }

    /// <summary>The answer and the duty to tell the petitioner are stored together; the messages follow at once.</summary>
    public Task<CommandResult<Petition>> AnswerAsync(string petitionId, string answer, string by) =>
        StepAsync(petitionId, PetitionEventKind.Answered, by, null,
            [("answer", VietnameseText.TextProblem(answer, PetitionRules.MaxContentLength, required: true) is { } a ? $"Nội dung trả lời {a}" : null)],
            p => p with { Status = PetitionStatus.Answered, Answer = answer.Trim() },
            tell: true);

    public Task<PetitionReport> GetReportAsync() => Task.FromResult(Report());

    public async Task<CommandResult<Petition>> ApplyConclusionAsync(string petitionId, ConclusionItem item, string noticeReference, string by)
    {
        if (Find(petitionId) is not { } petition)
        {
            return CommandResult<Petition>.Fail(ProblemKind.NotFound, $"Không tìm thấy kiến nghị {petitionId}.");
        }

        if (petition.Status == PetitionStatus.Answered)
        {
            return CommandResult<Petition>.Ok(petition);
        }

        var concluded = $"Theo kết luận tại hội nghị đối thoại (Thông báo số {noticeReference}): {Documents.DialogueDocuments.DescribeItem(item)}";
        return item.Outcome switch
        {
            ConclusionOutcome.ToBeHandled when PetitionRules.Allows(petition.Status, PetitionEventKind.Assigned) =>
                await StepAsync(petitionId, PetitionEventKind.Assigned, by, concluded, [],
                    p => p with { Status = PetitionStatus.Assigned, AssignedUnit = item.Unit, DueDate = item.DueDate }, item.Unit, item.DueDate, tell: true),
            ConclusionOutcome.BeyondCommune when PetitionRules.Allows(petition.Status, PetitionEventKind.Escalated) =>
                await EscalateAsync(petitionId, concluded, by),
            ConclusionOutcome.AnsweredAtSession or ConclusionOutcome.Settled => await AnswerAsync(petitionId, concluded, by),
            _ => CommandResult<Petition>.Ok(petition),
        };
    }

    private async Task<CommandResult<Petition>> StepAsync(
        string petitionId,
        PetitionEventKind step,
        string by,
        string? note,
        (string Field, string? Problem)[] checks,
        Func<Petition, Petition> apply,
        string? unit = null,
        DateOnly? dueDate = null,
        bool tell = false)
    {
        if (Find(petitionId) is not { } petition)
        {
            return CommandResult<Petition>.Fail(ProblemKind.NotFound, $"Không tìm thấy kiến nghị {petitionId}.");
        }

        var errors = checks.Where(c => c.Problem is not null).ToDictionary(c => c.Field, c => new[] { c.Problem! });
        if (errors.Count > 0)
        {
            return CommandResult<Petition>.Fail(new CommandProblem(ProblemKind.Invalid, "Yêu cầu chưa hợp lệ.", errors));
        }

        if (!PetitionRules.Allows(petition.Status, step))
        {
            return CommandResult<Petition>.Fail(ProblemKind.WrongState, $"Kiến nghị {petitionId} {PetitionRules.Describe(petition.Status)}: không thể {PetitionRules.Describe(step)}.");
        }

        var changed = apply(petition) with
        {
            History = [.. petition.History, new PetitionEvent(time.GetUtcNow(), step, by, note?.Trim(), unit, dueDate)],
        };
        await ChangeAsync(s =>
        {
            s.Petitions[s.Petitions.IndexOf(petition)] = changed;
            if (tell && changed.Petitioner is { } who && (who.Phone is not null || who.Email is not null))
            {
                s.ToTell.Add(new PetitionTelling(changed.Id, changed.History.Count - 1));
            }
        });
        return CommandResult<Petition>.Ok(changed);
    }

    private async Task ChangeAsync(Action<PetitionRegistryState> change)
    {
        change(state.State);
        state.State.Version++;
        await state.WriteOrReloadAsync(this);
        await TryFollowUpAsync();
    }

    /// <summary>Tells the province what is open, and hands what petitioners are told to the outbox; what fails is tried again.</summary>
    private async Task TryFollowUpAsync()
    {
        try
        {
            foreach (var petitionId in state.State.AnswersToSend.ToList())
            {
                if (Find(petitionId) is { Status: PetitionStatus.Answered } answered)
                {
                    await outbox.EnqueueAsync(await StepMessagesAsync(answered, answered.History.Last(e => e.Kind == PetitionEventKind.Answered)));
                }

                state.State.AnswersToSend.Remove(petitionId);
                await state.WriteOrReloadAsync(this);
            }

            foreach (var telling in state.State.ToTell.ToList())
            {
                if (Find(telling.PetitionId) is { } petition && telling.Event < petition.History.Count)
                {
                    await outbox.EnqueueAsync(await StepMessagesAsync(petition, petition.History[telling.Event]));
                }

                state.State.ToTell.Remove(telling);
                await state.WriteOrReloadAsync(this);
            }

            await GrainFactory.GetGrain<IProvinceGrain>(Commune.ProvinceCode).ReportPetitionsAsync(Report());
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // What was decided is stored; the messages and the province's view follow as soon as they can.
            LogFollowUpFailed(logger, error, Commune.Code);
            _retry ??= this.RegisterGrainTimer(TryFollowUpAsync, new GrainTimerCreationOptions(RetryPeriod, RetryPeriod));
        }
    }

    /// <summary>
    /// What the petitioner hears of a step (acknowledged, assigned by the conclusion, escalated, answered), on the channels
    /// they gave; with the answer, the timed erasure of their contact details.
    /// </summary>
    private async Task<List<OutboxMessage>> StepMessagesAsync(Petition petition, PetitionEvent step)
    {
        if (petition.Petitioner is not { } petitioner)
        {
            return [];
        }

        var (notice, text) = step.Kind switch
        {
            PetitionEventKind.Answered => (AnswerNotice, (Email: NoticeTexts.PetitionAnswerEmail(Commune.Name, petition.Id, petitioner.Name, petition.Content, petition.Answer ?? ""),
                Sms: NoticeTexts.PetitionAnswerSms(Commune.Name, petition.Id, petition.Answer ?? ""))),
            PetitionEventKind.Acknowledged => (AcknowledgedNotice, NoticeTexts.PetitionAcknowledged(Commune, petition.Id, petition.ReceivedDay, petitioner.Name, petition.Content, step.DueDate ?? petition.AnswerDueDate)),
            PetitionEventKind.Escalated => (EscalatedNotice, NoticeTexts.PetitionEscalated(Commune, petition.Id, petitioner.Name, petition.Content, step.Note ?? "")),
            PetitionEventKind.Assigned => (OutcomeNotice, NoticeTexts.PetitionOutcome(Commune.Name, petition.Id, petitioner.Name, petition.Content, step.Note ?? "")),
            _ => throw new InvalidOperationException($"A petitioner is not told of a step {step.Kind}."),
        };
        var sendAt = SendingWindow.SendAt(time.GetUtcNow(), urgent: false);
        var key = NoticeKey(petition.Id);
        var messages = new List<OutboxMessage>();
        if (petitioner.Phone is { } phone)
        {
            messages.Add(new OutboxMessage(key, notice, petition.Id, DeliveryChannel.Sms, sendAt, phone, await SmsPolicy.PrepareAsync(GrainFactory, Commune, text.Sms)));
        }

        if (petitioner.Email is { } email)
        {
            messages.Add(new OutboxMessage(key, notice, petition.Id, DeliveryChannel.Email, sendAt, email, text.Email.Body, text.Email.Subject));
        }

        if (step.Kind == PetitionEventKind.Answered)
        {
            await PlanErasureAsync(petition);
        }

        return messages;
    }

    public async Task<int> RecountDeadlinesAsync(int year)
    {
        var moved = new List<Petition>();
        foreach (var petition in state.State.Petitions.Where(p => p.OwedBy is not null && !p.Acknowledged && p.Status != PetitionStatus.Escalated
            && (p.ReceivedDay.Year == year || p.ReceivedDay.Year == year - 1)))
        {
            var acknowledgeBy = PetitionRules.AcknowledgeBy(petition.ReceivedDay, await WorkingDaysAsync(petition.ReceivedDay.Year));
            if (acknowledgeBy != petition.AcknowledgeBy)
            {
                moved.Add(petition with { AcknowledgeBy = acknowledgeBy });
            }
        }

        if (moved.Count > 0)
        {
            await ChangeAsync(s => s.Petitions = [.. s.Petitions.Select(p => moved.Find(m => m.Id == p.Id) ?? p)]);
        }

        return moved.Count;
    }

    /// <summary>The timed job that erases the petitioner's phone and address once kept long enough after the answer.</summary>
    private Task PlanErasureAsync(Petition petition) =>
        petition.Petitioner is { Phone: null, Email: null } or null
            ? Task.CompletedTask
            : timedWork.PlanAsync([new PetitionContactErasureJob(Commune.Code, petition.Id, AnsweredAt(petition) + PetitionRules.ContactKeptAfterAnswer)]);

    public async Task<int> EraseContactsAsync()
    {
        var now = time.GetUtcNow();
        var due = state.State.Petitions
            .Where(p => p is { Status: PetitionStatus.Answered, Petitioner: { } who } && (who.Phone is not null || who.Email is not null)
                && AnsweredAt(p) + PetitionRules.ContactKeptAfterAnswer <= now)
            .ToList();
        if (due.Count == 0)
        {
            return 0; // a job run early, or after the details were already erased
        }

        foreach (var petition in due)
        {
            // Nothing still waiting may go out to an address the petition no longer holds; the record keeps what happened.
            await outbox.CancelForRecipientAsync(Commune.Code, petition.Id, null, "Hết thời hạn lưu thông tin liên lạc của người kiến nghị.", now);
            await outbox.EraseRecipientAsync(Commune.Code, petition.Id, now);
        }

        var erased = due.Select(p => p.Id).ToHashSet();
        state.State.Petitions = [.. state.State.Petitions.Select(p => erased.Contains(p.Id)
            ? p with { Petitioner = p.Petitioner! with { Phone = null, Email = null, ContactErasedAt = now } }
            : p)];
        await state.WriteOrReloadAsync(this);
        LogContactsErased(logger, Commune.Code, due.Count);
        return due.Count;
    }

    private static DateTimeOffset AnsweredAt(Petition petition) =>
        petition.History.Last(e => e.Kind == PetitionEventKind.Answered).At;

    /// <summary>The outbox key of a petition's messages: "{commune}/{petition}", so the province counts them by commune.</summary>
    private string NoticeKey(string petitionId) => $"{Commune.Code}/{petitionId}";

    private PetitionReport Report()
    {
        var open = state.State.Petitions.Where(p => p.Status != PetitionStatus.Answered).ToList();
        return new PetitionReport(
            Commune.Code, state.State.Version, open.Count, open.Count(p => p.Status == PetitionStatus.Escalated),
            [.. open.Select(p => p.OwedBy).OfType<DateOnly>().Order()]);
    }

    private static string? NoteProblem(string? note) =>
        VietnameseText.TextProblem(note, PetitionRules.MaxContentLength, required: false) is { } n ? $"Ghi chú {n}" : null;

    private Petition? Find(string petitionId) => state.State.Petitions.Find(p => p.Id == petitionId);

    /// <summary>A year's and the next year's days off: ten working days from any day of a year end before the next year's end.</summary>
    private async Task<WorkingDayCalendar> WorkingDaysAsync(int year)
    {
        var lists = await Task.WhenAll(GrainFactory.GetGrain<IHolidayCalendarGrain>(year).GetAsync(), GrainFactory.GetGrain<IHolidayCalendarGrain>(year + 1).GetAsync());
        return HolidayYear.Calendar(lists);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} recorded petition {PetitionId} ({Field})")]
    private static partial void LogRecorded(ILogger logger, string communeCode, string petitionId, PetitionField field);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} erased the contact details of {Count} petitioners told their answer")]
    private static partial void LogContactsErased(ILogger logger, string communeCode, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commune {CommuneCode} could not yet pass its petitions on (outbox or province); retrying")]
    private static partial void LogFollowUpFailed(ILogger logger, Exception error, string communeCode);
}
