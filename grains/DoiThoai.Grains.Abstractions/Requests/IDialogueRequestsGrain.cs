namespace DoiThoai.Grains.Abstractions.Requests;

/// <summary>
/// A commune's residents' requests for a dialogue (Điều 43: a tenth of the voters), keyed by the commune's code. It
/// tells the commune's calendar how many dialogues it owes, which the province's oversight counts.
/// </summary>
[Alias("DoiThoai.IDialogueRequestsGrain")]
public interface IDialogueRequestsGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task<CommandResult<DialogueRequest>> RecordAsync(DialogueRequestDraft draft);

    /// <summary>More signatures were collected (the count only grows).</summary>
    [Alias("UpdateSignatures")]
    Task<CommandResult<DialogueRequest>> UpdateSignaturesAsync(string requestId, int signatures);

    /// <summary>The session held to answer the request; it must exist and not be cancelled.</summary>
    [Alias("Link")]
    Task<CommandResult<DialogueRequest>> LinkAsync(string requestId, string sessionId);

    /// <summary>Newest first.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<DialogueRequest>> ListAsync();
}
