using DoiThoai.Domain.Petitions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Abstractions.Petitions;

/// <summary>What a commune's petitions owe, as its province sees them: the days by which each open one is owed.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PetitionReport")]
public sealed record PetitionReport(
    [property: Id(0)] string CommuneCode,
    [property: Id(1)] int Version,
    [property: Id(2)] int Open,
    [property: Id(3)] int Escalated,
    [property: Id(4)] IReadOnlyList<DateOnly> OwedBy);

/// <summary>A petition and what became of the messages that told its petitioner the answer.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PetitionDetail")]
public sealed record PetitionDetail(
    [property: Id(0)] Petition Petition,
    [property: Id(1)] IReadOnlyList<DeliveryTally> AnswerDeliveries);

/// <summary>The petitions of one commune (keyed by its code), from receipt to answer.</summary>
[Alias("DoiThoai.IPetitionRegistryGrain")]
public interface IPetitionRegistryGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task<CommandResult<Petition>> RecordAsync(PetitionDraft draft, string by);

    /// <summary>Newest first; of one status, or only those overdue, when asked.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<Petition>> ListAsync(PetitionStatus? status, bool overdueOnly);

    [Alias("Get"), ReadOnly]
    Task<PetitionDetail?> GetAsync(string petitionId);

    /// <summary>Acknowledges receipt (once) and tells the petitioner the case number and the day the answer is owed by.</summary>
    [Alias("Acknowledge")]
    Task<CommandResult<Petition>> AcknowledgeAsync(string petitionId, string? note, string by, DateOnly? answerDueDate = null);

    /// <summary>Gives the petition to a unit (a department, a hamlet head) to answer by a date.</summary>
    [Alias("Assign")]
    Task<CommandResult<Petition>> AssignAsync(string petitionId, string unit, DateOnly dueDate, string? note, string by);

    /// <summary>Beyond the commune's authority: sent to the province and its departments; the petitioner is told.</summary>
    [Alias("Escalate")]
    Task<CommandResult<Petition>> EscalateAsync(string petitionId, string reason, string by, DateOnly? answerDueDate = null);

    /// <summary>
    /// The chair's published conclusion on a petition raised at the session: answered or settled (the petition is
    /// answered), given to a unit by a date (assigned), or sent beyond the commune (escalated); the petitioner is told the
    /// outcome. A petition already answered is left as it is.
    /// </summary>
    [Alias("ApplyConclusion")]
    Task<CommandResult<Petition>> ApplyConclusionAsync(string petitionId, Results.ConclusionItem item, string noticeReference, string by);

    /// <summary>A year's days off changed: acknowledgement days still owed are counted again; returns how many moved.</summary>
    [Alias("RecountDeadlines")]
    Task<int> RecountDeadlinesAsync(int year);

    /// <summary>Records the answer and tells the petitioner on the channels they gave.</summary>
    [Alias("Answer")]
    Task<CommandResult<Petition>> AnswerAsync(string petitionId, string answer, string by);

    /// <summary>
    /// The timed job the answer planned: the petitioner's phone and e-mail erased once kept long enough after the
    /// answer, from the petition and from the record of its messages; returns how many petitions it erased.
    /// </summary>
    [Alias("EraseContacts")]
    Task<int> EraseContactsAsync();

    [Alias("GetReport"), ReadOnly]
    Task<PetitionReport> GetReportAsync();
}
