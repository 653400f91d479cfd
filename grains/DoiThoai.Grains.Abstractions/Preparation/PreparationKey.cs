using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Grains.Abstractions.Preparation;

/// <summary>
/// The outbox key of a session's preparation messages (<see cref="SessionOutboxKey"/>, "{commune}/{session}/preparation"):
/// apart from the session's notices, so a reschedule (which cancels what the notices still had waiting) leaves the
/// milestones' reminders alone.
/// </summary>
public static class PreparationKey
{
    public static string Of(string sessionKey) => SessionOutboxKey.Of(sessionKey, SessionPart.Preparation);
}

/// <summary>
/// The reminder of a milestone before the day it is due, or the alert that it is overdue: a timed job of the session's
/// preparation. A milestone moved since gets checks of its own; this one then finds nothing owed.
/// </summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.MilestoneCheck")]
public sealed record MilestoneCheck(
    [property: Id(0)] string Milestone,
    [property: Id(1)] DateOnly Due,
    [property: Id(2)] bool Overdue)
{
    /// <summary>The name its messages carry in the outbox.</summary>
    public string Name => $"{(Overdue ? "milestone-overdue-" : "milestone-remind-")}{Due:yyyyMMdd}-{Milestone}";
}
