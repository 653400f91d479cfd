using System.Globalization;
using DoiThoai.Documents;
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
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Results;

[GenerateSerializer, Alias("DoiThoai.SessionResultsState")]
public sealed class SessionResultsState
{
    [Id(0)] public List<ConclusionItem> Items { get; set; } = [];

    [Id(1)] public string? ClosingRemarks { get; set; }

    [Id(2)] public string? SignedBy { get; set; }

    [Id(3)] public DateTimeOffset? SignedAt { get; set; }

    [Id(4)] public int? NoticeNumber { get; set; }

    [Id(5)] public int? NoticeYear { get; set; }

    [Id(6)] public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The conclusion notice as published and sent.</summary>
    [Id(7)] public byte[]? NoticePdf { get; set; }

    /// <summary>Written with the publication; cleared once its messages, tasks and petitions' outcomes are handed on.</summary>
    [Id(8)] public bool FanOutPending { get; set; }

    [Id(9)] public List<FollowUpTask> FollowUps { get; set; } = [];

    /// <summary>Petitions whose answer (a closed follow-up) is not yet passed to the registry.</summary>
    [Id(10)] public List<string> PetitionAnswersPending { get; set; } = [];

    /// <summary>The follow-ups' due days the commune last heard (for its province's oversight).</summary>
    [Id(11)] public List<DateOnly>? ReportedOwed { get; set; }

    /// <summary>Who published (the office's officer), named in the petitions' history the publication updates.</summary>
    [Id(12)] public string? PublishedBy { get; set; }
}

/// <summary>
/// One session's results. The office drafts the structured conclusion after the session, the chair signs it, and
/// "Công bố kết quả" publishes it: the commune gives the notice its number, the PDF is rendered once and kept as sent,
/// and the messages go out through the outbox (e-mail with the PDF to the hamlet heads, the invitees and the
/// co-organisers; SMS with a public link; the loudspeakers in the next three days' slots). Items to be handled become
/// follow-up tasks reminded like milestones; petitions linked to items hear the outcome. What publication owes is
/// stored with it and handed on again after a crash.
/// </summary>
public sealed partial class SessionResultsGrain(
    [PersistentState(SessionResultsGrain.StateName, GrainStorage.Name)] IPersistentState<SessionResultsState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    PublicSite site,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionResultsGrain> logger) : Grain, ISessionResultsGrain
{
    public const string StateName = "results";
    public const string ResultsNotice = "results";
    public const int MaxItems = 200;
    public const int MaxMatterLength = 1000;
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(30);

    private IGrainTimer? _retry;

    private (string Commune, string Session) Key => SessionNoticeKey.Split(this.GetPrimaryKeyString());

    private string PartKey => SessionOutboxKey.Of(this.GetPrimaryKeyString(), SessionPart.Results);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.FanOutPending || state.State.PetitionAnswersPending.Count > 0)
        {
            _retry = this.RegisterGrainTimer(HandOnAsync, new GrainTimerCreationOptions(TimeSpan.Zero, RetryPeriod));
        }

        return Task.CompletedTask;
    }

    public async Task<SessionResults?> GetAsync() => await SessionAsync() is { } session ? await ViewAsync(session) : null;

    public async Task<CommandResult<SessionResults>> SaveDraftAsync(ConclusionDraft draft)
    {
        if (await SessionAsync() is not { } session)
        {
            return NotFound();
        }

        if (state.State.SignedAt is not null || session.Status != SessionStatus.Held)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.WrongState, state.State.SignedAt is not null
                ? "Kết luận đã được ký; không sửa được. Nội dung cần bổ sung ghi vào thông báo khác."
                : $"Phiên đối thoại {session.Status.Vietnamese()}: kết luận được ghi sau khi hội nghị diễn ra (ghi nhận đã tổ chức).");
        }

        if (await DraftProblemAsync(draft, session) is { } problem)
        {
            return CommandResult<SessionResults>.Fail(problem);
        }

        (state.State.Items, state.State.ClosingRemarks) = (Trimmed(draft.Items), Blank(draft.ClosingRemarks));
        await state.WriteOrReloadAsync(this);
        return CommandResult<SessionResults>.Ok(await ViewAsync(session));
    }

    public async Task<CommandResult<SessionResults>> SignAsync(string signedBy, ConclusionDraft? draft)
    {
        if (draft is not null && await SaveDraftAsync(draft) is { Succeeded: false } refused)
        {
            return refused;
        }

        if (await SessionAsync() is not { } session)
        {
            return NotFound();
        }

        if (VietnameseText.NameProblem(signedBy, SessionRules.MaxNameLength) is { } signerProblem)
        {
            return CommandResult<SessionResults>.Fail(new CommandProblem(ProblemKind.Invalid, "Người ký chưa hợp lệ.",
                new Dictionary<string, string[]> { ["signedBy"] = [$"Họ tên người ký thông báo kết luận: {signerProblem}"] }));
        }

        if (state.State.Items.Count == 0 && state.State.ClosingRemarks is null)
        {
            return CommandResult<SessionResults>.Fail(new CommandProblem(ProblemKind.Invalid, "Kết luận chưa có nội dung.",
                new Dictionary<string, string[]> { ["items"] = ["Cần ít nhất một nội dung kết luận hoặc ý kiến kết luận chung."] }));
        }

        if (state.State.SignedAt is not null)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.WrongState, $"Kết luận đã được ký ngày {VietnamTime.Format(state.State.SignedAt.Value)}.");
        }

        var concluded = await Commune.ConcludeAsync(Key.Session, state.State.ClosingRemarks ?? "", signedBy.Trim());
        if (!concluded.Succeeded)
        {
            return CommandResult<SessionResults>.Fail(concluded.Problem!);
        }

        (state.State.SignedBy, state.State.SignedAt) = (signedBy.Trim(), time.GetUtcNow());
        await state.WriteOrReloadAsync(this);
        LogSigned(logger, this.GetPrimaryKeyString(), state.State.Items.Count);
        return CommandResult<SessionResults>.Ok(await ViewAsync(concluded.Value!));
    }

    public async Task<CommandResult<SessionResults>> PublishAsync(string by)
    {
        if (await SessionAsync() is null)
        {
            return NotFound();
        }

        if (state.State.SignedAt is null)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.WrongState, "Kết luận chưa được chủ trì ký; chưa công bố được.");
        }

        if (state.State.PublishedAt is { } already)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.WrongState,
                $"Kết quả đã được công bố ngày {VietnamTime.Format(already)} (Thông báo số {state.State.NoticeNumber}/TB-UBND).");
        }

        // The commune numbers the notice and stops the 10-day count; asked again after a crash it answers the same number.
        var published = await Commune.PublishResultsAsync(Key.Session);
        if (!published.Succeeded)
        {
            return CommandResult<SessionResults>.Fail(published.Problem!);
        }

        var session = published.Value!;
        var publishedAt = session.ResultsPublishedAt!.Value;
        state.State.NoticeNumber = session.ConclusionNumber;
        state.State.NoticeYear = VietnamTime.LocalDate(publishedAt).Year;
        state.State.PublishedAt = publishedAt;
        state.State.FollowUps = [.. state.State.Items
            .Select((item, index) => (item, index))
            .Where(x => x.item.Outcome == ConclusionOutcome.ToBeHandled)
            .Select((x, n) => new FollowUpTask($"f{n + 1}", x.index, x.item.Matter, x.item.Unit!, x.item.OwnerRole, x.item.DueDate!.Value, PetitionId: x.item.PetitionId))];
        var dossier = await DossierAsync(session);
        state.State.NoticePdf = DialogueDocuments.Render(DocumentKind.ConclusionNotice, PaperFormat.Pdf, dossier).Bytes;
        state.State.FanOutPending = true;
        state.State.PublishedBy = by;
        await state.WriteOrReloadAsync(this);
        LogPublished(logger, this.GetPrimaryKeyString(), state.State.NoticeNumber ?? 0);

        await HandOnAsync();
        return CommandResult<SessionResults>.Ok(await ViewAsync(session));
    }

    public async Task<CommandResult<SessionResults>> CloseFollowUpAsync(string key, string whatWasDone, string by)
    {
        if (await SessionAsync() is not { } session)
        {
            return NotFound();
        }

        var index = state.State.FollowUps.FindIndex(f => f.Key == key);
        if (index < 0)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.NotFound, $"Không có việc theo dõi {VietnameseText.Quote(key)}.");
        }

        if (VietnameseText.TextProblem(whatWasDone, SessionRules.MaxTextLength, required: true) is { } problem)
        {
            return CommandResult<SessionResults>.Fail(new CommandProblem(ProblemKind.Invalid, "Kết quả thực hiện chưa hợp lệ.",
                new Dictionary<string, string[]> { ["whatWasDone"] = [$"Kết quả thực hiện {problem}"] }));
        }

        var task = state.State.FollowUps[index];
        if (task.ClosedAt is not null)
        {
            return CommandResult<SessionResults>.Fail(ProblemKind.WrongState, $"Việc \"{VietnameseText.Quote(task.Matter)}\" đã đóng.");
        }

        state.State.FollowUps[index] = task with { ClosedAt = time.GetUtcNow(), ClosedBy = by, WhatWasDone = whatWasDone.Trim() };
        if (task.PetitionId is { } petition)
        {
            state.State.PetitionAnswersPending.Add(key); // the petitioner hears what was done
        }

        await state.WriteOrReloadAsync(this);
        await HandOnAsync();
        return CommandResult<SessionResults>.Ok(await ViewAsync(session));
    }

    public Task<byte[]?> GetPublishedNoticeAsync() => Task.FromResult(state.State.PublishedAt is null ? null : state.State.NoticePdf);

    public async Task<int> RunCheckAsync(FollowUpCheck check)
    {
        var (name, overdue) = (check.Name, check.Overdue);
        var task = state.State.FollowUps.FirstOrDefault(f => f.Key == check.Task && f.DueDate == check.Due && f.ClosedAt is null);
        if (task is null || await SessionAsync() is not { } session)
        {
            return 0; // closed since, or a job planned for a day no longer due
        }

        await ReportOwedAsync();
        var commune = registry.GetCommune(Key.Commune);
        var owners = await Contacts.ResolveAsync(new Audience(Roles: [task.OwnerRole]));
        var text = NoticeTexts.FollowUpReminder(commune.Name, session.Title, VietnamTime.LocalDate(session.StartsAt), task.Matter, task.Unit, task.DueDate, overdue);
        var sms = await SmsPolicy.PrepareAsync(GrainFactory, commune, text.Sms);
        var messages = OutboxMessage.ToContacts(PartKey, name, owners, time.GetUtcNow(), _ => text.Email, sms);
        return messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages);
    }

    /// <summary>Hands on what publication (or a closed task) owes; a failure is logged and tried again by a timer.</summary>
    private async Task HandOnAsync()
    {
        try
        {
            if (state.State.FanOutPending && await SessionAsync() is { } session)
            {
                await FanOutAsync(session);
                state.State.FanOutPending = false;
                await state.WriteOrReloadAsync(this);
            }

            foreach (var key in state.State.PetitionAnswersPending.ToList())
            {
                if (state.State.FollowUps.Find(f => f.Key == key) is { PetitionId: { } petition, WhatWasDone: { } done })
                {
                    await Petitions.AnswerAsync(petition, $"Kết quả thực hiện kết luận tại hội nghị đối thoại (Thông báo số {state.State.NoticeNumber}/TB-UBND): {done}",
                        "Văn phòng HĐND và UBND (theo dõi thực hiện kết luận)");
                }

                state.State.PetitionAnswersPending.Remove(key);
                await state.WriteOrReloadAsync(this);
            }

            await ReportOwedAsync();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogHandOnFailed(logger, error, this.GetPrimaryKeyString());
            _retry ??= this.RegisterGrainTimer(HandOnAsync, new GrainTimerCreationOptions(RetryPeriod, RetryPeriod));
        }
    }

    /// <summary>The results to everyone owed them, the follow-ups' reminders, and the petitions' outcomes: each idempotent.</summary>
    private async Task FanOutAsync(SessionInfo session)
    {
        var commune = registry.GetCommune(Key.Commune);
        var number = state.State.NoticeNumber!.Value;
        var year = state.State.NoticeYear!.Value;
        var link = site.Link($"kq/{Uri.EscapeDataString(commune.Code)}/{Uri.EscapeDataString(session.Id)}");
        var now = time.GetUtcNow();
        var sendAt = SendingWindow.SendAt(now, urgent: false);

        var recipients = await RecipientsAsync(session);
        var lines = state.State.Items.Select(DialogueDocuments.DescribeItem).ToList();
        var sms = await SmsPolicy.PrepareAsync(GrainFactory, commune,
            NoticeTexts.ResultsSms(commune.Name, session.Title, session.StartsAt, number, year, Summary(state.State.Items), link));
        var messages = OutboxMessage.ToContacts(this.GetPrimaryKeyString(), ResultsNotice, recipients, sendAt,
            c => NoticeTexts.ResultsEmail(commune.Name, session.Title, session.StartsAt, number, year, c.FullName, lines, link), sms)
            .Select(m => m.Channel == DeliveryChannel.Email ? m with { Document = PublishedDocument.ConclusionNotice } : m)
            .ToList();

        var loudspeakers = await GrainFactory.GetGrain<ILoudspeakerSystemGrain>(commune.Code).GetAsync();
        var script = NoticeTexts.ResultsLoudspeakerScript(commune.Name, session.Title, session.StartsAt, number);
        messages.AddRange(from slot in NoticeTimeline.ResultsBroadcasts(now, loudspeakers.Slots)
                          from cluster in loudspeakers.Clusters
                          select new OutboxMessage(this.GetPrimaryKeyString(), "results-broadcast-" + Slot(slot), cluster.Id, DeliveryChannel.Loudspeaker, slot,
                              $"{commune.Code}/{cluster.Id}", script));

        var checks = new List<TimedJob>();
        foreach (var task in state.State.FollowUps.Where(f => f.ClosedAt is null))
        {
            if (PreparationTemplates.ReminderAt(task.DueDate, now) is { } remindAt)
            {
                checks.Add(new FollowUpCheckJob(this.GetPrimaryKeyString(), new FollowUpCheck(task.Key, task.DueDate, Overdue: false), remindAt));
            }

            if (PreparationTemplates.OverdueAlertAt(task.DueDate, now) is { } alertAt)
            {
                checks.Add(new FollowUpCheckJob(this.GetPrimaryKeyString(), new FollowUpCheck(task.Key, task.DueDate, Overdue: true), alertAt));
            }
        }

        await timedWork.PlanAsync(checks);

        foreach (var chunk in messages.Chunk(1000))
        {
            await outbox.EnqueueAsync(chunk);
        }

        foreach (var item in state.State.Items.Where(i => i.PetitionId is not null))
        {
            var applied = await Petitions.ApplyConclusionAsync(item.PetitionId!, item, $"{number}/TB-UBND",
                $"{state.State.PublishedBy ?? "Văn phòng HĐND và UBND"}, theo kết luận của chủ trì ({state.State.SignedBy})");
            if (!applied.Succeeded)
            {
                LogPetitionNotApplied(logger, this.GetPrimaryKeyString(), item.PetitionId!, applied.Problem!.Message);
            }
        }

        LogFannedOut(logger, this.GetPrimaryKeyString(), recipients.Count, messages.Count);
    }

    /// <summary>
    /// The hamlet heads, the session's invitees (its audience and those chosen by quota) and the co-organisers (those
    /// named with a contact, and the Front's committee), each once.
    /// </summary>
    private async Task<List<Contact>> RecipientsAsync(SessionInfo session)
    {
        var everyone = await Contacts.ResolveAsync(Audience.Everyone);
        var audience = session.Audience ?? Audience.Everyone;
        var chosen = (await GrainFactory.GetGrain<ISessionInviteesGrain>(this.GetPrimaryKeyString()).GetAsync())?.Groups
            .SelectMany(g => g.Members).Select(m => m.ContactId).ToHashSet() ?? [];
        var organisers = session.Organisers?.Named().Select(n => n.Person.ContactId).OfType<string>().ToHashSet() ?? [];
        return [.. everyone.Where(c => c.Role is ContactRole.HamletHead or ContactRole.FrontCommittee
            || audience.Includes(c) || chosen.Contains(c.Id) || organisers.Contains(c.Id))];
    }

    /// <summary>"Đã trả lời 3 ý kiến, giải quyết 1, giao 2 việc, chuyển 1 nội dung lên cấp trên."</summary>
    private static string Summary(IReadOnlyList<ConclusionItem> items)
    {
        int Count(ConclusionOutcome o) => items.Count(i => i.Outcome == o);
        var parts = new List<string>();
        if (Count(ConclusionOutcome.AnsweredAtSession) is > 0 and var answered)
        {
            parts.Add($"trả lời {answered} ý kiến");
        }

        if (Count(ConclusionOutcome.Settled) is > 0 and var settled)
        {
            parts.Add($"giải quyết {settled} nội dung");
        }

        if (Count(ConclusionOutcome.ToBeHandled) is > 0 and var handled)
        {
            parts.Add($"giao {handled} việc có thời hạn");
        }

        if (Count(ConclusionOutcome.BeyondCommune) is > 0 and var beyond)
        {
            parts.Add($"chuyển {beyond} nội dung lên cấp trên");
        }

        return parts.Count == 0 ? "Đã có kết luận của chủ trì." : $"Đã {string.Join(", ", parts)}.";
    }

    private async Task<CommandProblem?> DraftProblemAsync(ConclusionDraft draft, SessionInfo session)
    {
        var problems = new List<string>();
        var items = draft.Items ?? [];
        if (items.Count > MaxItems)
        {
            problems.Add($"Tối đa {MaxItems} nội dung kết luận.");
        }

        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var petitions = items.Any(i => i?.PetitionId is not null) ? (await Petitions.ListAsync(null, false)).Select(p => p.Id).ToHashSet() : [];
        var speakers = items.Any(i => i?.SpeakerNumber is not null)
            ? (await GrainFactory.GetGrain<ISpeakerListGrain>(this.GetPrimaryKeyString()).ListAsync()).Select(s => s.Number).ToHashSet()
            : [];
        for (var i = 0; i < items.Count && problems.Count < 20; i++)
        {
            var (n, item) = (i + 1, items[i]);
            if (item is null)
            {
                problems.Add($"Nội dung {n}: trống.");
                continue;
            }

            if (VietnameseText.TextProblem(item.Matter, MaxMatterLength, required: true) is { } matter)
            {
                problems.Add($"Nội dung {n}: vấn đề được nêu {matter}");
            }

            if (VietnameseText.TextProblem(item.Answer, SessionRules.MaxTextLength, required: false) is { } answer)
            {
                problems.Add($"Nội dung {n}: nội dung trả lời {answer}");
            }

            switch (item.Outcome)
            {
                case ConclusionOutcome.ToBeHandled:
                    if (VietnameseText.TextProblem(item.Unit, Domain.Petitions.PetitionRules.MaxUnitLength, required: true) is { } unit)
                    {
                        problems.Add($"Nội dung {n}: đơn vị được giao {unit}");
                    }

                    if (item.DueDate is not { } due || due < today || due > today.AddDays(Domain.Petitions.PetitionRules.MaxDueDays))
                    {
                        problems.Add($"Nội dung {n}: hạn giải quyết phải từ hôm nay ({today:dd/MM/yyyy}) đến {Domain.Petitions.PetitionRules.MaxDueDays} ngày tới.");
                    }

                    if (item.OwnerRole is not (ContactRole.Officer or ContactRole.FrontCommittee or ContactRole.HamletHead))
                    {
                        problems.Add($"Nội dung {n}: người được nhắc việc là cán bộ, Mặt trận hoặc trưởng thôn/tổ trưởng.");
                    }

                    break;
                case ConclusionOutcome.BeyondCommune:
                    if (VietnameseText.TextProblem(item.SentTo, Domain.Petitions.PetitionRules.MaxUnitLength, required: true) is { } body)
                    {
                        problems.Add($"Nội dung {n}: cơ quan được chuyển đến {body}");
                    }

                    break;
                case ConclusionOutcome.AnsweredAtSession or ConclusionOutcome.Settled:
                    break;
                default:
                    problems.Add($"Nội dung {n}: kết quả phải là answered-at-session, settled, to-be-handled hoặc beyond-commune.");
                    break;
            }

            if (item.PetitionId is { } petition && !petitions.Contains(petition))
            {
                problems.Add($"Nội dung {n}: không có kiến nghị {VietnameseText.Quote(petition)} của xã.");
            }

            if (item.SpeakerNumber is { } speaker && !speakers.Contains(speaker))
            {
                problems.Add($"Nội dung {n}: không có người đăng ký phát biểu số {speaker} của phiên này.");
            }
        }

        var errors = new Dictionary<string, string[]>();
        if (problems.Count > 0)
        {
            errors["items"] = [.. problems];
        }

        if (VietnameseText.TextProblem(draft.ClosingRemarks, SessionRules.MaxTextLength, required: false) is { } remarks)
        {
            errors["closingRemarks"] = [$"Ý kiến kết luận chung {remarks}"];
        }

        return errors.Count == 0 ? null : new CommandProblem(ProblemKind.Invalid, $"Kết luận của {session.Title} chưa hợp lệ.", errors);
    }

    private async Task<SessionResults> ViewAsync(SessionInfo session)
    {
        var today = VietnamTime.LocalDate(time.GetUtcNow());
        var counts = state.State.PublishedAt is null ? [] : await outbox.CountAsync(this.GetPrimaryKeyString(), [ResultsNotice]);
        var tallies = counts.GroupBy(c => c.Channel).Select(g => DeliveryTally.Of(g.Key, g.Select(c => (c.Status, c.Count)))).ToList();
        var due = Oversight.ResultsDue(session.StartsAt);
        return new SessionResults(session.Id, [.. state.State.Items], state.State.ClosingRemarks, state.State.SignedBy, state.State.SignedAt,
            state.State.NoticeNumber, state.State.NoticeYear, state.State.PublishedAt, due,
            Oversight.ResultsLate(session.Status, session.StartsAt, state.State.PublishedAt, time.GetUtcNow()),
            [.. state.State.FollowUps.Select(f => new FollowUpStatus(f, f.ClosedAt is null && today > f.DueDate, f.DueDate.DayNumber - today.DayNumber))],
            tallies,
            state.State.PublishedAt is null ? null : site.Link($"kq/{Uri.EscapeDataString(Key.Commune)}/{Uri.EscapeDataString(session.Id)}"));
    }

    /// <summary>What the documents of the session are written from, gathered from its grains.</summary>
    private async Task<SessionDossier> DossierAsync(SessionInfo session)
    {
        var results = await ViewAsync(session);
        return new SessionDossier(registry.GetCommune(Key.Commune), session, time.GetUtcNow(), Results: results);
    }

    /// <summary>Tells the commune (and through it the province) the due days of the follow-ups still open.</summary>
    private async Task ReportOwedAsync()
    {
        List<DateOnly> owed = [.. state.State.FollowUps.Where(f => f.ClosedAt is null).Select(f => f.DueDate).Order()];
        if (state.State.ReportedOwed is { } reported && reported.SequenceEqual(owed))
        {
            return;
        }

        await Commune.ReportFollowUpsAsync(Key.Session, owed);
        state.State.ReportedOwed = owed;
        await state.WriteOrReloadAsync(this);
    }

    private static List<ConclusionItem> Trimmed(IReadOnlyList<ConclusionItem>? items) =>
        [.. (items ?? []).Select(i => i with
        {
            Matter = i.Matter.Trim(),
            Answer = Blank(i.Answer),
            Unit = i.Outcome == ConclusionOutcome.ToBeHandled ? Blank(i.Unit) : null,
            DueDate = i.Outcome == ConclusionOutcome.ToBeHandled ? i.DueDate : null,
            SentTo = i.Outcome == ConclusionOutcome.BeyondCommune ? Blank(i.SentTo) : null,
            PetitionId = Blank(i.PetitionId),
        })];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Slot(DateTimeOffset at) => VietnamTime.ToLocal(at).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);

    private CommandResult<SessionResults> NotFound() =>
        CommandResult<SessionResults>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {VietnameseText.Quote(Key.Session)}.");

    private ICommuneGrain Commune => GrainFactory.GetGrain<ICommuneGrain>(Key.Commune);

    private IContactRegistryGrain Contacts => GrainFactory.GetGrain<IContactRegistryGrain>(Key.Commune);

    private IPetitionRegistryGrain Petitions => GrainFactory.GetGrain<IPetitionRegistryGrain>(Key.Commune);

    private Task<SessionInfo?> SessionAsync() => Commune.GetSessionAsync(Key.Session);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SessionKey}: conclusion of {Items} items signed")]
    private static partial void LogSigned(ILogger logger, string sessionKey, int items);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SessionKey} published as notice {Number}")]
    private static partial void LogPublished(ILogger logger, string sessionKey, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Results of {SessionKey}: {Recipients} people, {Messages} messages and jobs handed to the outbox")]
    private static partial void LogFannedOut(ILogger logger, string sessionKey, int recipients, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Results of {SessionKey}: the conclusion was not applied to petition {PetitionId}: {Reason}")]
    private static partial void LogPetitionNotApplied(ILogger logger, string sessionKey, string petitionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Results of {SessionKey}: handing the publication on failed; retrying")]
    private static partial void LogHandOnFailed(ILogger logger, Exception error, string sessionKey);
}
