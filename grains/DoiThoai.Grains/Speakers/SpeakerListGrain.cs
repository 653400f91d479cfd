using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Abstractions.Speakers;
using DoiThoai.Grains.Timing;

namespace DoiThoai.Grains.Speakers;

[GenerateSerializer, Alias("DoiThoai.SpeakerListState")]
public sealed class SpeakerListState
{
    [Id(0)] public int LastNumber { get; set; }

    /// <summary>In speaking order.</summary>
    [Id(1)] public List<Speaker> Speakers { get; set; } = [];
}

/// <summary>One session's speakers. A registration is stored before it is acknowledged; a refused one changes nothing.</summary>
public sealed class SpeakerListGrain(
    [PersistentState(SpeakerListGrain.StateName, GrainStorage.Name)] IPersistentState<SpeakerListState> state,
    ITimedWork timedWork,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, ISpeakerListGrain
{
    public const string StateName = "speakers";

    private (string Commune, string Session) Key => SessionNoticeKey.Split(this.GetPrimaryKeyString());

    public async Task<CommandResult<SpeakerReceipt>> RegisterAsync(SpeakerDraft draft, string? deskOfficer = null, string? origin = null)
    {
        var atDesk = deskOfficer is not null;
        var (phone, errors) = SpeakerRules.Check(draft.FullName, draft.JobTitle, draft.WorkplaceOrAddress, draft.Phone, draft.Opinion, draft.Consent, phoneRequired: !atDesk, draft.EditCode);
        if (errors.Count > 0)
        {
            return CommandResult<SpeakerReceipt>.Fail(new CommandProblem(ProblemKind.Invalid, "Thông tin đăng ký phát biểu chưa hợp lệ.", errors));
        }

        var (commune, sessionId) = Key;
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune).GetSessionAsync(sessionId);
        var now = time.GetUtcNow();
        if (session is null)
        {
            return CommandResult<SpeakerReceipt>.Fail(ProblemKind.NotFound, $"Không tìm thấy phiên đối thoại {sessionId}.");
        }

        var open = atDesk
            ? session.Status is SessionStatus.Scheduled or SessionStatus.Held // the desk takes speakers while the session runs
            : session.Status == SessionStatus.Scheduled && now < session.StartsAt;
        if (!open)
        {
            return CommandResult<SpeakerReceipt>.Fail(ProblemKind.WrongState, atDesk
                ? $"Phiên đối thoại {session.Status.Vietnamese()}: không còn nhận đăng ký phát biểu tại hội trường."
                : "Phiên đối thoại này không còn nhận đăng ký phát biểu qua mạng. Ông/Bà có thể đăng ký tại bàn đăng ký ở hội trường hoặc gửi ý kiến bằng văn bản đến Ủy ban nhân dân.");
        }

        var speaker = new Speaker(0, draft.FullName.Trim(), string.IsNullOrWhiteSpace(draft.JobTitle) ? null : draft.JobTitle.Trim(),
            draft.WorkplaceOrAddress.Trim(), phone!, draft.Opinion.Trim(), now, RegisteredAtDeskBy: deskOfficer, Origin: atDesk ? null : origin);
        var index = phone!.Length == 0 ? -1 : state.State.Speakers.FindIndex(s => s.Phone == phone);
        if (index >= 0)
        {
            var registered = state.State.Speakers[index];
            if (!atDesk && !SpeakerRules.EditCodeMatches(draft.EditCode, registered.EditCodeHash))
            {
                // Knowing a phone number is not enough to change that speaker's registration: the edit code is.
                return CommandResult<SpeakerReceipt>.Fail(ProblemKind.WrongState, string.IsNullOrWhiteSpace(draft.EditCode)
                    ? "Số điện thoại này đã đăng ký phát biểu. Để sửa ý kiến, hãy nhập mã sửa đăng ký đã nhận khi đăng ký; nếu mất mã, xin liên hệ Ủy ban nhân dân."
                    : "Mã sửa đăng ký không đúng. Xin kiểm tra lại mã đã nhận khi đăng ký, hoặc liên hệ Ủy ban nhân dân.");
            }

            state.State.Speakers[index] = speaker with { Number = registered.Number, EditCodeHash = registered.EditCodeHash, Origin = registered.Origin };
            await state.WriteOrReloadAsync(this);
            await PlanErasureAsync(session.StartsAt);
            return CommandResult<SpeakerReceipt>.Ok(new SpeakerReceipt(registered.Number, index + 1, Updated: true));
        }

        if (state.State.Speakers.Count >= SpeakerRules.MaxSpeakersPerSession)
        {
            return CommandResult<SpeakerReceipt>.Fail(ProblemKind.WrongState,
                $"Phiên đối thoại đã đủ {SpeakerRules.MaxSpeakersPerSession} người đăng ký phát biểu. Anh/chị có thể gửi ý kiến bằng văn bản.");
        }

        if (!atDesk && origin is not null && state.State.Speakers.Count(s => s.Origin == origin) >= SpeakerRules.MaxPerOrigin)
        {
            return CommandResult<SpeakerReceipt>.Fail(ProblemKind.TooMany,
                $"Từ một địa chỉ mạng chỉ đăng ký được {SpeakerRules.MaxPerOrigin} người phát biểu cho một phiên. Xin đăng ký tại bàn đăng ký ở hội trường hoặc liên hệ Ủy ban nhân dân.");
        }

        var editCode = atDesk ? null : SpeakerRules.NewEditCode();
        state.State.LastNumber++;
        state.State.Speakers.Add(speaker with { Number = state.State.LastNumber, EditCodeHash = editCode is null ? null : SpeakerRules.HashEditCode(editCode) });
        await state.WriteOrReloadAsync(this);
        await PlanErasureAsync(session.StartsAt);
        return CommandResult<SpeakerReceipt>.Ok(new SpeakerReceipt(state.State.LastNumber, state.State.Speakers.Count, Updated: false, editCode));
    }

    public async Task<CommandResult<IReadOnlyList<Speaker>>> RemoveAsync(int number)
    {
        var index = state.State.Speakers.FindIndex(s => s.Number == number);
        if (index < 0)
        {
            return CommandResult<IReadOnlyList<Speaker>>.Fail(ProblemKind.NotFound, $"Không có người đăng ký phát biểu số {number}.");
        }

        state.State.Speakers.RemoveAt(index);
        await state.WriteOrReloadAsync(this);
        return CommandResult<IReadOnlyList<Speaker>>.Ok([.. state.State.Speakers]);
    }

    public async Task<int> ErasePhonesAsync()
    {
        var (commune, sessionId) = Key;
        var session = await GrainFactory.GetGrain<ICommuneGrain>(commune).GetSessionAsync(sessionId);
        var now = time.GetUtcNow();
        if (session is not null && now < session.StartsAt + SpeakerRules.PhonesKeptAfterSession)
        {
            await PlanErasureAsync(session.StartsAt); // the session moved later: so does the erasure
            return 0;
        }

        var erased = state.State.Speakers.Count(s => s.Phone.Length > 0);
        if (erased == 0)
        {
            return 0;
        }

        state.State.Speakers = [.. state.State.Speakers.Select(s => s.Phone.Length > 0 ? s with { Phone = "", PhoneErasedAt = now } : s)];
        await state.WriteOrReloadAsync(this);
        return erased;
    }

    /// <summary>The erasure of the phones, one timed job per session: planning it again moves it with the session.</summary>
    private Task PlanErasureAsync(DateTimeOffset sessionStart) =>
        timedWork.PlanAsync([new SpeakerPhonesErasureJob(this.GetPrimaryKeyString(), sessionStart + SpeakerRules.PhonesKeptAfterSession)]);

    public Task<IReadOnlyList<Speaker>> ListAsync() => Task.FromResult<IReadOnlyList<Speaker>>([.. state.State.Speakers]);

    public async Task<CommandResult<IReadOnlyList<Speaker>>> ReorderAsync(IReadOnlyList<int> numbers)
    {
        var known = state.State.Speakers.ToDictionary(s => s.Number);
        if (known.Count == 0)
        {
            return CommandResult<IReadOnlyList<Speaker>>.Fail(new CommandProblem(ProblemKind.Invalid, "Chưa có ai đăng ký phát biểu để sắp xếp.",
                new Dictionary<string, string[]> { ["numbers"] = ["Chưa có số đăng ký nào."] }));
        }

        if (numbers.Count != known.Count || numbers.Distinct().Count() != numbers.Count || numbers.Any(n => !known.ContainsKey(n)))
        {
            return CommandResult<IReadOnlyList<Speaker>>.Fail(new CommandProblem(ProblemKind.Invalid, "Thứ tự phát biểu chưa hợp lệ.",
                new Dictionary<string, string[]> { ["numbers"] = [$"Cần liệt kê đúng một lần mỗi số đăng ký ({known.Count} người)."] }));
        }

        state.State.Speakers = [.. numbers.Select(n => known[n])];
        await state.WriteOrReloadAsync(this);
        return CommandResult<IReadOnlyList<Speaker>>.Ok([.. state.State.Speakers]);
    }
}
