namespace DoiThoai.Grains.Abstractions.Requests;

/// <summary>What the commune office records when residents ask for a dialogue.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.DialogueRequestDraft")]
public sealed record DialogueRequestDraft(
    [property: Id(0)] string Subject,
    [property: Id(1)] int Signatures,
    [property: Id(2)] int Voters,
    [property: Id(3)] DateOnly ReceivedOn,
    [property: Id(4)] string? Representative = null);

/// <summary>
/// Residents' request for a dialogue, with how many voters signed it. Once a tenth of the voters have, the commune owes
/// a dialogue until a session is linked to answer it.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.DialogueRequest")]
public sealed record DialogueRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string Subject,
    [property: Id(2)] int Signatures,
    [property: Id(3)] int Voters,
    [property: Id(4)] DateOnly ReceivedOn,
    [property: Id(5)] string? Representative,
    [property: Id(6)] DateTimeOffset RecordedAt,
    [property: Id(7)] string? SessionId)
{
    public int Required => Domain.Sessions.DialogueRequestRules.Required(Voters);

    public bool ThresholdReached => Domain.Sessions.DialogueRequestRules.Reached(Signatures, Voters);

    /// <summary>The commune must schedule a dialogue for it.</summary>
    public bool Owed => ThresholdReached && SessionId is null;
}
