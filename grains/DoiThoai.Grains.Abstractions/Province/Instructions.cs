using DoiThoai.Domain.Sessions;

namespace DoiThoai.Grains.Abstractions.Province;

/// <summary>
/// A province-wide instruction (e.g. "every commune holds its periodic dialogue before 15/12"). With a date, it is
/// done in a commune when that commune's periodic dialogue is held by then, and on track when it is scheduled by then;
/// without one, when the commune office reports it done.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.Instruction")]
public sealed record Instruction(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] DateOnly? PeriodicBy,
    [property: Id(3)] DateTimeOffset IssuedAt,
    [property: Id(4)] string IssuedBy,
    [property: Id(5)] IReadOnlyDictionary<string, DateTimeOffset> AcknowledgedBy,
    [property: Id(6)] IReadOnlyDictionary<string, DateTimeOffset> ReportedDoneBy);

/// <summary>Where one commune stands with an instruction.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InstructionProgress")]
public sealed record InstructionProgress(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] string CommuneName,
    [property: Id(2)] DateTimeOffset? AcknowledgedAt,
    [property: Id(3)] bool Done,
    [property: Id(4)] bool OnTrack,
    [property: Id(5)] PeriodicDialogueStatus? Periodic);

/// <summary>An instruction and how far the province's communes have carried it out.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.InstructionStatus")]
public sealed record InstructionStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] DateOnly? PeriodicBy,
    [property: Id(3)] DateTimeOffset IssuedAt,
    [property: Id(4)] string IssuedBy,
    [property: Id(5)] int Communes,
    [property: Id(6)] int Acknowledged,
    [property: Id(7)] int OnTrack,
    [property: Id(8)] int Done,
    [property: Id(9)] IReadOnlyList<InstructionProgress> Progress);
