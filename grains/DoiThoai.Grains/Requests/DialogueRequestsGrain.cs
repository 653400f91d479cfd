using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Sessions;
using DoiThoai.Domain.Text;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Requests;

namespace DoiThoai.Grains.Requests;

[GenerateSerializer, Alias("DoiThoai.DialogueRequestsState")]
public sealed class DialogueRequestsState
{
    [Id(0)] public List<DialogueRequest> Requests { get; set; } = [];

    /// <summary>Whether the requests an earlier version kept in the commune's calendar were taken over.</summary>
    [Id(1)] public bool TookOverFromCalendar { get; set; }
}

/// <summary>
/// One commune's residents' requests for a dialogue, apart from its calendar: recorded, their signatures counted, each
/// answered with a session. After every change it tells the calendar how many dialogues are owed.
/// </summary>
public sealed class DialogueRequestsGrain(
    [PersistentState(DialogueRequestsGrain.StateName, GrainStorage.Name)] IPersistentState<DialogueRequestsState> state,
    AdminUnitRegistry registry,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : Grain, IDialogueRequestsGrain
{
    public const string StateName = "dialogue-requests";

    private Commune _commune = null!;

    private ICommuneGrain Calendar => GrainFactory.GetGrain<ICommuneGrain>(_commune.Code);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commune = registry.GetCommune(this.GetPrimaryKeyString());
        if (!state.State.TookOverFromCalendar)
        {
            // Taking over is idempotent: the calendar hands its list once and keeps counting what it owes until then.
            state.State.Requests.AddRange((await Calendar.TakeLegacyDialogueRequestsAsync()).Where(r => state.State.Requests.All(x => x.Id != r.Id)));
            state.State.TookOverFromCalendar = true;
            await state.WriteOrReloadAsync(this);
        }

        await Calendar.SetDialogueRequestsOwedAsync(Owed); // a report lost to a crash after the last write is made again
    }

    private int Owed => state.State.Requests.Count(r => r.Owed);

    public async Task<CommandResult<DialogueRequest>> RecordAsync(DialogueRequestDraft draft)
    {
        var now = time.GetUtcNow();
        var errors = DialogueRequestRules.Check(draft.Subject, draft.Signatures, draft.Voters, draft.ReceivedOn, VietnamTime.LocalDate(now), draft.Representative);
        if (errors.Count > 0)
        {
            return CommandResult<DialogueRequest>.Fail(new CommandProblem(ProblemKind.Invalid, "Đề nghị tổ chức đối thoại chưa hợp lệ.", errors));
        }

        var request = new DialogueRequest($"DN-{VietnamTime.LocalDate(now).Year}-{state.State.Requests.Count + 1:D3}", draft.Subject.Trim(),
            draft.Signatures, draft.Voters, draft.ReceivedOn, draft.Representative?.Trim(), now, null);
        await CommitAsync(s => s.Requests.Add(request));
        return CommandResult<DialogueRequest>.Ok(request);
    }

    public async Task<CommandResult<DialogueRequest>> UpdateSignaturesAsync(string requestId, int signatures)
    {
        if (state.State.Requests.Find(r => r.Id == requestId) is not { } request)
        {
            return NotFound(requestId);
        }

        if (signatures < request.Signatures || signatures > request.Voters)
        {
            return CommandResult<DialogueRequest>.Fail(new CommandProblem(ProblemKind.Invalid, "Số cử tri đề nghị chưa hợp lệ.",
                new Dictionary<string, string[]> { ["signatures"] = [$"Số cử tri đề nghị chỉ tăng: từ {request.Signatures} đến {request.Voters}."] }));
        }

        var updated = request with { Signatures = signatures };
        await CommitAsync(s => s.Requests[s.Requests.FindIndex(r => r.Id == requestId)] = updated);
        return CommandResult<DialogueRequest>.Ok(updated);
    }

    public async Task<CommandResult<DialogueRequest>> LinkAsync(string requestId, string sessionId)
    {
        if (state.State.Requests.Find(r => r.Id == requestId) is not { } request)
        {
            return NotFound(requestId);
        }

        if (await Calendar.GetSessionAsync(sessionId) is not { } session || session.Status == SessionStatus.Cancelled)
        {
            return CommandResult<DialogueRequest>.Fail(new CommandProblem(ProblemKind.Invalid, "Phiên đối thoại trả lời đề nghị chưa hợp lệ.",
                new Dictionary<string, string[]> { ["sessionId"] = [$"Không có phiên đối thoại {VietnameseText.Quote(sessionId)} chưa bị hủy của {_commune.Name}."] }));
        }

        var linked = request with { SessionId = session.Id };
        await CommitAsync(s => s.Requests[s.Requests.FindIndex(r => r.Id == requestId)] = linked);
        return CommandResult<DialogueRequest>.Ok(linked);
    }

    public Task<IReadOnlyList<DialogueRequest>> ListAsync() =>
        Task.FromResult<IReadOnlyList<DialogueRequest>>([.. Enumerable.Reverse(state.State.Requests)]);

    private async Task CommitAsync(Action<DialogueRequestsState> change)
    {
        change(state.State);
        await state.WriteOrReloadAsync(this);
        await Calendar.SetDialogueRequestsOwedAsync(Owed);
    }

    private static CommandResult<DialogueRequest> NotFound(string requestId) =>
        CommandResult<DialogueRequest>.Fail(ProblemKind.NotFound, $"Không tìm thấy đề nghị {VietnameseText.Quote(requestId)}.");
}
