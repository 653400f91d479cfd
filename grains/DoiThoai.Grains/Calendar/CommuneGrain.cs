using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Domain.Text;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Abstractions.Requests;
using DoiThoai.Grains.Delivery;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Calendar;

/// <summary>
/// One commune's dialogue calendar. Every command checks the rules first and changes nothing when refused;
/// an accepted change is written to storage before it is answered, then reported to the province.
/// </summary>
public sealed partial class CommuneGrain(
    [PersistentState(CommuneGrain.StateName, GrainStorage.Name)] IPersistentState<CommuneCalendarState> state,
    AdminUnitRegistry registry,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<CommuneGrain> logger) : Grain, ICommuneGrain
{
    public const string StateName = "calendar";
    private const string UrgentNoticeRule = "Không yêu cầu thông báo trước (đột xuất)";
    private static readonly TimeSpan ReportRetryPeriod = TimeSpan.FromSeconds(30);

    private Commune? _commune;
    private IGrainTimer? _reportRetry;
    private readonly HashSet<string> _unpublished = [];

    private Commune Commune => _commune!;

    private IProvinceGrain Province => GrainFactory.GetGrain<IProvinceGrain>(Commune.ProvinceCode);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commune = registry.GetCommune(this.GetPrimaryKeyString());
        if (state.RecordExists)
        {
            // The last change may not have reached the province or the outbox before a crash: tell them again,
            // outside activation. Publishing is idempotent.
            var recent = time.GetUtcNow().AddDays(-1);
            _unpublished.UnionWith(state.State.Sessions
                .Where(s => s.Status is SessionStatus.Scheduled or SessionStatus.Cancelled && s.StartsAt > recent)
                .Select(s => s.Id));
            ScheduleReportRetry(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task<CommuneInfo> GetInfoAsync()
    {
        var provinceDefault = await Province.GetNoticePolicyAsync();
        return Info(provinceDefault);
    }

    public async Task<CommandResult<CommuneInfo>> SetNoticePolicyAsync(NoticePolicy? own)
    {
        var provinceDefault = await Province.GetNoticePolicyAsync();
        if (own is not null)
        {
            var errors = NoticePolicy.Validate(own.MinimumNoticeDays);
            if (errors.Count > 0)
            {
                return CommandResult<CommuneInfo>.Fail(new CommandProblem(
                    ProblemKind.Invalid, "Quy định thời hạn thông báo chưa hợp lệ.",
                    new Dictionary<string, string[]> { ["minimumNoticeDays"] = [.. errors] }));
            }

            if (!own.IsAtLeastAsStrictAs(provinceDefault))
            {
                return CommandResult<CommuneInfo>.Fail(ProblemKind.PolicyViolation,
                    $"{Commune.Name} chỉ được quy định chặt hơn mức chung của {Commune.ProvinceName} " +
                    $"(thông báo trước ít nhất {provinceDefault.Describe()}); {own.Describe()} không chặt hơn.");
            }
        }

        await CommitAsync(s => s.OwnPolicy = own);
        return CommandResult<CommuneInfo>.Ok(Info(provinceDefault));
    }

    public async Task<CommandResult<SessionInfo>> ScheduleAsync(SessionDraft draft)
    {
        var proposed = await ProposeAsync(draft);
        if (!proposed.Succeeded)
        {
            return proposed;
        }

        var session = proposed.Value!;
        await CommitAsync(s =>
        {
            s.LastSequence++;
            s.Sessions.Add(session);
        });
        LogScheduled(logger, Commune.Code, session.Id, session.Kind);
        await TryPublishAsync(session.Id);
        return CommandResult<SessionInfo>.Ok(session);
    }

    /// <summary>The session a draft would make, checked by every rule, not stored (its id the one it would get).</summary>
    private async Task<CommandResult<SessionInfo>> ProposeAsync(SessionDraft draft)
    {
        var now = time.GetUtcNow();
        var errors = SessionRules.Validate(draft, now);
        if (errors.Count > 0)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(
                ProblemKind.Invalid, "Thông tin phiên đối thoại chưa hợp lệ.", errors));
        }

        var notice = await NoticeAsync(draft.Kind, draft.StartsAt, now);
        if (notice.Problem is { } noticeProblem)
        {
            return CommandResult<SessionInfo>.Fail(noticeProblem);
        }

        if (FindClash(draft.StartsAt, draft.DurationMinutes, draft.Venue, exceptId: null) is { } clash)
        {
            return CommandResult<SessionInfo>.Fail(clash);
        }

        if (await OrganiserContactsProblemAsync(draft.Organisers) is { } organisersProblem)
        {
            return CommandResult<SessionInfo>.Fail(organisersProblem);
        }

        var localYear = VietnamTime.LocalDate(now).Year;
        return CommandResult<SessionInfo>.Ok(new SessionInfo(
            Id: $"{localYear}-{state.State.LastSequence + 1:D4}",
            CommuneCode: Commune.Code,
            Kind: draft.Kind,
            Form: draft.Form,
            Title: draft.Title.Trim(),
            Topic: draft.Topic?.Trim(),
            TargetGroup: draft.TargetGroup,
            StartsAt: VietnamTime.ToLocal(draft.StartsAt),
            DurationMinutes: draft.DurationMinutes,
            Venue: draft.Venue?.Trim(),
            OnlineUrl: draft.OnlineUrl?.Trim(),
            UrgentReason: draft.UrgentReason?.Trim(),
            Chair: ChairOf(draft),
            Status: SessionStatus.Scheduled,
            NoticeDeadline: notice.Deadline,
            NoticeRule: notice.RuleText,
            CreatedAt: now,
            History: [new SessionChange(now, SessionChangeKind.Scheduled, null, VietnamTime.ToLocal(draft.StartsAt), draft.UrgentReason?.Trim())],
            Audience: draft.Audience,
            Organisers: Trimmed(draft.Organisers)));
    }

    public async Task<CommandResult<NoticePlan>> PreviewNoticePlanAsync(SessionDraft draft)
    {
        var proposed = await ProposeAsync(draft);
        return proposed.Succeeded
            ? CommandResult<NoticePlan>.Ok(await NoticePlanComposer.ComposeAsync(GrainFactory, Commune, proposed.Value!, time.GetUtcNow()))
            : CommandResult<NoticePlan>.Fail(proposed.Problem!);
    }

    public async Task<CommandResult<SessionInfo>> RecordPastAsync(PastSessionRecord record, string by)
    {
        var now = time.GetUtcNow();
        var draft = record.Session;
        var errors = SessionRules.Validate(draft with { StartsAt = now }, now); // every field's rule but the start's
        errors.Remove("startsAt");
        var earliest = VietnamTime.At(new DateOnly(VietnamTime.LocalDate(now).Year - 1, 1, 1), TimeOnly.MinValue);
        if (draft.StartsAt.AddMinutes(draft.DurationMinutes) > now || draft.StartsAt < earliest)
        {
            errors["startsAt"] = [$"Chỉ ghi nhận hội nghị đã kết thúc, từ ngày {VietnamTime.Format(earliest)} đến nay."];
        }

        if (VietnameseText.TextProblem(record.Minutes, SessionRules.MaxMinutesLength, required: true) is { } minutesProblem)
        {
            errors["minutes"] = [$"Biên bản hội nghị {minutesProblem}"];
        }

        if (SessionRules.ReasonError(record.Reason, "ghi nhận muộn") is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(ProblemKind.Invalid, "Thông tin hội nghị đã tổ chức chưa hợp lệ.", errors));
        }

        if (FindClash(draft.StartsAt, draft.DurationMinutes, draft.Venue, exceptId: null) is { } clash)
        {
            return CommandResult<SessionInfo>.Fail(clash);
        }

        if (await OrganiserContactsProblemAsync(draft.Organisers) is { } organisersProblem)
        {
            return CommandResult<SessionInfo>.Fail(organisersProblem);
        }

        var start = VietnamTime.ToLocal(draft.StartsAt);
        var session = new SessionInfo(
            Id: $"{VietnamTime.LocalDate(now).Year}-{state.State.LastSequence + 1:D4}",
            CommuneCode: Commune.Code, Kind: draft.Kind, Form: draft.Form, Title: draft.Title.Trim(), Topic: draft.Topic?.Trim(),
            TargetGroup: draft.TargetGroup, StartsAt: start, DurationMinutes: draft.DurationMinutes, Venue: draft.Venue?.Trim(),
            OnlineUrl: draft.OnlineUrl?.Trim(), UrgentReason: draft.UrgentReason?.Trim(), Chair: ChairOf(draft), Status: SessionStatus.Held,
            NoticeDeadline: start, NoticeRule: "Ghi nhận sau khi đã tổ chức (không gửi thông báo qua nền tảng)", CreatedAt: now,
            History: [new SessionChange(now, SessionChangeKind.RecordedAfterwards, null, start, record.Reason.Trim())],
            Audience: draft.Audience, Minutes: record.Minutes.Trim(), MinutesRecordedAt: now, MinutesRecordedBy: by,
            Organisers: Trimmed(draft.Organisers), RecordedAfterwardsAt: now);

        // No notice is published: the dialogue already took place; the province's yearly count sees it held.
        await CommitAsync(s =>
        {
            s.LastSequence++;
            s.Sessions.Add(session);
        });
        return CommandResult<SessionInfo>.Ok(session);
    }

    public async Task<CommandResult<SessionInfo>> SetOrganisersAsync(string sessionId, SessionOrganisers organisers)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        var errors = organisers.Validate();
        if (errors.Count > 0)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(ProblemKind.Invalid, "Thành phần tổ chức chưa hợp lệ.", errors));
        }

        if (session.Status == SessionStatus.Cancelled || session.ResultsPublishedAt is not null)
        {
            return WrongState(session, "đổi thành phần tổ chức của");
        }

        if (await OrganiserContactsProblemAsync(organisers) is { } organisersProblem)
        {
            return CommandResult<SessionInfo>.Fail(organisersProblem);
        }

        var changed = session with
        {
            Organisers = Trimmed(organisers),
            Chair = organisers.Chair?.Describe().Trim() ?? session.Chair,
            History = [.. session.History, new SessionChange(time.GetUtcNow(), SessionChangeKind.OrganisersChanged, null, null,
                string.Join("; ", organisers.Named().Select(n => $"{n.Part}: {n.Person.Name}")))],
        };
        await ReplaceAsync(changed);
        return CommandResult<SessionInfo>.Ok(changed);
    }

    private string ChairOf(SessionDraft draft) =>
        draft.Organisers?.Chair is { } chair ? chair.Describe().Trim()
        : string.IsNullOrWhiteSpace(draft.Chair) ? $"Chủ tịch {UnitNames.Committee(Commune)}" : draft.Chair.Trim();

    private static SessionOrganisers? Trimmed(SessionOrganisers? organisers)
    {
        static Organiser? Trim(Organiser? o) => o is null ? null : new Organiser(o.Name.Trim(), o.Title.Trim(), string.IsNullOrWhiteSpace(o.ContactId) ? null : o.ContactId.Trim());
        return organisers is null ? null : new SessionOrganisers(Trim(organisers.Chair), Trim(organisers.CouncilRepresentative), Trim(organisers.FrontRepresentative), Trim(organisers.Secretary));
    }

    /// <summary>An organiser named with a contact must be on the commune's list (the results reach them there).</summary>
    private async Task<CommandProblem?> OrganiserContactsProblemAsync(SessionOrganisers? organisers)
    {
        if (organisers is null)
        {
            return null;
        }

        var registry = GrainFactory.GetGrain<IContactRegistryGrain>(Commune.Code);
        var missing = new List<string>();
        foreach (var (part, person) in organisers.Named().Where(n => !string.IsNullOrWhiteSpace(n.Person.ContactId)))
        {
            if (await registry.GetAsync(person.ContactId!.Trim()) is null)
            {
                missing.Add($"{part}: không có người liên hệ \"{VietnameseText.Quote(person.ContactId)}\" trong danh sách của xã.");
            }
        }

        return missing.Count == 0 ? null : new CommandProblem(ProblemKind.Invalid, "Thành phần tổ chức chưa hợp lệ.",
            new Dictionary<string, string[]> { ["organisers"] = [.. missing] });
    }

    public async Task<CommandResult<SessionInfo>> RescheduleAsync(string sessionId, DateTimeOffset startsAt, string reason)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (SessionRules.ReasonError(reason, "dời lịch") is { } reasonError)
        {
            errors["reason"] = [reasonError];
        }

        var startErrors = SessionRules.StartErrors(session.Kind, startsAt, now).ToList();
        if (startsAt == session.StartsAt)
        {
            startErrors.Add("Thời điểm mới trùng với thời điểm đã định.");
        }

        if (startErrors.Count > 0)
        {
            errors["startsAt"] = [.. startErrors];
        }

        if (errors.Count > 0)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(ProblemKind.Invalid, "Yêu cầu dời lịch chưa hợp lệ.", errors));
        }

        if (!SessionLifecycle.CanReschedule(session.Status))
        {
            return WrongState(session, "dời lịch");
        }

        var notice = await NoticeAsync(session.Kind, startsAt, now);
        if (notice.Problem is { } noticeProblem)
        {
            return CommandResult<SessionInfo>.Fail(noticeProblem);
        }

        if (FindClash(startsAt, session.DurationMinutes, session.Venue, exceptId: session.Id) is { } clash)
        {
            return CommandResult<SessionInfo>.Fail(clash);
        }

        var moved = session with
        {
            StartsAt = VietnamTime.ToLocal(startsAt),
            NoticeDeadline = notice.Deadline,
            NoticeRule = notice.RuleText,
            History = [.. session.History, new SessionChange(now, SessionChangeKind.Rescheduled, session.StartsAt, VietnamTime.ToLocal(startsAt), reason.Trim())],
        };
        await ReplaceAsync(moved);
        await TryPublishAsync(moved.Id);
        return CommandResult<SessionInfo>.Ok(moved);
    }

    public async Task<CommandResult<SessionInfo>> CancelAsync(string sessionId, string reason)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        if (SessionRules.ReasonError(reason, "hủy") is { } reasonError)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(
                ProblemKind.Invalid, "Yêu cầu hủy chưa hợp lệ.", new Dictionary<string, string[]> { ["reason"] = [reasonError] }));
        }

        if (!SessionLifecycle.CanMove(session.Status, SessionStatus.Cancelled))
        {
            return WrongState(session, "hủy");
        }

        var now = time.GetUtcNow();
        var cancelled = session with
        {
            Status = SessionStatus.Cancelled,
            CancelReason = reason.Trim(),
            History = [.. session.History, new SessionChange(now, SessionChangeKind.Cancelled, session.StartsAt, null, reason.Trim())],
        };
        await ReplaceAsync(cancelled);
        await TryPublishAsync(cancelled.Id);
        return CommandResult<SessionInfo>.Ok(cancelled);
    }

    public async Task<CommandResult<SessionInfo>> MarkHeldAsync(string sessionId)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        if (!SessionLifecycle.CanMove(session.Status, SessionStatus.Held))
        {
            return WrongState(session, "ghi nhận đã tổ chức");
        }

        var now = time.GetUtcNow();
        if (now < session.StartsAt)
        {
            return CommandResult<SessionInfo>.Fail(ProblemKind.WrongState,
                $"Phiên đối thoại bắt đầu lúc {VietnamTime.Format(session.StartsAt)}, chưa thể ghi nhận đã tổ chức.");
        }

        var held = session with
        {
            Status = SessionStatus.Held,
            History = [.. session.History, new SessionChange(now, SessionChangeKind.Held, null, null, null)],
        };
        await ReplaceAsync(held);
        await TryPublishAsync(held.Id); // what still waits to announce it is stale now
        return CommandResult<SessionInfo>.Ok(held);
    }

    public async Task<CommandResult<SessionInfo>> RecordMinutesAsync(string sessionId, string minutes, string by)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        if (VietnameseText.TextProblem(minutes, SessionRules.MaxMinutesLength, required: true) is { } problem)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(ProblemKind.Invalid, "Biên bản chưa hợp lệ.",
                new Dictionary<string, string[]> { ["minutes"] = [$"Biên bản hội nghị {problem}"] }));
        }

        if (session.Status is not (SessionStatus.Held or SessionStatus.Concluded))
        {
            return WrongState(session, "ghi biên bản cho");
        }

        var recorded = session with { Minutes = minutes.Trim(), MinutesRecordedAt = time.GetUtcNow(), MinutesRecordedBy = by };
        await CommitAsync(s => s.Sessions[s.Sessions.FindIndex(x => x.Id == recorded.Id)] = recorded);
        return CommandResult<SessionInfo>.Ok(recorded);
    }

    public async Task<CommandResult<SessionInfo>> ConcludeAsync(string sessionId, string conclusion, string? signedBy = null)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        if (conclusion.Length > SessionRules.MaxTextLength || VietnameseText.HasControlCharacters(conclusion))
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(
                ProblemKind.Invalid, "Kết luận chưa hợp lệ.",
                new Dictionary<string, string[]> { ["conclusion"] = [$"Ý kiến kết luận chung tối đa {SessionRules.MaxTextLength} ký tự, không chứa ký tự điều khiển."] }));
        }

        if (signedBy is not null && VietnameseText.NameProblem(signedBy, SessionRules.MaxNameLength) is { } signerProblem)
        {
            return CommandResult<SessionInfo>.Fail(new CommandProblem(
                ProblemKind.Invalid, "Người ký chưa hợp lệ.",
                new Dictionary<string, string[]> { ["signedBy"] = [$"Họ tên người ký thông báo kết luận: {signerProblem}"] }));
        }

        if (!SessionLifecycle.CanMove(session.Status, SessionStatus.Concluded))
        {
            return WrongState(session, "ghi kết luận cho");
        }

        var now = time.GetUtcNow();
        var concluded = session with
        {
            Status = SessionStatus.Concluded,
            Conclusion = string.IsNullOrWhiteSpace(conclusion) ? null : conclusion.Trim(),
            ConclusionSignedBy = signedBy?.Trim(),
            History = [.. session.History, new SessionChange(now, SessionChangeKind.Concluded, null, null, null)],
        };
        await ReplaceAsync(concluded);
        return CommandResult<SessionInfo>.Ok(concluded);
    }

    public async Task<CommandResult<SessionInfo>> PublishResultsAsync(string sessionId)
    {
        if (Find(sessionId) is not { } session)
        {
            return NotFound(sessionId);
        }

        if (session.ResultsPublishedAt is not null)
        {
            return CommandResult<SessionInfo>.Ok(session); // published already: the same number, as often as asked
        }

        if (session.Status != SessionStatus.Concluded)
        {
            return CommandResult<SessionInfo>.Fail(ProblemKind.WrongState,
                $"Phiên đối thoại {session.Status.Vietnamese()}: chỉ công bố kết quả sau khi chủ trì ký kết luận.");
        }

        var now = time.GetUtcNow();
        var year = VietnamTime.LocalDate(now).Year;
        var number = state.State.LastConclusionYear == year ? state.State.LastConclusionNumber + 1 : 1; // numbering restarts each year
        var published = session with
        {
            ConclusionNumber = number,
            ResultsPublishedAt = now,
            History = [.. session.History, new SessionChange(now, SessionChangeKind.ResultsPublished, null, null, $"Thông báo kết luận số {number}/TB-UBND")],
        };
        await CommitAsync(s =>
        {
            s.LastConclusionYear = year;
            s.LastConclusionNumber = number;
            s.Sessions[s.Sessions.FindIndex(x => x.Id == published.Id)] = published;
        });
        return CommandResult<SessionInfo>.Ok(published);
    }

    public Task ReportFollowUpsAsync(string sessionId, IReadOnlyList<DateOnly> owed)
    {
        var known = state.State.FollowUpsOwed.GetValueOrDefault(sessionId) ?? [];
        if (Find(sessionId) is null || known.SequenceEqual(owed))
        {
            return Task.CompletedTask;
        }

        return CommitAsync(s =>
        {
            if (owed.Count == 0)
            {
                s.FollowUpsOwed.Remove(sessionId);
            }
            else
            {
                s.FollowUpsOwed[sessionId] = [.. owed.Order()];
            }
        });
    }

    public async Task<NoticeCheck> CheckNoticeAsync(SessionKind kind, DateTimeOffset startsAt)
    {
        var now = time.GetUtcNow();
        var startErrors = SessionRules.StartErrors(kind, startsAt, now).ToList();
        var notice = await NoticeAsync(kind, startsAt, now);
        if (startErrors.Count > 0)
        {
            return new NoticeCheck(false, notice.RuleText, string.Join(" ", startErrors), null, null);
        }

        if (notice.Problem is { } problem)
        {
            return new NoticeCheck(false, notice.RuleText, problem.Message, null, problem.EarliestAllowedStart);
        }

        var explanation = kind == SessionKind.Urgent
            ? "Hội nghị đối thoại đột xuất không yêu cầu thông báo trước; cần ghi rõ lý do tổ chức đột xuất."
            : $"Hợp lệ: {notice.RuleText}. Thông báo phải được gửi chậm nhất {VietnamTime.Format(notice.Deadline)}.";
        return new NoticeCheck(true, notice.RuleText, explanation, notice.Deadline, null);
    }

    public Task<SessionInfo?> GetSessionAsync(string sessionId) => Task.FromResult(Find(sessionId));

    public Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(DateTimeOffset? from, DateTimeOffset? to)
    {
        IReadOnlyList<SessionInfo> sessions = state.State.Sessions
            .Where(s => (from is null || s.EndsAt > from) && (to is null || s.StartsAt < to))
            .OrderBy(s => s.StartsAt)
            .ToList();
        return Task.FromResult(sessions);
    }

    public Task<CommuneCalendarReport> GetReportAsync() => Task.FromResult(Report());

    public async Task<int> RecountDeadlinesAsync(int year)
    {
        var now = time.GetUtcNow();
        var touched = state.State.Sessions
            .Where(s => s.Status == SessionStatus.Scheduled && s.Kind != SessionKind.Urgent && s.StartsAt > now
                && VietnamTime.LocalDate(s.NoticeDeadline).Year <= year && year <= VietnamTime.LocalDate(s.StartsAt).Year)
            .ToList();
        if (touched.Count == 0)
        {
            return 0;
        }

        var policies = NoticeRule.Effective(await Province.GetNoticePolicyAsync(), state.State.OwnPolicy);
        if (policies.All(p => p.DayKind == NoticeDayKind.Calendar))
        {
            return 0;
        }

        var moved = new List<SessionInfo>();
        foreach (var session in touched)
        {
            var rule = new NoticeRule(policies, await WorkingDaysAsync(policies, now, session.StartsAt));
            var deadline = rule.Deadline(session.StartsAt);
            if (deadline != session.NoticeDeadline)
            {
                var reason = $"Danh sách ngày nghỉ năm {year} thay đổi: hạn thông báo đổi từ {VietnamTime.Format(session.NoticeDeadline)} sang {VietnamTime.Format(deadline)}.";
                moved.Add(session with
                {
                    NoticeDeadline = deadline,
                    History = [.. session.History, new SessionChange(now, SessionChangeKind.DeadlineRecounted, null, null, reason, session.NoticeDeadline, deadline)],
                });
            }
        }

        if (moved.Count > 0)
        {
            await CommitAsync(s =>
            {
                foreach (var session in moved)
                {
                    s.Sessions[s.Sessions.FindIndex(x => x.Id == session.Id)] = session;
                }
            });
            foreach (var session in moved)
            {
                await TryPublishAsync(session.Id);
            }
        }

        return moved.Count;
    }

    public Task ReportPreparationAsync(string sessionId, IReadOnlyList<DateOnly> owed)
    {
        var known = state.State.PreparationOwed.GetValueOrDefault(sessionId) ?? [];
        if (Find(sessionId) is null || known.SequenceEqual(owed))
        {
            return Task.CompletedTask;
        }

        return CommitAsync(s =>
        {
            if (owed.Count == 0)
            {
                s.PreparationOwed.Remove(sessionId);
            }
            else
            {
                s.PreparationOwed[sessionId] = [.. owed.Order()];
            }
        });
    }

    public Task ReportInviteesLateAsync(string sessionId, int chosenLate)
    {
        if (Find(sessionId) is null || state.State.InviteesChosenLate.GetValueOrDefault(sessionId) == chosenLate)
        {
            return Task.CompletedTask;
        }

        return CommitAsync(s => s.InviteesChosenLate[sessionId] = chosenLate);
    }

    public async Task<IReadOnlyList<DialogueRequest>> TakeLegacyDialogueRequestsAsync()
    {
        var legacy = state.State.DialogueRequests.ToList();
        if (legacy.Count > 0)
        {
            await CommitAsync(s =>
            {
                s.DialogueRequestsOwed = legacy.Count(r => r.Owed);
                s.DialogueRequests.Clear();
            });
        }

        return legacy;
    }

    public Task SetDialogueRequestsOwedAsync(int owed) =>
        owed == state.State.DialogueRequestsOwed ? Task.CompletedTask : CommitAsync(s => s.DialogueRequestsOwed = owed);

    private CommuneInfo Info(NoticePolicy provinceDefault) => new(
        Commune.Code, Commune.Name, Commune.Kind, Commune.ProvinceCode, Commune.ProvinceName,
        provinceDefault, state.State.OwnPolicy, NoticeRule.Effective(provinceDefault, state.State.OwnPolicy));

    private SessionInfo? Find(string sessionId) => state.State.Sessions.Find(s => s.Id == sessionId);

    private async Task<(DateTimeOffset Deadline, string RuleText, CommandProblem? Problem)> NoticeAsync(
        SessionKind kind, DateTimeOffset startsAt, DateTimeOffset now)
    {
        var policies = NoticeRule.Effective(await Province.GetNoticePolicyAsync(), state.State.OwnPolicy);
        var rule = new NoticeRule(policies, await WorkingDaysAsync(policies, now, startsAt));
        var ruleText = string.Join(" và ", policies.Select(p => $"thông báo trước ít nhất {p.Describe()}"));
        if (kind == SessionKind.Urgent)
        {
            // Plan 004: urgent only when a pressing case cannot wait for ordinary notice. A start that ordinary notice can
            // still reach is scheduled as a periodic or thematic dialogue, with its invitations and announcements.
            return rule.Allows(startsAt, now)
                ? (default, UrgentNoticeRule, new CommandProblem(ProblemKind.PolicyViolation,
                    $"Thời điểm {VietnamTime.Format(startsAt)} vẫn đủ thời gian thông báo theo quy định ({ruleText}, hạn thông báo " +
                    $"{VietnamTime.Format(rule.Deadline(startsAt))}): hội nghị đột xuất chỉ dành cho trường hợp không thể chờ thông báo trước. " +
                    "Hãy lên lịch hội nghị định kỳ hoặc chuyên đề."))
                : (VietnamTime.ToLocal(startsAt), UrgentNoticeRule, null);
        }

        if (rule.Allows(startsAt, now))
        {
            return (rule.Deadline(startsAt), ruleText, null);
        }

        var earliest = rule.EarliestAllowedStart(now);
        LogNoticeRefused(logger, Commune.Code, kind);
        return (default, ruleText, new CommandProblem(
            ProblemKind.NoticeTooShort,
            $"Hội nghị đối thoại {kind.Vietnamese()} phải {ruleText}. " +
            $"Thời điểm bắt đầu sớm nhất có thể là {VietnamTime.Format(earliest)}.",
            EarliestAllowedStart: earliest));
    }

    /// <summary>The working days between now and the session, with each year's days off (official list or default).</summary>
    private async Task<WorkingDayCalendar> WorkingDaysAsync(IReadOnlyList<NoticePolicy> policies, DateTimeOffset now, DateTimeOffset startsAt)
    {
        if (policies.All(p => p.DayKind == NoticeDayKind.Calendar))
        {
            return WorkingDayCalendar.WithoutHolidays;
        }

        // The deadline and the earliest start lie between the year before the earlier moment and the later one
        // (at most 60 working days, under three months, before a session).
        var firstYear = Math.Min(VietnamTime.LocalDate(now).Year, VietnamTime.LocalDate(startsAt).Year) - 1;
        var lastYear = Math.Max(VietnamTime.LocalDate(now).Year, VietnamTime.LocalDate(startsAt).Year) + 1;
        var years = await Task.WhenAll(Enumerable.Range(firstYear, lastYear - firstYear + 1)
            .Select(y => GrainFactory.GetGrain<IHolidayCalendarGrain>(y).GetAsync()));
        return HolidayYear.Calendar(years);
    }

    private CommandProblem? FindClash(DateTimeOffset startsAt, int durationMinutes, string? venue, string? exceptId)
    {
        var other = state.State.Sessions.Find(s =>
            s.Id != exceptId
            && SessionLifecycle.OccupiesVenue(s.Status)
            && SessionRules.Clash(startsAt, durationMinutes, venue, s.StartsAt, s.DurationMinutes, s.Venue));
        return other is null
            ? null
            : new CommandProblem(
                ProblemKind.Clash,
                $"Địa điểm \"{other.Venue}\" đã có phiên \"{other.Title}\" ({other.Id}) từ {VietnamTime.Format(other.StartsAt)} " +
                $"đến {VietnamTime.Format(other.EndsAt)}.",
                ConflictingSessionId: other.Id);
    }

    private Task ReplaceAsync(SessionInfo changed) => CommitAsync(s =>
    {
        var index = s.Sessions.FindIndex(x => x.Id == changed.Id);
        s.Sessions[index] = changed;
    });

    /// <summary>Applies a change, writes it (or reloads what storage holds), and reports to the province.</summary>
    private async Task CommitAsync(Action<CommuneCalendarState> change)
    {
        change(state.State);
        state.State.Version++;
        await state.WriteOrReloadAsync(this);

        await TryReportAsync();
    }

    private async Task TryReportAsync()
    {
        foreach (var sessionId in _unpublished.ToList())
        {
            await TryPublishAsync(sessionId);
        }

        try
        {
            await Province.ReportAsync(Report());
            if (_unpublished.Count == 0)
            {
                _reportRetry?.Dispose();
                _reportRetry = null;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The change is stored; only the province's view lags. Try again until it hears.
            LogReportFailed(logger, error, Commune.Code);
            ScheduleReportRetry(ReportRetryPeriod);
        }
    }

    /// <summary>Hands the session's notices to the delivery outbox (a row each; the fan-out runs outside this turn).</summary>
    private async Task TryPublishAsync(string sessionId)
    {
        try
        {
            if (Find(sessionId) is { } session)
            {
                await GrainFactory.GetGrain<ISessionNoticeGrain>(SessionNoticeKey.Of(Commune.Code, sessionId)).PublishAsync(SessionNotice.Of(session));
            }

            _unpublished.Remove(sessionId);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogPublishFailed(logger, error, Commune.Code, sessionId);
            _unpublished.Add(sessionId);
            ScheduleReportRetry(ReportRetryPeriod);
        }
    }

    private void ScheduleReportRetry(TimeSpan dueTime)
    {
        _reportRetry ??= this.RegisterGrainTimer(TryReportAsync, new GrainTimerCreationOptions(dueTime, ReportRetryPeriod));
    }

    private CommuneCalendarReport Report()
    {
        // The province looks at this year and what is ahead; last year's sessions are kept for the turn of the year.
        var since = VietnamTime.At(new DateOnly(VietnamTime.LocalDate(time.GetUtcNow()).Year - 1, 1, 1), TimeOnly.MinValue);
        return new CommuneCalendarReport(
            Commune.Code,
            state.State.Version,
            state.State.Sessions
                .Where(s => s.StartsAt >= since)
                .Select(s => new SessionSummary(Commune.Code, s.Id, s.Kind, s.Title, s.StartsAt, s.DurationMinutes, s.Status, s.ResultsPublishedAt,
                    state.State.PreparationOwed.GetValueOrDefault(s.Id), state.State.InviteesChosenLate.GetValueOrDefault(s.Id),
                    state.State.FollowUpsOwed.GetValueOrDefault(s.Id)))
                .ToList(),
            state.State.DialogueRequestsOwed + state.State.DialogueRequests.Count(r => r.Owed)); // the list: until handed over
    }

    private static CommandResult<SessionInfo> NotFound(string sessionId) =>
        CommandResult<SessionInfo>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {sessionId}.");

    private static CommandResult<SessionInfo> WrongState(SessionInfo session, string action) =>
        CommandResult<SessionInfo>.Fail(ProblemKind.WrongState, SessionLifecycle.Refusal(session.Status, action));

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} scheduled session {SessionId} ({Kind})")]
    private static partial void LogScheduled(ILogger logger, string communeCode, string sessionId, SessionKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode} refused a {Kind} session: notice too short")]
    private static partial void LogNoticeRefused(ILogger logger, string communeCode, SessionKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commune {CommuneCode} could not hand session {SessionId} to the outbox; retrying")]
    private static partial void LogPublishFailed(ILogger logger, Exception error, string communeCode, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commune {CommuneCode} could not report its calendar to its province; retrying")]
    private static partial void LogReportFailed(ILogger logger, Exception error, string communeCode);
}
