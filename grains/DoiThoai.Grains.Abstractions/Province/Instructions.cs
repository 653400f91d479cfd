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

/// <summary>
/// A province's instructions to its communes (keyed by the province's code), apart from its oversight: issued, answered,
/// followed commune by commune; a dated one reminds the communes still without a periodic dialogue, on working days.
/// </summary>
[Alias("DoiThoai.IProvinceInstructionsGrain")]
public interface IProvinceInstructionsGrain : IGrainWithStringKey
{
    /// <summary>Issues an instruction to every commune of the province; with a date, it also becomes the overview's default date.</summary>
    [Alias("Issue")]
    Task<CommandResult<InstructionStatus>> IssueAsync(string text, DateOnly? periodicBy, string issuedBy);

    /// <summary>The province's instructions, newest first, each with every commune's progress.</summary>
    [Alias("List")]
    Task<IReadOnlyList<InstructionStatus>> ListAsync();

    /// <summary>A commune office acknowledges an instruction, or (<paramref name="done"/>) reports it carried out.</summary>
    [Alias("Answer")]
    Task<CommandResult<InstructionStatus>> AnswerAsync(string instructionId, string communeCode, bool done);

    /// <summary>
    /// Run by its timed job each working day: on the reminder days before the latest dated instruction's date, the
    /// officers of each commune without a periodic dialogue are reminded. Returns how many messages were queued.
    /// </summary>
    [Alias("Remind")]
    Task<int> RemindAsync();
}
