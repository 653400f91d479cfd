namespace DoiThoai.Silo.Channels.Email;

/// <summary>Email:Smtp: where invitations are handed over. Without a host, the e-mail channel is not configured.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. "UBND xã &lt;ubnd@xa.gov.vn&gt;".</summary>
    public string From { get; set; } = "Đối thoại với Nhân dân <noreply@doithoai.vn>";

    /// <summary>
    /// A mailbox the office reads, e.g. "Văn phòng HĐND và UBND &lt;vanphong@xa.gov.vn&gt;". When set, invitations name
    /// it as their organiser and ask each invitee to reply (Accept / Decline reaches it), and replies to any e-mail go
    /// there. When not set, the organiser is <see cref="From"/> and no reply is asked for.
    /// </summary>
    public string? ReplyTo { get; set; }

    /// <summary>STARTTLS when true.</summary>
    public bool UseTls { get; set; }

    public string? Username { get; set; }

    /// <summary>From configuration or the environment (Email__Smtp__Password), never from the repository.</summary>
    public string? Password { get; set; }

    public int MaxConnections { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
