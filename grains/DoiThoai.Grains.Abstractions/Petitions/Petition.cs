using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Petitions;

namespace DoiThoai.Grains.Abstractions.Petitions;

/// <summary>One step of a petition's history: when, what, by whom, and what was said.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.PetitionEvent")]
public sealed record PetitionEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] PetitionEventKind Kind,
    [property: Id(2)] string By,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? Unit = null,
    [property: Id(5)] DateOnly? DueDate = null);

/// <summary>Who raised a petition, and how they want to hear the answer (personal data: used for that only).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.Petitioner")]
public sealed record Petitioner(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Phone,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateTimeOffset? ContactErasedAt = null);

/// <summary>
/// A petition (kiến nghị) raised before or at a dialogue: classified, acknowledged within 10 working days, assigned
/// to a unit with a due date or escalated to the province, answered, and the petitioner told.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.Petition")]
public sealed record Petition(
    [property: Id(0)] string Id,
    [property: Id(1)] string CommuneCode,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] PetitionSource Source,
    [property: Id(4)] PetitionField Field,
    [property: Id(5)] string Content,
    [property: Id(6)] Petitioner? Petitioner,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] DateOnly AcknowledgeBy,
    [property: Id(9)] PetitionStatus Status,
    [property: Id(10)] string? AssignedUnit,
    [property: Id(11)] DateOnly? DueDate,
    [property: Id(12)] string? Answer,
    [property: Id(13)] IReadOnlyList<PetitionEvent> History,
    [property: Id(14)] DateOnly? ReceivedOn = null,
    [property: Id(15)] DateOnly? AnswerDueDate = null)
{
    /// <summary>The day the petition actually reached the commune (the office may record it days later).</summary>
    public DateOnly ReceivedDay => ReceivedOn ?? VietnamTime.LocalDate(ReceivedAt);

    public bool Acknowledged => History.Any(e => e.Kind == PetitionEventKind.Acknowledged);

    /// <summary>
    /// The earliest day by which something still owed is late after: the acknowledgement until it is given (Luật Tiếp
    /// công dân, Điều 28; assigning the petition does not give it), the answer owed to the petitioner, and the assigned
    /// unit's answer. A later step never removes an earlier duty, so no step clears an overdue state but the one owed.
    /// </summary>
    public DateOnly? OwedBy
    {
        get
        {
            if (Status == PetitionStatus.Answered)
            {
                return null;
            }

            DateOnly?[] duties = [Acknowledged || Status == PetitionStatus.Escalated ? null : AcknowledgeBy, AnswerDueDate, Status == PetitionStatus.Assigned ? DueDate : null];
            return duties.OfType<DateOnly>().Order().Cast<DateOnly?>().FirstOrDefault();
        }
    }

    /// <summary>Late: the day it was owed by has ended (Vietnam time) without it.</summary>
    public bool IsOverdue(DateTimeOffset now) => OwedBy is { } by && VietnamTime.LocalDate(now) > by;
}
