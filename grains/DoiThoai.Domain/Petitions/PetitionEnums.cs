namespace DoiThoai.Domain.Petitions;

/// <summary>Where a petition came from.</summary>
public enum PetitionSource
{
    /// <summary>Raised by a resident speaking at the session.</summary>
    AtSession,

    /// <summary>Collected before the session (opinion forms of the hamlets and the Front).</summary>
    BeforeSession,

    Letter,
    Email,
}

/// <summary>What a petition is about: the field decides which department prepares the answer.</summary>
public enum PetitionField
{
    Land,
    Environment,
    Infrastructure,
    SocialPolicy,
    PublicOrder,
    Administration,
    Other,
}

public enum PetitionStatus
{
    /// <summary>Received; to be acknowledged or answered within 10 working days (Luật Tiếp công dân, Điều 28).</summary>
    Received,

    /// <summary>Acknowledged in writing; the commune works on it.</summary>
    Acknowledged,

    /// <summary>Given to a unit to answer by a date.</summary>
    Assigned,

    /// <summary>Beyond the commune's authority: sent to the province and its departments.</summary>
    Escalated,

    /// <summary>Answered (at the session or in writing), and the petitioner told.</summary>
    Answered,
}

public enum PetitionEventKind { Received, Acknowledged, Assigned, Escalated, Answered }
