using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
using DoiThoai.Grains.Abstractions.Holidays;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Delivery;
using DoiThoai.Grains.Timing;

namespace DoiThoai.Grains.Invitees;

/// <summary>Someone chosen for a group: who chose them and when.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.ChosenInvitee")]
public sealed record ChosenInvitee(
    [property: Id(0)] string ContactId,
    [property: Id(1)] string AddedBy,
    [property: Id(2)] DateTimeOffset AddedAt,
    [property: Id(3)] string? LateReason = null);

/// <summary>A group as stored: its quota, the code of its head's link, the people chosen.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InviteeGroupRecord")]
public sealed record InviteeGroupRecord(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Hamlet,
    [property: Id(3)] ContactRole? Role,
    [property: Id(4)] int Minimum,
    [property: Id(5)] int Maximum,
    [property: Id(6)] string Code,
    [property: Id(7)] IReadOnlyList<ChosenInvitee> Members);

[GenerateSerializer, Alias("DoiThoai.SessionInviteesState")]
public sealed class SessionInviteesState
{
    [Id(0)] public List<InviteeGroupRecord> Groups { get; set; } = [];

    [Id(1)] public int LastGroup { get; set; }

    /// <summary>The day the groups were first set: names are never due before it.</summary>
    [Id(2)] public DateOnly? FirstSetOn { get; set; }

    /// <summary>The deadline the reminder and the alert are planned for.</summary>
    [Id(3)] public DateOnly? PlannedFor { get; set; }

    /// <summary>How many working days before the notice deadline the names are due; null: the default (two).</summary>
    [Id(4)] public int? NamesDueWorkingDays { get; set; }

    /// <summary>How many chosen late the commune last heard (for its province's oversight).</summary>
    [Id(5)] public int ReportedLate { get; set; }
}

/// <summary>
/// One session's invitees by quota. The hamlet heads are sent a link with their group's code when the office creates
/// the group, reminded two days before the names are due while their group is short, and the office is alerted the
/// day after; checked by timed jobs carrying the deadline (<see cref="InviteesCheckJob"/>), so a moved session's old
/// checks say nothing, and told through the delivery outbox. People chosen who are outside the session's audience get their own invitation.
/// </summary>
public sealed class SessionInviteesGrain(
    [PersistentState(SessionInviteesGrain.StateName, GrainStorage.Name)] IPersistentState<SessionInviteesState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    PublicSite site,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ISessionInviteesGrain
{
    public const string StateName = "invitees";
    private const string OfficeFills = "Văn phòng HĐND và UBND";

    private static readonly StringComparer Vietnamese = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: false);

    private (string Commune, string Session) Key => SessionNoticeKey.Split(this.GetPrimaryKeyString());

    private string OutboxKey => SessionOutboxKey.Of(this.GetPrimaryKeyString(), SessionPart.Invitees);

    public async Task<InviteeList?> GetAsync()
    {
        if (await SessionAsync() is not { } session)
        {
            return null;
        }

        await PlanChecksAsync(session); // a moved session moves the deadline its reminders are planned for
        return View(session, await ContactsAsync(), await DeadlineAsync(session));
    }

    public async Task SyncAsync()
    {
        if (state.State.Groups.Count > 0 && await SessionAsync() is { } session)
        {
            await PlanChecksAsync(session);
        }
    }

    public async Task<CommandResult<InviteeList>> SetGroupsAsync(IReadOnlyList<InviteeGroupDraft> groups, int? namesDueWorkingDays = null)
    {
        if (await EditableSessionAsync() is not { } session)
        {
            return CommandResult<InviteeList>.Fail(await NotEditableAsync());
        }

        if (namesDueWorkingDays is < 0 or > InviteeRules.MaxNamesDueWorkingDays)
        {
            return CommandResult<InviteeList>.Fail(new CommandProblem(ProblemKind.Invalid, "Hạn chọn người dự chưa hợp lệ.",
                new Dictionary<string, string[]> { ["namesDueWorkingDays"] = [$"Số ngày làm việc trước hạn gửi giấy mời phải từ 0 đến {InviteeRules.MaxNamesDueWorkingDays}."] }));
        }

        var contacts = await ContactsAsync();
        var hamlets = Hamlets(contacts).ToDictionary(h => h, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        if (groups.Count is 0 or > InviteeRules.MaxGroups)
        {
            problems.Add($"Cần từ 1 đến {InviteeRules.MaxGroups} nhóm.");
        }

        var byId = contacts.ToDictionary(c => c.Id);
        var kept = new List<InviteeGroupRecord>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < groups.Count && problems.Count < 20; i++)
        {
            var (number, draft) = (i + 1, groups[i]);
            if (draft is null)
            {
                problems.Add($"Nhóm {number}: trống.");
                continue;
            }

            var groupProblems = InviteeRules.GroupProblems(number, draft.Name, draft.Minimum, draft.Maximum);
            string? hamlet = null;
            if (!string.IsNullOrWhiteSpace(draft.Hamlet) && !hamlets.TryGetValue(draft.Hamlet.Trim(), out hamlet))
            {
                groupProblems.Add($"Nhóm {number}: \"{VietnameseText.Quote(draft.Hamlet)}\" không có trong danh sách liên lạc của xã (thôn, tổ dân phố).");
            }

            if (draft.Role is { } role && !InviteeRules.GroupRoles.Contains(role))
            {
                groupProblems.Add($"Nhóm {number}: chỉ chọn người dân, đại biểu, trưởng thôn hoặc Mặt trận (không chọn cán bộ).");
            }

            var existing = draft.Key is null ? null : state.State.Groups.FirstOrDefault(g => g.Key == draft.Key);
            if (draft.Key is not null && existing is null)
            {
                groupProblems.Add($"Nhóm {number}: không có nhóm \"{VietnameseText.Quote(draft.Key)}\".");
            }
            else if (draft.Key is not null && kept.Any(g => g.Key == draft.Key))
            {
                groupProblems.Add($"Nhóm {number}: nhóm \"{VietnameseText.Quote(draft.Key)}\" được nêu hai lần.");
            }

            if (draft.Name is not null && !names.TryAdd(draft.Name.Trim(), number))
            {
                groupProblems.Add($"Nhóm {number}: trùng tên với nhóm {names[draft.Name.Trim()]}.");
            }

            if (groupProblems.Count > 0)
            {
                problems.AddRange(groupProblems);
                continue;
            }

            var members = existing?.Members ?? [];
            var misplaced = members.Count(m => byId.TryGetValue(m.ContactId, out var c) && !InviteeRules.IsCandidate(c, hamlet, draft.Role));
            if (members.Count > draft.Maximum)
            {
                problems.Add($"Nhóm {number}: đã chọn {members.Count} người, nhiều hơn tối đa {draft.Maximum}; hãy bỏ bớt người trước.");
            }
            else if (misplaced > 0)
            {
                problems.Add($"Nhóm {number}: {misplaced} người đã chọn không thuộc thôn hoặc vai trò mới của nhóm; hãy bỏ họ trước.");
            }

            kept.Add(new InviteeGroupRecord(existing?.Key ?? "", draft.Name!.Trim(), hamlet, draft.Role, draft.Minimum, draft.Maximum,
                existing?.Code ?? "", members));
        }

        if (problems.Count > 0)
        {
            return CommandResult<InviteeList>.Fail(new CommandProblem(ProblemKind.Invalid, "Danh sách nhóm người được mời chưa hợp lệ.",
                new Dictionary<string, string[]> { ["groups"] = [.. problems] }));
        }

        var added = new List<InviteeGroupRecord>();
        var lastGroup = state.State.LastGroup;
        var groupsNow = kept.Select(g =>
        {
            if (g.Key.Length > 0)
            {
                return g;
            }

            var created = g with { Key = $"g{++lastGroup}", Code = InviteeRules.NewCode() };
            added.Add(created);
            return created;
        }).ToList();
        (state.State.Groups, state.State.LastGroup) = (groupsNow, lastGroup);
        state.State.FirstSetOn ??= VietnamTime.LocalDate(time.GetUtcNow());
        state.State.NamesDueWorkingDays = namesDueWorkingDays ?? state.State.NamesDueWorkingDays;
        await state.WriteOrReloadAsync(this); // a refused write reloads what storage holds

        var deadline = await DeadlineAsync(session);
        await RequestNamesAsync(session, contacts, added.Where(g => g.Hamlet is not null).ToList(), missing: null, notice: g => $"request-{g.Key}", deadline);
        await PlanChecksAsync(session);
        return CommandResult<InviteeList>.Ok(View(session, contacts, deadline));
    }

    public async Task<CommandResult<IReadOnlyList<InviteeCandidate>>> CandidatesAsync(string groupKey)
    {
        if (await SessionAsync() is null)
        {
            return CommandResult<IReadOnlyList<InviteeCandidate>>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {VietnameseText.Quote(Key.Session)}.");
        }

        return Find(groupKey) is { } group
            ? CommandResult<IReadOnlyList<InviteeCandidate>>.Ok(Candidates(group, await ContactsAsync()))
            : CommandResult<IReadOnlyList<InviteeCandidate>>.Fail(GroupNotFound(groupKey));
    }

    public async Task<CommandResult<InviteeList>> SetMembersAsync(string groupKey, IReadOnlyList<string> contactIds, string by, string? lateReason = null)
    {
        if (Find(groupKey) is not { } group)
        {
            return CommandResult<InviteeList>.Fail(await SessionAsync() is null ? await NotEditableAsync() : GroupNotFound(groupKey));
        }

        if (lateReason is not null && SessionRules.ReasonError(lateReason, "mời muộn") is { } reasonError)
        {
            return CommandResult<InviteeList>.Fail(new CommandProblem(ProblemKind.Invalid, "Lý do mời muộn chưa hợp lệ.",
                new Dictionary<string, string[]> { ["lateReason"] = [reasonError] }));
        }

        var contacts = await ContactsAsync();
        var (problem, session, deadline) = await ChooseAsync(group, contactIds, by, contacts, lateReason?.Trim(), byHead: false);
        return problem is null ? CommandResult<InviteeList>.Ok(View(session!, contacts, deadline)) : CommandResult<InviteeList>.Fail(problem);
    }

    public async Task<CommandResult<InviteeFillPage>> OpenFillAsync(string groupKey, string code)
    {
        if (FindByCode(groupKey, code) is not { } group || await SessionAsync() is not { } session)
        {
            return CommandResult<InviteeFillPage>.Fail(WrongLink());
        }

        return CommandResult<InviteeFillPage>.Ok(FillPage(session, group, await ContactsAsync(), await DeadlineAsync(session)));
    }

    public async Task<CommandResult<InviteeFillPage>> FillAsync(string groupKey, string code, IReadOnlyList<string> contactIds)
    {
        if (FindByCode(groupKey, code) is not { } group)
        {
            return CommandResult<InviteeFillPage>.Fail(WrongLink());
        }

        var contacts = await ContactsAsync();
        var heads = contacts.Where(c => IsHeadOf(c, group.Hamlet)).Select(c => c.FullName).ToList();
        var by = heads.Count > 0 ? $"{string.Join(", ", heads)} (trưởng thôn, tổ trưởng)" : "Trưởng thôn, tổ trưởng (qua đường dẫn)";
        var (problem, session, deadline) = await ChooseAsync(group, contactIds, by, contacts, lateReason: null, byHead: true);
        return problem is null
            ? CommandResult<InviteeFillPage>.Ok(FillPage(session!, Find(groupKey)!, contacts, deadline))
            : CommandResult<InviteeFillPage>.Fail(problem);
    }

    public async Task<int> RunCheckAsync(InviteesCheck check)
    {
        var (name, alert, day) = (check.Name, check.Alert, check.Deadline);
        if (await SessionAsync() is not { Status: SessionStatus.Scheduled } session || time.GetUtcNow() >= session.StartsAt)
        {
            return 0;
        }

        var deadline = await DeadlineAsync(session);
        if (deadline != day)
        {
            await PlanChecksAsync(session); // planned for a deadline the session has since moved from
            return 0;
        }

        var contacts = await ContactsAsync();
        var view = View(session, contacts, deadline);
        var missing = view.Groups.Where(g => g.Missing > 0).ToDictionary(g => g.Key, g => g.Missing);
        if (missing.Count == 0)
        {
            return 0;
        }

        if (!alert)
        {
            List<InviteeGroupRecord> shortOfNames = [.. state.State.Groups.Where(g => g.Hamlet is not null && missing.ContainsKey(g.Key))];
            return await RequestNamesAsync(session, contacts, shortOfNames, missing, g => $"{name}-{g.Key}", deadline);
        }

        var commune = registry.GetCommune(Key.Commune);
        var text = NoticeTexts.InviteesShort(commune.Name, session.Title, VietnamTime.LocalDate(session.StartsAt), deadline,
            [.. view.Groups.Where(g => g.Missing > 0).Select(g => (g.Name, g.Missing))]);
        var officers = contacts.Where(c => c.Role == ContactRole.Officer).ToList();
        return await SendAsync(commune, officers, name, text.Email, text.Sms);
    }

    /// <summary>
    /// Validates and stores one group's people; the newly chosen outside the audience are invited. After the day the names
    /// were due (before the notice deadline) a hamlet head's choice is refused; the office may still add people when it
    /// says why (<paramref name="lateReason"/>), and the lateness stays with them, for the office and the province to see.
    /// </summary>
    private async Task<(CommandProblem? Problem, SessionInfo? Session, DateOnly Deadline)> ChooseAsync(
        InviteeGroupRecord group, IReadOnlyList<string> contactIds, string by, IReadOnlyList<Contact> contacts, string? lateReason, bool byHead)
    {
        if (await EditableSessionAsync() is not { } session)
        {
            return (await NotEditableAsync(), null, default);
        }

        var deadline = await DeadlineAsync(session);
        var late = VietnamTime.LocalDate(time.GetUtcNow()) > deadline;

        var byId = contacts.ToDictionary(c => c.Id);
        var ids = contactIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (ids.Count > group.Maximum)
        {
            problems.Add($"{group.Name} chọn tối đa {group.Maximum} người (đã chọn {ids.Count}).");
        }

        foreach (var id in ids.Take(InviteeRules.MaxGroupSize + 1))
        {
            if (!byId.TryGetValue(id, out var contact))
            {
                problems.Add($"Không có người \"{VietnameseText.Quote(id)}\" trong danh sách liên lạc của xã.");
            }
            else if (!InviteeRules.IsCandidate(contact, group.Hamlet, group.Role))
            {
                problems.Add($"{contact.FullName} không thuộc đối tượng của nhóm ({group.Hamlet ?? "cả xã"}{(group.Role is { } r ? ", " + RoleName(r) : "")}).");
            }
            else if (state.State.Groups.FirstOrDefault(g => g.Key != group.Key && g.Members.Any(m => m.ContactId == id)) is { } other)
            {
                problems.Add($"{contact.FullName} đã được chọn ở nhóm \"{other.Name}\".");
            }
        }

        if (problems.Count > 0)
        {
            return (new CommandProblem(ProblemKind.Invalid, $"Danh sách người được chọn của {group.Name} chưa hợp lệ.",
                new Dictionary<string, string[]> { ["contactIds"] = [.. problems.Take(20)] }), null, deadline);
        }

        var newcomers = ids.Count(id => group.Members.All(m => m.ContactId != id));
        if (late && newcomers > 0 && (byHead || lateReason is null))
        {
            return (new CommandProblem(ProblemKind.WrongState, byHead
                ? $"Hạn chọn người dự là ngày {deadline:dd/MM/yyyy} đã qua (giấy mời phải gửi trước hạn thông báo). Xin liên hệ Văn phòng UBND nếu cần mời thêm."
                : $"Hạn chọn người dự là ngày {deadline:dd/MM/yyyy} đã qua. Nếu vẫn mời, hãy nêu lý do mời muộn (lateReason): việc mời muộn được ghi lại và tỉnh theo dõi."),
                null, deadline);
        }

        var now = time.GetUtcNow();
        var members = ids.Select(id => group.Members.FirstOrDefault(m => m.ContactId == id) ?? new ChosenInvitee(id, by, now, late ? lateReason : null)).ToList();
        var index = state.State.Groups.FindIndex(g => g.Key == group.Key);
        state.State.Groups[index] = group with { Members = members };
        await state.WriteOrReloadAsync(this); // a refused write reloads what storage holds

        var added = members.Where(m => group.Members.All(old => old.ContactId != m.ContactId)).Select(m => byId[m.ContactId]).ToList();
        await InviteAsync(session, added);
        await ReportLateAsync();
        return (null, session, deadline);
    }

    /// <summary>Tells the commune (and through it the province) how many were chosen after the names were due.</summary>
    private async Task ReportLateAsync()
    {
        var late = state.State.Groups.Sum(g => g.Members.Count(m => m.LateReason is not null));
        if (late == state.State.ReportedLate)
        {
            return;
        }

        await GrainFactory.GetGrain<ICommuneGrain>(Key.Commune).ReportInviteesLateAsync(Key.Session, late);
        state.State.ReportedLate = late;
        await state.WriteOrReloadAsync(this);
    }

    /// <summary>Those chosen who are not in the session's audience were not invited with it: they get their own invitation.</summary>
    private async Task InviteAsync(SessionInfo session, IReadOnlyList<Contact> chosen)
    {
        var audience = session.Audience ?? Audience.Everyone;
        var uninvited = chosen.Where(c => !audience.Includes(c)).ToList();
        if (uninvited.Count == 0)
        {
            return;
        }

        var commune = registry.GetCommune(Key.Commune);
        var subject = SessionNoticeGrain.Subject(commune.Name, session);
        var sendAt = SendingWindow.SendAt(time.GetUtcNow(), session.Kind == SessionKind.Urgent, notLaterThan: session.NoticeDeadline);
        var ics = IcsCalendar.Write($"Giấy mời - {commune.Name}", [SessionCalendarEntry.From(commune, session)]);
        var sms = await SmsPolicy.PrepareAsync(GrainFactory, commune, NoticeTexts.SmsAnnouncement(subject));
        var messages = OutboxMessage.ToContacts(OutboxKey, "invitation", uninvited, sendAt, c => NoticeTexts.Invitation(subject, c.FullName, c.Title), sms, ics);
        if (messages.Count > 0)
        {
            await outbox.EnqueueAsync(messages);
        }
    }

    /// <summary>Each group's head(s) get the link to choose names: at once when the group is made, or reminded with what is missing.</summary>
    private async Task<int> RequestNamesAsync(SessionInfo session, IReadOnlyList<Contact> contacts, IReadOnlyList<InviteeGroupRecord> groups,
        IReadOnlyDictionary<string, int>? missing, Func<InviteeGroupRecord, string> notice, DateOnly deadline)
    {
        var commune = registry.GetCommune(Key.Commune);
        var sent = 0;
        foreach (var group in groups)
        {
            var heads = contacts.Where(c => IsHeadOf(c, group.Hamlet)).ToList();
            var link = site.Link($"moi.html?xa={Uri.EscapeDataString(Key.Commune)}&phien={Uri.EscapeDataString(Key.Session)}&nhom={group.Key}#ma={group.Code}");
            var text = NoticeTexts.InviteeRequest(commune.Name, session.Title, VietnamTime.LocalDate(session.StartsAt), group.Name, group.Minimum,
                group.Maximum, deadline, link, missing?[group.Key]);
            sent += await SendAsync(commune, heads, notice(group), text.Email, text.Sms);
        }

        return sent;
    }

    private async Task<int> SendAsync(Commune commune, IReadOnlyList<Contact> to, string notice, EmailText email, string smsText)
    {
        if (to.Count == 0)
        {
            return 0;
        }

        var sms = await SmsPolicy.PrepareAsync(GrainFactory, commune, smsText);
        var messages = OutboxMessage.ToContacts(OutboxKey, notice, to, time.GetUtcNow(), _ => email, sms);
        return messages.Count == 0 ? 0 : await outbox.EnqueueAsync(messages);
    }

    /// <summary>Plans the heads' reminder (two days before the names are due) and the office's alert (the day after) once per deadline.</summary>
    private async Task PlanChecksAsync(SessionInfo session)
    {
        if (state.State.Groups.Count == 0 || session.Status != SessionStatus.Scheduled)
        {
            return;
        }

        var deadline = await DeadlineAsync(session);
        if (state.State.PlannedFor == deadline)
        {
            return;
        }

        var now = time.GetUtcNow();
        var jobs = new List<TimedJob>();
        if (PreparationTemplates.ReminderAt(deadline, now) is { } remindAt)
        {
            jobs.Add(new InviteesCheckJob(this.GetPrimaryKeyString(), new InviteesCheck(deadline, Alert: false), remindAt));
        }

        if (PreparationTemplates.OverdueAlertAt(deadline, now) is { } alertAt && alertAt < session.StartsAt)
        {
            jobs.Add(new InviteesCheckJob(this.GetPrimaryKeyString(), new InviteesCheck(deadline, Alert: true), alertAt));
        }

        if (jobs.Count > 0)
        {
            await timedWork.PlanAsync(jobs);
        }

        state.State.PlannedFor = deadline;
        await state.WriteOrReloadAsync(this);
    }

    /// <summary>The day the names are due: working days before the notice deadline, with the holiday lists of its year and the one before.</summary>
    private async Task<DateOnly> DeadlineAsync(SessionInfo session)
    {
        var year = VietnamTime.LocalDate(session.NoticeDeadline).Year;
        var years = await Task.WhenAll(GrainFactory.GetGrain<IHolidayCalendarGrain>(year - 1).GetAsync(), GrainFactory.GetGrain<IHolidayCalendarGrain>(year).GetAsync());
        return InviteeRules.Deadline(session.NoticeDeadline, session.StartsAt, state.State.FirstSetOn,
            state.State.NamesDueWorkingDays ?? InviteeRules.DefaultNamesDueWorkingDays, HolidayYear.Calendar(years));
    }

    private InviteeList View(SessionInfo session, IReadOnlyList<Contact> contacts, DateOnly deadline)
    {
        var byId = contacts.ToDictionary(c => c.Id);
        var groups = state.State.Groups.Select(g =>
        {
            // Someone whose data was deleted on request is no longer on the list.
            var members = g.Members.Where(m => byId.ContainsKey(m.ContactId))
                .Select(m => (Chosen: m, Contact: byId[m.ContactId]))
                .Select(x => new InviteeMember(x.Contact.Id, x.Contact.FullName, x.Contact.Title, x.Contact.Hamlet, x.Chosen.AddedBy, x.Chosen.AddedAt, x.Chosen.LateReason))
                .ToList();
            IReadOnlyList<string> filledBy = g.Hamlet is null ? [OfficeFills] : [.. contacts.Where(c => IsHeadOf(c, g.Hamlet)).Select(c => c.FullName)];
            return new InviteeGroupView(g.Key, g.Name, g.Hamlet, g.Role, g.Minimum, g.Maximum, members, Math.Max(0, g.Minimum - members.Count), filledBy);
        }).ToList();
        return new InviteeList(session.Id, deadline, groups, groups.Sum(g => g.Minimum), groups.Sum(g => g.Members.Count),
            groups.Count(g => g.Missing > 0), Hamlets(contacts), groups.Sum(g => g.Members.Count(m => m.LateReason is not null)),
            state.State.NamesDueWorkingDays ?? InviteeRules.DefaultNamesDueWorkingDays);
    }

    private InviteeFillPage FillPage(SessionInfo session, InviteeGroupRecord group, IReadOnlyList<Contact> contacts, DateOnly deadline)
    {
        var commune = registry.GetCommune(Key.Commune);
        var open = session.Status == SessionStatus.Scheduled && time.GetUtcNow() < session.StartsAt && VietnamTime.LocalDate(time.GetUtcNow()) <= deadline;
        return new InviteeFillPage(commune.Name, session.Title, session.StartsAt, session.Venue, group.Name, group.Hamlet, group.Minimum, group.Maximum,
            deadline, open, Candidates(group, contacts));
    }

    private List<InviteeCandidate> Candidates(InviteeGroupRecord group, IReadOnlyList<Contact> contacts)
    {
        var chosenIn = state.State.Groups.SelectMany(g => g.Members.Select(m => (m.ContactId, Group: g))).ToDictionary(x => x.ContactId, x => x.Group);
        return [.. contacts.Where(c => InviteeRules.IsCandidate(c, group.Hamlet, group.Role))
            .Select(c =>
            {
                var elsewhere = chosenIn.TryGetValue(c.Id, out var g) && g.Key != group.Key ? g.Name : null;
                return new InviteeCandidate(c.Id, c.FullName, c.Title, c.Role, chosenIn.TryGetValue(c.Id, out var mine) && mine.Key == group.Key, elsewhere);
            })
            .OrderBy(c => LastName(c.FullName), Vietnamese).ThenBy(c => c.FullName, Vietnamese)];
    }

    /// <summary>Vietnamese lists are ordered by the given name, the last word ("Lê Thị Mai" under M).</summary>
    private static string LastName(string fullName) => fullName.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is [.., var last] ? last : fullName;

    /// <summary>The hamlets the registry knows, "Tổ dân phố 2" before "Tổ dân phố 10".</summary>
    private static List<string> Hamlets(IReadOnlyList<Contact> contacts) =>
        [.. contacts.Select(c => c.Hamlet).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(NaturalKey, Vietnamese)];

    private static string NaturalKey(string text)
    {
        var key = new StringBuilder();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                key.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            key.Append(text.AsSpan(start, i - start).ToString().PadLeft(8, '0'));
        }

        return key.ToString();
    }

    private static string RoleName(ContactRole role) => role switch
    {
        ContactRole.Resident => "người dân",
        ContactRole.Delegate => "đại biểu",
        ContactRole.HamletHead => "trưởng thôn, tổ trưởng",
        ContactRole.FrontCommittee => "Mặt trận",
        _ => "cán bộ",
    };

    private static bool IsHeadOf(Contact contact, string? hamlet) =>
        hamlet is not null && contact.Role == ContactRole.HamletHead && string.Equals(contact.Hamlet, hamlet, StringComparison.OrdinalIgnoreCase);

    private InviteeGroupRecord? Find(string key) => state.State.Groups.FirstOrDefault(g => g.Key == key);

    /// <summary>The group whose link carries this code; compared in constant time, so timing tells a guesser nothing.</summary>
    private InviteeGroupRecord? FindByCode(string key, string code) =>
        Find(key) is { Hamlet: not null } group
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(group.Code), Encoding.UTF8.GetBytes(code ?? ""))
            ? group
            : null;

    private async Task<SessionInfo?> EditableSessionAsync() =>
        await SessionAsync() is { Status: SessionStatus.Scheduled } session && time.GetUtcNow() < session.StartsAt ? session : null;

    private async Task<CommandProblem> NotEditableAsync() => await SessionAsync() is null
        ? new CommandProblem(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {VietnameseText.Quote(Key.Session)}.")
        : new CommandProblem(ProblemKind.WrongState, "Phiên đối thoại đã diễn ra hoặc đã hủy; danh sách người được mời không còn sửa được.");

    private static CommandProblem GroupNotFound(string key) =>
        new(ProblemKind.NotFound, $"Không có nhóm người được mời \"{VietnameseText.Quote(key)}\".");

    private static CommandProblem WrongLink() =>
        new(ProblemKind.NotFound, "Đường dẫn không đúng hoặc không còn hiệu lực. Xin liên hệ Văn phòng UBND để nhận đường dẫn mới.");

    private Task<IReadOnlyList<Contact>> ContactsAsync() =>
        GrainFactory.GetGrain<IContactRegistryGrain>(Key.Commune).ResolveAsync(Audience.Everyone);

    private Task<SessionInfo?> SessionAsync() => GrainFactory.GetGrain<ICommuneGrain>(Key.Commune).GetSessionAsync(Key.Session);
}
