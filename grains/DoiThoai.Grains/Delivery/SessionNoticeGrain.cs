using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Contacts;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Province;
using DoiThoai.Grains.Timing;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Delivery;

[GenerateSerializer, Alias("DoiThoai.SessionNoticeState")]
public sealed class SessionNoticeState
{
    /// <summary>The notices handed to the job scheduler (by <see cref="SessionNotice.Name"/>): publishing one again runs nothing.</summary>
    [Id(0)] public HashSet<string> Published { get; set; } = [];
}

/// <summary>
/// The notices of one session. It reads the session, the audience's contacts, the loudspeakers and the province's SMS
/// policy, and turns the <see cref="NoticePlanner"/>'s plan (the one the preview shows) into messages.
/// </summary>
public sealed partial class SessionNoticeGrain(
    [PersistentState(SessionNoticeGrain.StateName, GrainStorage.Name)] IPersistentState<SessionNoticeState> state,
    AdminUnitRegistry registry,
    IDeliveryOutbox outbox,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time,
    ILogger<SessionNoticeGrain> logger) : Grain, ISessionNoticeGrain
{
    public const string StateName = "session-notices";

    private const int EnqueueBatch = 1000;

    private string CommuneCode => SessionNoticeKey.Split(this.GetPrimaryKeyString()).Commune;

    private string SessionId => SessionNoticeKey.Split(this.GetPrimaryKeyString()).Session;

    private ISessionPreparationGrain Preparation => GrainFactory.GetGrain<ISessionPreparationGrain>(this.GetPrimaryKeyString());

    /// <summary>
    /// Hands the notices not yet published to the job scheduler, due now, then remembers them: a crash between the two
    /// plans them again, which replaces the waiting job (a job already run may run twice; expanding is idempotent).
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<SessionNotice> notices)
    {
        var fresh = notices.Where(n => !state.State.Published.Contains(n.Name)).DistinctBy(n => n.Name).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await timedWork.PlanAsync([new NoticesJob(this.GetPrimaryKeyString(), fresh, now)]);
        state.State.Published.UnionWith(fresh.Select(n => n.Name));
        await state.WriteOrReloadAsync(this);
    }

    public async Task AdoptPublishedAsync(IReadOnlyList<SessionNotice> notices)
    {
        if (!notices.All(n => state.State.Published.Contains(n.Name)))
        {
            state.State.Published.UnionWith(notices.Select(n => n.Name));
            await state.WriteOrReloadAsync(this);
        }
    }

    public async Task<int> ExpandAsync(SessionNotice notice)
    {
        var name = notice.Name;
        var commune = registry.GetCommune(CommuneCode);
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune.Code).GetSessionAsync(SessionId);
        if (session is null)
        {
            return 0;
        }

        // Notice jobs may run in any order: only the latest entry of the history that announces the session expands,
        // so an earlier notice never cancels or repeats what a later one said.
        var latest = session.History
            .Select((entry, index) => (entry.Kind, index))
            .Last(h => h.Kind is SessionChangeKind.Scheduled or SessionChangeKind.Rescheduled or SessionChangeKind.Cancelled).index;
        if (notice.Kind == SessionNoticeKind.Preparation)
        {
            await Preparation.SyncAsync(session); // the milestones plan their own reminders
            return 0;
        }

        if (notice.Kind == SessionNoticeKind.Held)
        {
            // Held: an announcement, reminder or broadcast that has not gone out (a channel down, a dispatcher stopped) would
            // now announce a past event. What is due after the start (the results) is not touched.
            await timedWork.DropAsync(DeadlineCheckKey);
            var stale = await outbox.CancelPendingAsync(this.GetPrimaryKeyString(), [name], "Hội nghị đã diễn ra; thông báo chưa gửi không còn cần.", time.GetUtcNow(), session.StartsAt);
            LogStaleCancelled(logger, this.GetPrimaryKeyString(), stale);
            return 0;
        }

        if (notice.Kind == SessionNoticeKind.DeadlineRecounted)
        {
            return await EnqueueAsync(name, await DeadlineRecountedMessagesAsync(commune, session, name, notice.HistoryIndex ?? 0));
        }

        var messages = notice.IsChange
            ? notice.HistoryIndex == latest ? await ChangeMessagesAsync(commune, session, name, notice.Kind == SessionNoticeKind.Cancelled, latest) : []
            : notice.Kind == SessionNoticeKind.DeadlineCheck ? await OfficeWarningMessagesAsync(commune, session, notice)
            : latest == 0 && session.Status == SessionStatus.Scheduled ? await ScheduleMessagesAsync(commune, session, notice.Kind) : [];
        if (notice.Kind == SessionNoticeKind.Rescheduled && notice.HistoryIndex == latest)
        {
            await Preparation.SyncAsync(session); // milestones counted from the session move with it
            await GrainFactory.GetGrain<ISessionInviteesGrain>(this.GetPrimaryKeyString()).SyncAsync(); // and the day names are due
        }

        return await EnqueueAsync(name, messages);
    }

    private async Task<int> EnqueueAsync(string name, List<OutboxMessage> messages)
    {
        var added = 0;
        foreach (var chunk in messages.Chunk(EnqueueBatch))
        {
            added += await outbox.EnqueueAsync(chunk);
        }

        LogExpanded(logger, this.GetPrimaryKeyString(), name, messages.Count, added);
        return added;
    }

    /// <summary>
    /// A new list of days off moved the notice deadline: the milestones counted from it and the day the invitees' names
    /// are due move with it, the check before the new deadline is planned, and the commune's officers are told.
    /// </summary>
    private async Task<List<OutboxMessage>> DeadlineRecountedMessagesAsync(Commune commune, SessionInfo session, string notice, int historyIndex)
    {
        if (historyIndex <= 0 || historyIndex >= session.History.Count || session.Status != SessionStatus.Scheduled)
        {
            return [];
        }

        var entry = session.History[historyIndex];
        await Preparation.SyncAsync(session);
        await GrainFactory.GetGrain<ISessionInviteesGrain>(this.GetPrimaryKeyString()).SyncAsync();
        await PlanDeadlineCheckAsync(session, (await PlanAsync(commune, session)).Plan);
        var messages = new List<OutboxMessage>();
        if (entry.PreviousDeadline is { } previous && entry.NewDeadline is { } next && next == session.NoticeDeadline)
        {
            var officers = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(new Audience(Roles: [ContactRole.Officer]));
            var text = NoticeTexts.DeadlineRecounted(Subject(commune.Name, session), previous, next, entry.Reason ?? "");
            messages.AddRange(OutboxMessage.ToContacts(this.GetPrimaryKeyString(), notice, officers, time.GetUtcNow(), _ => text.Email,
                await SmsAsync(commune, text.Sms)));
        }

        return messages;
    }

    /// <summary>The invitation (e-mail, with the calendar) or the announcement (SMS) to the consenting audience.</summary>
    private async Task<List<OutboxMessage>> ScheduleMessagesAsync(Commune commune, SessionInfo session, SessionNoticeKind notice)
    {
        var (plan, system, _) = await PlanAsync(commune, session);
        if (notice == SessionNoticeKind.Broadcasts)
        {
            return BroadcastMessages(commune, session, plan, system); // the loudspeakers reach the hamlets, not persons
        }

        var audience = await AudienceAsync(commune, session);
        var subject = Subject(commune.Name, session);
        var sendAt = plan.AnnounceAt;
        if (notice == SessionNoticeKind.Invitation)
        {
            var ics = IcsCalendar.Write($"Giấy mời - {commune.Name}", [SessionCalendarEntry.From(commune, session)]);
            var invitations = audience
                .Where(c => c.CanReceiveEmail)
                .Select(c =>
                {
                    var text = NoticeTexts.Invitation(subject, c.FullName, c.Title);
                    return new OutboxMessage(this.GetPrimaryKeyString(), SessionNoticeKey.Invitation, c.Id, DeliveryChannel.Email, sendAt, c.Email!, text.Body, text.Subject, ics);
                })
                .ToList();
            await PlanDeadlineCheckAsync(session, plan);
            return invitations;
        }

        if (notice == SessionNoticeKind.Reminders)
        {
            return ReminderMessages(session, audience, plan);
        }

        var sms = plan.Announcement.Text;
        return audience
            .Where(c => c.CanReceiveSms)
            .Select(c => new OutboxMessage(this.GetPrimaryKeyString(), SessionNoticeKey.Announcement, c.Id, DeliveryChannel.Sms, sendAt, c.Phone!, sms))
            .ToList();
    }

    /// <summary>
    /// The loudspeaker script on every cluster that reaches the audience's hamlets, in each of the commune's slots
    /// from the day of the notice deadline (or now) to the session, each row due at its slot. The address names the cluster: "{commune}/{cluster}".
    /// </summary>
    private List<OutboxMessage> BroadcastMessages(Commune commune, SessionInfo session, SessionNoticePlan plan, LoudspeakerSystem system)
    {
        var script = plan.LoudspeakerScript;
        return [.. from slot in plan.Broadcasts.Slots
                   from cluster in system.ClustersFor(session.Audience ?? Audience.Everyone)
                   select new OutboxMessage(this.GetPrimaryKeyString(), SessionNoticeKey.Broadcast(slot), cluster.Id,
                       DeliveryChannel.Loudspeaker, slot, LoudspeakerAddress(commune, cluster), script)];
    }

    private static string LoudspeakerAddress(Commune commune, LoudspeakerCluster cluster) => $"{commune.Code}/{cluster.Id}";

    private TimedJobKey DeadlineCheckKey => DeadlineCheckJob.KeyOf(this.GetPrimaryKeyString());

    /// <summary>
    /// Plans the check before the notice deadline that the invitations went out (routine sessions; urgent ones go at
    /// once): one job per session, moved with it.
    /// </summary>
    private Task PlanDeadlineCheckAsync(SessionInfo session, SessionNoticePlan plan) =>
        plan.OfficeWarningAt is { } at
            ? timedWork.PlanAsync([new DeadlineCheckJob(this.GetPrimaryKeyString(), session.NoticeDeadline, at)])
            : timedWork.DropAsync(DeadlineCheckKey);

    /// <summary>
    /// Shortly before the notice deadline: if invitations or announcements of the session's current time are still
    /// waiting or have failed, the commune's officers are told by e-mail and SMS, while there is time to act.
    /// </summary>
    private async Task<List<OutboxMessage>> OfficeWarningMessagesAsync(Commune commune, SessionInfo session, SessionNotice check)
    {
        if (session.Status != SessionStatus.Scheduled || check.Deadline != session.NoticeDeadline)
        {
            return []; // cancelled, held, or moved since: the check of the new time decides
        }

        var progress = await InvitationProgressAsync(session);
        var (emails, texts, failed) = (progress.EmailsWaiting, progress.SmsWaiting, progress.Failed);
        if (emails + texts + failed == 0)
        {
            return [];
        }

        LogOfficeWarned(logger, this.GetPrimaryKeyString(), emails + texts, failed);
        var officers = await GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(new Audience(Roles: [ContactRole.Officer]));
        var warning = NoticeTexts.OfficeDeadlineWarning(Subject(commune.Name, session), session.NoticeDeadline, emails, texts, failed);
        var notice = SessionNoticeKey.OfficeWarning(session.NoticeDeadline);
        var sms = await SmsAsync(commune, warning.Body);
        return OutboxMessage.ToContacts(this.GetPrimaryKeyString(), notice, officers, time.GetUtcNow(), _ => warning, sms);
    }

    /// <summary>Reminders to the delegates who take SMS, each row due at its time: the outbox keeps the time.</summary>
    private List<OutboxMessage> ReminderMessages(SessionInfo session, IReadOnlyList<Contact> audience, SessionNoticePlan plan)
    {
        var sms = plan.Reminder.Text;
        return [.. from at in plan.Reminders
                   from c in audience
                   where c.Role == ContactRole.Delegate && c.CanReceiveSms
                   select new OutboxMessage(this.GetPrimaryKeyString(), SessionNoticeKey.Reminder(at), c.Id, DeliveryChannel.Sms, at, c.Phone!, sms)];
    }

    /// <summary>
    /// A change: what is still waiting to go out is stale and is cancelled (once). A reschedule reaches the whole consenting
    /// audience (with the new time); a cancellation reaches those already told, on the channels they were told on.
    /// Consent withdrawn since is honoured either way.
    /// </summary>
    private async Task<List<OutboxMessage>> ChangeMessagesAsync(Commune commune, SessionInfo session, string notice, bool cancellation, int historyIndex)
    {
        if (historyIndex >= session.History.Count)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var entry = session.History[historyIndex];
        // What still waits is stale, unless this change was already made into messages: its job then runs again (a
        // retry, a crash) and cancelling now would cancel the new time's reminders and broadcasts it planned.
        if ((await outbox.CountAsync(this.GetPrimaryKeyString(), [notice])).Count == 0)
        {
            await outbox.CancelPendingAsync(this.GetPrimaryKeyString(), [notice], "Phiên đối thoại đã thay đổi; thông báo mới thay thế tin này.", now);
        }

        var subject = Subject(commune.Name, session);
        var text = cancellation
            ? NoticeTexts.Cancelled(subject with { StartsAt = entry.PreviousStart ?? session.StartsAt }, entry.Reason ?? "")
            : NoticeTexts.Rescheduled(subject with { StartsAt = entry.NewStart ?? session.StartsAt }, entry.PreviousStart ?? session.StartsAt, entry.Reason ?? "");
        var audience = await AudienceAsync(commune, session);
        HashSet<(string, DeliveryChannel)>? told = cancellation ? [.. await outbox.ToldAsync(this.GetPrimaryKeyString())] : null;
        bool Reaches(Contact c, DeliveryChannel channel) => told is null || told.Contains((c.Id, channel));

        var before = entry.PreviousStart ?? session.StartsAt;
        var sendAt = SendingWindow.SendAt(now, session.Kind == SessionKind.Urgent, notLaterThan: before < session.StartsAt ? before : session.StartsAt);
        var ics = IcsCalendar.Write($"Giấy mời - {commune.Name}", [SessionCalendarEntry.From(commune, session)]);
        var sms = await SmsAsync(commune, text);
        var messages = audience
            .Where(c => c.CanReceiveEmail && Reaches(c, DeliveryChannel.Email))
            .Select(c =>
            {
                var email = NoticeTexts.ChangeEmail(subject, c.FullName, text, cancellation);
                return new OutboxMessage(this.GetPrimaryKeyString(), notice, c.Id, DeliveryChannel.Email, sendAt, c.Email!, email.Body, email.Subject, ics);
            })
            .ToList();
        messages.AddRange(audience
            .Where(c => c.CanReceiveSms && Reaches(c, DeliveryChannel.Sms))
            .Select(c => new OutboxMessage(this.GetPrimaryKeyString(), notice, c.Id, DeliveryChannel.Sms, sendAt, c.Phone!, sms)));
        if (!cancellation)
        {
            // The reminders and broadcasts of the old time were cancelled above: plan those of the new time.
            var (plan, system, _) = await PlanAsync(commune, session);
            messages.AddRange(ReminderMessages(session, audience, plan));
            messages.AddRange(BroadcastMessages(commune, session, plan, system));
            await PlanDeadlineCheckAsync(session, plan);
        }
        else
        {
            await timedWork.DropAsync(DeadlineCheckKey);
            // The clusters that announced it announce the cancellation too, at once.
            var system = await GrainFactory.GetGrain<ILoudspeakerSystemGrain>(commune.Code).GetAsync();
            messages.AddRange(system.Clusters
                .Where(cluster => told!.Contains((cluster.Id, DeliveryChannel.Loudspeaker)))
                .Select(cluster => new OutboxMessage(this.GetPrimaryKeyString(), notice, cluster.Id, DeliveryChannel.Loudspeaker, now,
                    LoudspeakerAddress(commune, cluster), $"{text} Xin nhắc lại. {text}")));
        }

        return messages;
    }

    public async Task<InvitationProgress> GetInvitationProgressAsync()
    {
        var session = await GrainFactory.GetGrain<ICommuneGrain>(CommuneCode).GetSessionAsync(SessionId);
        return session is null ? new InvitationProgress(0, 0, 0, 0) : await InvitationProgressAsync(session);
    }

    /// <summary>The notices that announce the session's current time: the last reschedule's, or the first invitations.</summary>
    private async Task<InvitationProgress> InvitationProgressAsync(SessionInfo session)
    {
        var latest = session.History.Select((h, i) => (h.Kind, i)).Last(h => h.Kind is SessionChangeKind.Scheduled or SessionChangeKind.Rescheduled).i;
        string[] announcing = latest > 0
            ? [SessionNotice.Rescheduled(latest).Name]
            : [SessionNoticeKey.Invitation, SessionNoticeKey.Announcement];
        var counts = (await outbox.CountAsync(this.GetPrimaryKeyString(), announcing)).Where(c => c.Channel is DeliveryChannel.Email or DeliveryChannel.Sms).ToList();
        int Count(DeliveryChannel? channel, params DeliveryStatus[] statuses) =>
            counts.Where(c => (channel is null || c.Channel == channel) && statuses.Contains(c.Status)).Sum(c => c.Count);
        return new InvitationProgress(Count(null, DeliveryStatus.Sent, DeliveryStatus.Delivered), Count(DeliveryChannel.Email, DeliveryStatus.Pending),
            Count(DeliveryChannel.Sms, DeliveryStatus.Pending), Count(null, DeliveryStatus.Failed));
    }

    private Task<IReadOnlyList<Contact>> AudienceAsync(Commune commune, SessionInfo session) =>
        GrainFactory.GetGrain<IContactRegistryGrain>(commune.Code).ResolveAsync(session.Audience ?? Audience.Everyone);

    private Task<string> SmsAsync(Commune commune, string text) => SmsPolicy.PrepareAsync(GrainFactory, commune, text);

    /// <summary>The session's notice plan as of now: the one the preview showed, expanded here into messages.</summary>
    private Task<(SessionNoticePlan Plan, LoudspeakerSystem System, SmsTextPolicy SmsPolicy)> PlanAsync(Commune commune, SessionInfo session) =>
        NoticePlanComposer.PlanAsync(GrainFactory, commune, session, time.GetUtcNow());

    public async Task<DeliveryReport> GetDeliveriesAsync(DeliveryChannel? channel, int page, int pageSize, DeliveryStatus? status = null)
    {
        var counts = await outbox.CountAsync(this.GetPrimaryKeyString());
        var byChannel = counts
            .GroupBy(c => c.Channel)
            .Select(g => DeliveryTally.Of(g.Key, g.Select(c => (c.Status, c.Count))))
            .OrderBy(t => t.Channel)
            .ToList();
        var rows = await outbox.ListAsync(this.GetPrimaryKeyString(), channel, (page - 1) * pageSize, pageSize, status);
        var items = rows.Select(r => new DeliveryItem(r.Notice, r.RecipientId, r.Channel, r.Status, r.Attempts, r.DueAt, r.NextAttemptAt,
            r.LastError, r.Channel == DeliveryChannel.Email ? EmailAddress.Mask(r.Address) : PhoneNumber.Mask(r.Address), r.UpdatedAt)).ToList();
        return new DeliveryReport(byChannel, page, pageSize, items);
    }

    public async Task<CommandResult<NoticePlan>> GetPlanAsync()
    {
        var commune = registry.GetCommune(CommuneCode);
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune.Code).GetSessionAsync(SessionId);
        if (session is null)
        {
            return CommandResult<NoticePlan>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {SessionId}.");
        }

        if (session.Status != SessionStatus.Scheduled)
        {
            return CommandResult<NoticePlan>.Fail(ProblemKind.WrongState,
                $"Phiên đối thoại {session.Status.Vietnamese()}: không còn thông báo nào để gửi.");
        }

        return CommandResult<NoticePlan>.Ok(await NoticePlanComposer.ComposeAsync(GrainFactory, commune, session, time.GetUtcNow()));
    }

    internal static NoticeSubject Subject(string communeName, SessionInfo session) => new(
        communeName, session.Kind, session.Title, session.StartsAt, session.DurationMinutes, session.Chair, session.Topic, session.Venue, session.OnlineUrl,
        session.Form, session.Organisers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionKey}: {Waiting} invitations waiting and {Failed} failed near the notice deadline; officers warned")]
    private static partial void LogOfficeWarned(ILogger logger, string sessionKey, int waiting, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey} held: {Count} announcements still waiting cancelled")]
    private static partial void LogStaleCancelled(ILogger logger, string sessionKey, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionKey}: notice {Notice} makes {Count} messages, {Added} new")]
    private static partial void LogExpanded(ILogger logger, string sessionKey, string notice, int count, int added);
}
