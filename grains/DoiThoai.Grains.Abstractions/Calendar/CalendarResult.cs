namespace DoiThoai.Grains.Abstractions.Calendar;

public enum CalendarProblemKind
{
    /// <summary>The session, commune or province does not exist.</summary>
    NotFound,

    /// <summary>A field is missing or malformed; <see cref="CalendarProblem.Errors"/> says which.</summary>
    Invalid,

    /// <summary>The start leaves less notice than the policy requires; see <see cref="CalendarProblem.EarliestAllowedStart"/>.</summary>
    NoticeTooShort,

    /// <summary>Another session holds the venue at that time; see <see cref="CalendarProblem.ConflictingSessionId"/>.</summary>
    Clash,

    /// <summary>The session's status does not allow the change (e.g. cancelling a session already held).</summary>
    WrongState,

    /// <summary>A rule of the province is broken (e.g. a commune loosening the province's notice policy).</summary>
    PolicyViolation,
}

/// <summary>Why a calendar command was refused, in words an officer reads (Vietnamese).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CalendarProblem")]
public sealed record CalendarProblem(
    [property: Id(0)] CalendarProblemKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] DateTimeOffset? EarliestAllowedStart = null,
    [property: Id(4)] string? ConflictingSessionId = null);

/// <summary>The outcome of a command: the value, or the problem that refused it and changed nothing.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CalendarResult`1")]
public sealed record CalendarResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] CalendarProblem? Problem)
{
    public bool Succeeded => Problem is null;

    public static CalendarResult<T> Ok(T value) => new(value, null);

    public static CalendarResult<T> Fail(CalendarProblem problem) => new(default, problem);

    public static CalendarResult<T> Fail(CalendarProblemKind kind, string message) => new(default, new CalendarProblem(kind, message));
}
