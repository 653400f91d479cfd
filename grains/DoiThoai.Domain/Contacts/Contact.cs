namespace DoiThoai.Domain.Contacts;

/// <summary>Why a person is on a commune's list, and so which sessions' audiences include them.</summary>
public enum ContactRole
{
    /// <summary>người dân: a resident invited through the hamlet.</summary>
    Resident,

    /// <summary>đại biểu: an invited delegate (People's Council, departments, schools, the health station…).</summary>
    Delegate,

    /// <summary>trưởng thôn / tổ trưởng tổ dân phố.</summary>
    HamletHead,

    /// <summary>Mặt trận Tổ quốc and the mass organisations.</summary>
    FrontCommittee,

    /// <summary>cán bộ, công chức of the commune.</summary>
    Officer,
}

/// <summary>
/// A person a commune may notify. Phone and e-mail are personal data, kept for this purpose only; a channel is used
/// only while its consent stands.
/// </summary>
public sealed record Contact(
    string Id,
    string FullName,
    ContactRole Role,
    string Hamlet,
    string? Title = null,
    string? Phone = null,
    string? Email = null,
    bool SmsConsent = false,
    bool EmailConsent = false)
{
    public bool CanReceiveSms => SmsConsent && Phone is not null;

    public bool CanReceiveEmail => EmailConsent && Email is not null;
}
