namespace DoiThoai.Grains.Abstractions;

/// <summary>What kind of refusal a <see cref="CommandProblem"/> is; the API maps each to its HTTP status.</summary>
public enum ProblemKind
{
    /// <summary>The session, commune or province does not exist.</summary>
    NotFound,

    /// <summary>A field is missing or malformed; <see cref="CommandProblem.Errors"/> says which.</summary>
    Invalid,

    /// <summary>The start leaves less notice than the policy requires; see <see cref="CommandProblem.EarliestAllowedStart"/>.</summary>
    NoticeTooShort,

    /// <summary>Another session holds the venue at that time; see <see cref="CommandProblem.ConflictingSessionId"/>.</summary>
    Clash,

    /// <summary>The session's status does not allow the change (e.g. cancelling a session already held).</summary>
    WrongState,

    /// <summary>A rule of the province is broken (e.g. a commune loosening the province's notice policy).</summary>
    PolicyViolation,

    /// <summary>One client has used up what it may do here (e.g. registrations from one address to one session).</summary>
    TooMany,
}

/// <summary>Why a command was refused, in words an officer reads (Vietnamese). Its wire alias keeps the name it had when only the calendar used it.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CalendarProblem")]
public sealed record CommandProblem(
    [property: Id(0)] ProblemKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] DateTimeOffset? EarliestAllowedStart = null,
    [property: Id(4)] string? ConflictingSessionId = null);

/// <summary>The outcome of a command of any grain: the value, or the problem that refused it and changed nothing (wire alias unchanged).</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CalendarResult`1")]
public sealed record CommandResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] CommandProblem? Problem)
{
    public bool Succeeded => Problem is null;

    public static CommandResult<T> Ok(T value) => new(value, null);

    public static CommandResult<T> Fail(CommandProblem problem) => new(default, problem);

    public static CommandResult<T> Fail(ProblemKind kind, string message) => new(default, new CommandProblem(kind, message));
}
