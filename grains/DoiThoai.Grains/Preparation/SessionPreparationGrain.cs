using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Domain.Text;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Preparation;

[GenerateSerializer, Alias("DoiThoai.SessionPreparationState")]
public sealed class SessionPreparationState
{
    [Id(0)] public bool Created { get; set; }

    /// <summary>The session's start and notice deadline the milestones were last counted from.</summary>
    [Id(1)] public DateTimeOffset CountedFrom { get; set; }

    [Id(2)] public DateTimeOffset NoticeDeadline { get; set; }

    [Id(3)] public List<Milestone> Milestones { get; set; } = [];

    [Id(4)] public List<AgendaItem> Agenda { get; set; } = [];

    [Id(5)] public int LastAdded { get; set; }

    /// <summary>The due days of open milestones the commune last heard (for its province's count of overdue preparation).</summary>
    [Id(6)] public List<DateOnly>? ReportedOwed { get; set; }
}

/// <summary>
/// One session's preparation. Milestones counted from the session move with it unless the office set their date; the
/// reminders and overdue alerts are checked by one timed job per session (<see cref="PreparationChecksJob"/>) at the
/// next check's moment, moved whenever the milestones change.
/// </summary>
public sealed partial class SessionPreparationGrain(
    [PersistentState(SessionPreparationGrain.StateName, GrainStorage.Name)] IPersistentState<SessionPreparationState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionPreparationGrain> logger) : Grain, ISessionPreparationGrain
{
    public const string StateName = "preparation";

    private (string Commune, string Session) Key => SessionNoticeKey.Split(this.GetPrimaryKeyString());

    public async Task SyncAsync(SessionInfo session)
    {
        if (!Apply(session))
        {
            return;
        }

        await state.WriteOrReloadAsync(this);
        await PlanRemindersAsync(session);
        await ReportOwedAsync();
    }

    public async Task<SessionPreparation?> GetAsync()
    {
        var session = await SessionAsync();
        if (session is null)
        {
            return null;
        }

        var applied = Apply(session);
        if (applied | await RecordInvitationsOutAsync(session))
        {
            // A session scheduled before preparation existed, whose notice job has not run yet, or whose invitations just went out.
            await state.WriteOrReloadAsync(this);
            if (applied)
            {
                await PlanRemindersAsync(session);
            }
        }

        await ReportOwedAsync();
        return View(session);
    }

    public Task<CommandResult<SessionPreparation>> AddMilestoneAsync(MilestoneDraft draft) =>
        ChangeAsync((session, today) =>
        {
            var errors = PreparationTemplates.TextErrors(draft.Title, draft.OwnerUnit, required: true);
            if (DueDateProblem(draft.DueDate, session, today) is { } dueProblem)
            {
                errors["dueDate"] = [dueProblem];
            }

            if (draft.OwnerRole is not (ContactRole.Officer or ContactRole.FrontCommittee or ContactRole.HamletHead))
            {
                errors["ownerRole"] = ["Người được nhắc việc phải là cán bộ (officer), Mặt trận (front-committee) hoặc trưởng thôn/tổ trưởng (hamlet-head)."];
            }

            if (errors.Count > 0)
            {
                return Invalid("Công việc chuẩn bị chưa hợp lệ.", errors);
            }

            if (state.State.Milestones.Count >= PreparationTemplates.MaxMilestones)
            {
                return new CommandProblem(ProblemKind.WrongState, $"Mỗi phiên có tối đa {PreparationTemplates.MaxMilestones} công việc chuẩn bị.");
            }

            state.State.LastAdded++;
            state.State.Milestones.Add(new Milestone($"m{state.State.LastAdded}", draft.Title.Trim(), draft.OwnerUnit.Trim(), draft.OwnerRole,
                MilestoneAnchor.Fixed, 0, draft.DueDate, MilestoneAutomation.None));
            return null;
        });

    public Task<CommandResult<SessionPreparation>> ChangeMilestoneAsync(string key, MilestoneChange change) =>
        ChangeAsync((session, today) =>
        {
            if (FindIndex(key) is not { } index)
            {
                return MilestoneNotFound(key);
            }

            var milestone = state.State.Milestones[index];
            var errors = PreparationTemplates.TextErrors(change.Title, change.OwnerUnit, required: false);
            if (change.DueDate is { } due && DueDateProblem(due, session, today) is { } dueProblem)
            {
                errors["dueDate"] = [dueProblem];
            }

            if (errors.Count > 0)
            {
                return Invalid("Thay đổi công việc chuẩn bị chưa hợp lệ.", errors);
            }

            if (milestone.Automation != MilestoneAutomation.None && change.DueDate is not null)
            {
                return new CommandProblem(ProblemKind.WrongState, milestone.Automation == MilestoneAutomation.Results
                    ? "Hạn công bố kết quả do luật định (10 ngày sau hội nghị), không sửa được."
                    : "Hạn gửi giấy mời theo quy định thông báo trước của xã, không sửa ở đây.");
            }

            state.State.Milestones[index] = milestone with
            {
                Title = change.Title?.Trim() ?? milestone.Title,
                OwnerUnit = change.OwnerUnit?.Trim() ?? milestone.OwnerUnit,
                Anchor = change.DueDate is null ? milestone.Anchor : MilestoneAnchor.Fixed,
                DueDate = change.DueDate ?? milestone.DueDate,
            };
            return null;
        });

    public Task<CommandResult<SessionPreparation>> CompleteMilestoneAsync(string key, string? note, string by) =>
        ChangeAsync((_, _) =>
        {
            if (FindIndex(key) is not { } index)
            {
                return MilestoneNotFound(key);
            }

            if (note is not null && VietnameseText.TextProblem(note, SessionRules.MaxReasonLength, required: false) is { } noteProblem)
            {
                return Invalid("Ghi chú chưa hợp lệ.", new() { ["note"] = [$"Ghi chú {noteProblem}"] });
            }

            var milestone = state.State.Milestones[index];
            if (milestone.Automation == MilestoneAutomation.Results)
            {
                return new CommandProblem(ProblemKind.WrongState, "Kết quả được công bố khi bấm \"Công bố kết quả\" của phiên; không đánh dấu tay.");
            }

            if (milestone.DoneAt is not null)
            {
                return new CommandProblem(ProblemKind.WrongState, $"Công việc \"{VietnameseText.Quote(milestone.Title)}\" đã hoàn thành.");
            }

            state.State.Milestones[index] = milestone with { DoneAt = time.GetUtcNow(), DoneBy = by, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim() };
            return null;
        });

    public Task<CommandResult<SessionPreparation>> RemoveMilestoneAsync(string key) =>
        ChangeAsync((_, _) =>
        {
            if (FindIndex(key) is not { } index)
            {
                return MilestoneNotFound(key);
            }

            if (state.State.Milestones[index].Automation != MilestoneAutomation.None)
            {
                return new CommandProblem(ProblemKind.WrongState, "Việc gửi giấy mời và công bố kết quả là bắt buộc, không bỏ được.");
            }

            state.State.Milestones.RemoveAt(index);
            return null;
        });

    public Task<CommandResult<SessionPreparation>> SetAgendaAsync(IReadOnlyList<AgendaItem> agenda) =>
        ChangeAsync((session, _) =>
        {
            var errors = AgendaErrors(agenda, session);
            if (errors.Count > 0)
            {
                return Invalid("Chương trình hội nghị chưa hợp lệ.", errors);
            }

            state.State.Agenda = [.. agenda.Select(i => i with { Title = i.Title.Trim(), Presenter = string.IsNullOrWhiteSpace(i.Presenter) ? null : i.Presenter.Trim() })];
            return null;
        });

    public async Task<int> RunChecksAsync(DateTimeOffset from)
    {
        var session = await SessionAsync();
        if (session is null || session.Status == SessionStatus.Cancelled)
        {
            return 0;
        }

        await SyncAsync(session);
        if (await RecordInvitationsOutAsync(session))
        {
            await state.WriteOrReloadAsync(this);
            await ReportOwedAsync();
        }

        // Every check that fell due since the job's time (several when they share a moment, or the cluster was down).
        var now = time.GetUtcNow();
        var added = 0;
        foreach (var (check, _) in Checks().Where(c => c.At >= from && c.At <= now).OrderBy(c => c.At).ToList())
        {
            added += await RunCheckAsync(session, check);
        }

        await PlanRemindersAsync(session);
        return added;
    }

    /// <summary>Every open milestone's reminder and overdue alert, with its moment.</summary>
    private IEnumerable<(MilestoneCheck Check, DateTimeOffset At)> Checks() =>
        state.State.Milestones.Where(m => m.DoneAt is null).SelectMany(m => new[]
        {
            (new MilestoneCheck(m.Key, m.DueDate, Overdue: false), PreparationTemplates.ReminderTime(m.DueDate)),
            (new MilestoneCheck(m.Key, m.DueDate, Overdue: true), PreparationTemplates.OverdueAlertTime(m.DueDate)),
        });

    private async Task<int> RunCheckAsync(SessionInfo session, MilestoneCheck check)
    {
        var name = check.Name;

        var milestone = state.State.Milestones.FirstOrDefault(m => m.Key == check.Milestone && m.DueDate == check.Due && m.DoneAt is null);
        var stillOwed = milestone switch
        {
            null => false, // done, removed or moved since the check was planned
            { Automation: MilestoneAutomation.Results } => session.ResultsPublishedAt is null,
            { Automation: MilestoneAutomation.Invitations } => false, // the office's deadline warning tells what is still out

            _ => session.Status == SessionStatus.Scheduled || milestone.DueDate > VietnamTime.LocalDate(session.StartsAt), // preparation of a session already held is moot
        };
        if (!stillOwed)
        {
            return 0;
        }

        var commune = registry.GetCommune(Key.Commune);
        var owners = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(new Audience(Roles: [milestone!.OwnerRole]));
        var text = milestone.Automation == MilestoneAutomation.Results && !check.Overdue
            ? NoticeTexts.ResultsDueSoon(commune.Name, session.Title, session.StartsAt, milestone.DueDate) // Điều 43's ten days nearly up
            : NoticeTexts.MilestoneReminder(commune.Name, session.Title, VietnamTime.LocalDate(session.StartsAt), milestone.Title, milestone.OwnerUnit,
                milestone.DueDate, check.Overdue);
        var sms = await SmsPolicy.PrepareAsync(GrainFactory, commune, text.Sms);
        var messages = OutboxMessage.ToContacts(PreparationKey.Of(this.GetPrimaryKeyString()), name, owners, time.GetUtcNow(), _ => text.Email, sms);
        return messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages);
    }

    /// <summary>
    /// Validates and applies one change for a session that still exists and is not cancelled, then writes it and plans
    /// reminders for the new dates; a refused change leaves the state as it was.
    /// </summary>
    private async Task<CommandResult<SessionPreparation>> ChangeAsync(Func<SessionInfo, DateOnly, CommandProblem?> change)
    {
        var session = await SessionAsync();
        if (session is null)
        {
            return CommandResult<SessionPreparation>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {VietnameseText.Quote(Key.Session)}.");
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return CommandResult<SessionPreparation>.Fail(ProblemKind.WrongState, "Phiên đối thoại đã hủy; không còn việc chuẩn bị.");
        }

        Apply(session);
        var before = (state.State.Milestones.ToList(), state.State.Agenda.ToList(), state.State.LastAdded);
        if (change(session, VietnamTime.LocalDate(time.GetUtcNow())) is { } problem)
        {
            (state.State.Milestones, state.State.Agenda, state.State.LastAdded) = before;
            return CommandResult<SessionPreparation>.Fail(problem);
        }

        await state.WriteOrReloadAsync(this);
        await PlanRemindersAsync(session);
        await ReportOwedAsync();
        return CommandResult<SessionPreparation>.Ok(View(session));
    }

    /// <summary>Creates the milestones and the programme, or counts them again from a moved session; true when anything changed.</summary>
    private bool Apply(SessionInfo session)
    {
        var s = state.State;
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        if (!s.Created)
        {
            var commune = registry.GetCommune(session.CommuneCode);
            s.Milestones = [.. PreparationTemplates.Milestones(session.Kind, commune.Name).Select(t =>
            {
                var due = PreparationTemplates.DueDate(t.Anchor, t.OffsetDays, session.StartsAt, session.NoticeDeadline, today);
                var milestone = new Milestone(t.Key, t.Title, t.OwnerUnit, t.OwnerRole, t.Anchor, t.OffsetDays, due, t.Automation);
                return milestone with { DueDate = Later(due, milestone, today) };
            })];
            s.Agenda = [.. PreparationTemplates.Agenda(session.Kind, session.DurationMinutes, session.Chair)
                .Select(i => new AgendaItem(TimeOnly.FromDateTime(VietnamTime.ToLocal(session.StartsAt).AddMinutes(i.MinuteFromStart).DateTime), i.Title, i.Presenter))];
            (s.Created, s.CountedFrom, s.NoticeDeadline) = (true, session.StartsAt, session.NoticeDeadline);
            return true;
        }

        if (s.CountedFrom == session.StartsAt && s.NoticeDeadline == session.NoticeDeadline)
        {
            return false;
        }

        var shift = VietnamTime.ToLocal(session.StartsAt).TimeOfDay - VietnamTime.ToLocal(s.CountedFrom).TimeOfDay;
        var moved = s.CountedFrom != session.StartsAt; // a new time is announced anew: its invitations are to go out again
        s.Milestones = [.. s.Milestones.Select(m => m.DoneAt is not null && m.Automation != MilestoneAutomation.Invitations || m.Anchor == MilestoneAnchor.Fixed
            ? m
            : m with
            {
                DueDate = Later(PreparationTemplates.DueDate(m.Anchor, m.OffsetDays, session.StartsAt, session.NoticeDeadline, m.DueDate), m, today),
                DoneAt = m.Automation == MilestoneAutomation.Invitations && moved ? null : m.DoneAt,
                DoneBy = m.Automation == MilestoneAutomation.Invitations && moved ? null : m.DoneBy,
            })];
        s.Agenda = [.. s.Agenda.Select(i => i with { StartsAt = i.StartsAt.Add(shift) })]; // the programme keeps its shape at the new hour
        (s.CountedFrom, s.NoticeDeadline) = (session.StartsAt, session.NoticeDeadline);
        return true;
    }

    /// <summary>
    /// The invitations milestone is done when the invitations and announcements of the session's current time have gone
    /// out (none still waiting), not when the session was scheduled; true when it was marked done now.
    /// </summary>
    private async Task<bool> RecordInvitationsOutAsync(SessionInfo session)
    {
        var index = state.State.Milestones.FindIndex(m => m.Automation == MilestoneAutomation.Invitations && m.DoneAt is null);
        if (index < 0 || session.Status != SessionStatus.Scheduled)
        {
            return false;
        }

        var progress = await GrainFactory.GetGrain<ISessionNoticeGrain>(this.GetPrimaryKeyString()).GetInvitationProgressAsync();
        if (!progress.AllOut)
        {
            return false;
        }

        state.State.Milestones[index] = state.State.Milestones[index] with
        {
            DoneAt = time.GetUtcNow(),
            DoneBy = "Nền tảng (giấy mời và tin nhắn đã gửi đi)",
            Note = progress.Failed > 0 ? $"{progress.Failed} tin gửi không thành công." : null,
        };
        return true;
    }

    /// <summary>A session scheduled (or moved) at short notice shortens the timeline: nothing falls due before today.</summary>
    private static DateOnly Later(DateOnly due, Milestone milestone, DateOnly today) =>
        milestone.Automation == MilestoneAutomation.None && due < today ? today : due;

    /// <summary>Plans the session's checks (a reminder two days before each open milestone, an alert the day after) from the next one.</summary>
    private async Task PlanRemindersAsync(SessionInfo session)
    {
        if (session.Status == SessionStatus.Cancelled)
        {
            return;
        }

        // One job per session, at the next check; it moves on from there when it runs.
        var now = time.GetUtcNow();
        var next = Checks().Where(c => c.At > now).Select(c => (DateTimeOffset?)c.At).Min();
        var job = new PreparationChecksJob(this.GetPrimaryKeyString(), next ?? now);
        if (next is null)
        {
            await timedWork.DropAsync(job.Key);
        }
        else
        {
            await timedWork.PlanAsync([job]);
        }
    }

    /// <summary>
    /// Tells the commune (and through it the province) the due days of the milestones still open when they changed;
    /// the results are followed by the province on their own. A failure is logged and told again on the next look.
    /// </summary>
    private async Task ReportOwedAsync()
    {
        List<DateOnly> owed = [.. state.State.Milestones.Where(m => m.DoneAt is null && m.Automation != MilestoneAutomation.Results).Select(m => m.DueDate).Order()];
        if (state.State.ReportedOwed is { } reported && reported.SequenceEqual(owed))
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ICommuneGrain>(Key.Commune).ReportPreparationAsync(Key.Session, owed);
            state.State.ReportedOwed = owed;
            await state.WriteOrReloadAsync(this);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogReportFailed(logger, error, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparation of {SessionKey} could not yet tell the commune its open milestones; told again on the next look")]
    private static partial void LogReportFailed(ILogger logger, Exception error, string sessionKey);

    private SessionPreparation View(SessionInfo session)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var milestones = state.State.Milestones
            .Select(m => m.Automation == MilestoneAutomation.Results && session.ResultsPublishedAt is { } published
                ? m with { DoneAt = published, DoneBy = "Nền tảng (khi công bố kết quả)" }
                : m)
            .OrderBy(m => m.DueDate).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Select(m =>
            {
                var daysLeft = m.DueDate.DayNumber - today.DayNumber;
                var status = m.DoneAt is not null ? MilestoneState.Done
                    : daysLeft < 0 ? MilestoneState.Overdue
                    : daysLeft <= PreparationTemplates.RemindDaysBefore ? MilestoneState.DueSoon
                    : MilestoneState.Open;
                return new MilestoneStatus(m, status, daysLeft);
            })
            .ToList();
        return new SessionPreparation(session.Id, milestones, [.. state.State.Agenda], milestones.Count(m => m.State == MilestoneState.Overdue));
    }

    private static Dictionary<string, string[]> AgendaErrors(IReadOnlyList<AgendaItem> agenda, SessionInfo session)
    {
        var errors = new Dictionary<string, string[]>();
        if (agenda.Count is 0 or > PreparationTemplates.MaxAgendaItems)
        {
            errors["agenda"] = [$"Chương trình có từ 1 đến {PreparationTemplates.MaxAgendaItems} mục."];
            return errors;
        }

        var start = TimeOnly.FromDateTime(VietnamTime.ToLocal(session.StartsAt).DateTime);
        var end = TimeOnly.FromDateTime(VietnamTime.ToLocal(session.EndsAt).DateTime);
        var crossesMidnight = end < start;
        bool Within(TimeOnly t) => crossesMidnight ? t >= start || t <= end : t >= start && t <= end;
        var problems = new List<string>();
        for (var i = 0; i < agenda.Count; i++)
        {
            var item = agenda[i];
            if (item is null)
            {
                problems.Add($"Mục {i + 1}: trống.");
                continue;
            }

            if (VietnameseText.TextProblem(item.Title, PreparationTemplates.MaxTitleLength, required: true) is { } t)
            {
                problems.Add($"Mục {i + 1}: nội dung {t}");
            }

            if (item.Presenter is not null && VietnameseText.TextProblem(item.Presenter, PreparationTemplates.MaxUnitLength, required: false) is { } p)
            {
                problems.Add($"Mục {i + 1}: người thực hiện {p}");
            }

            if (!Within(item.StartsAt))
            {
                problems.Add($"Mục {i + 1}: giờ {item.StartsAt:HH\\:mm} nằm ngoài thời gian hội nghị ({start:HH\\:mm}–{end:HH\\:mm}).");
            }
            else if (i > 0 && agenda[i - 1] is { } previous && Within(previous.StartsAt) && !crossesMidnight && item.StartsAt < previous.StartsAt)
            {
                problems.Add($"Mục {i + 1}: giờ bắt đầu phải không sớm hơn mục trước ({previous.StartsAt:HH\\:mm}).");
            }
        }

        if (problems.Count > 0)
        {
            errors["agenda"] = [.. problems];
        }

        return errors;
    }

    private static string? DueDateProblem(DateOnly due, SessionInfo session, DateOnly today)
    {
        var latest = Oversight.ResultsDue(session.StartsAt).AddDays(30);
        return due < today || due > latest
            ? $"Hạn hoàn thành phải từ hôm nay ({today:dd/MM/yyyy}) đến {latest:dd/MM/yyyy} (30 ngày sau hạn công bố kết quả)."
            : null;
    }

    private int? FindIndex(string key) => state.State.Milestones.FindIndex(m => m.Key == key) is var i and >= 0 ? i : null;

    private static CommandProblem MilestoneNotFound(string key) =>
        new(ProblemKind.NotFound, $"Không có công việc chuẩn bị {VietnameseText.Quote(key)}.");

    private static CommandProblem Invalid(string message, Dictionary<string, string[]> errors) =>
        new(ProblemKind.Invalid, message, errors);

    private Task<SessionInfo?> SessionAsync() => GrainFactory.GetGrain<ICommuneGrain>(Key.Commune).GetSessionAsync(Key.Session);
}
