namespace DoiThoai.Domain.Sessions;

/// <summary>The three kinds of dialogue (plan 004).</summary>
public enum SessionKind
{
    /// <summary>định kỳ: the regular, at least yearly, dialogue.</summary>
    Periodic,

    /// <summary>chuyên đề: on one policy, project or key task, or with one social group.</summary>
    Thematic,

    /// <summary>đột xuất: a pressing case; held at once, no advance public notice required.</summary>
    Urgent,
}

public enum SessionForm
{
    /// <summary>trực tiếp: commune hall, a hamlet's cultural house, an incident site.</summary>
    InPerson,

    /// <summary>trực tuyến: video conference or a lawful social network.</summary>
    Online,

    /// <summary>gián tiếp: opinions by letter or e-mail, through the Front or the media.</summary>
    Indirect,
}

/// <summary>The social group a thematic dialogue is held with.</summary>
public enum TargetGroup
{
    Farmers,
    Workers,
    BusinessPeople,
    Youth,
    Women,
    Veterans,
    Elderly,
    Students,
    EthnicMinorities,
    Other,
}

public enum SessionStatus
{
    Scheduled,
    Held,
    Concluded,
    Cancelled,
}

public static class SessionNames
{
    public static string Vietnamese(this SessionKind kind) => kind switch
    {
        SessionKind.Periodic => "định kỳ",
        SessionKind.Thematic => "chuyên đề",
        SessionKind.Urgent => "đột xuất",
        _ => kind.ToString(),
    };

    public static string Vietnamese(this SessionStatus status) => status switch
    {
        SessionStatus.Scheduled => "đã lên lịch",
        SessionStatus.Held => "đã tổ chức",
        SessionStatus.Concluded => "đã có kết luận",
        SessionStatus.Cancelled => "đã hủy",
        _ => status.ToString(),
    };
}
