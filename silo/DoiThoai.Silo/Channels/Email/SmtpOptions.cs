namespace DoiThoai.Silo.Channels.Email;

/// <summary>Email:Smtp: where invitations are handed over. Without a host, the e-mail channel is not configured.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. "UBND xã &lt;ubnd@xa.gov.vn&gt;".</summary>
    public string From { get; set; } = "Đối thoại với Nhân dân <noreply@doithoai.vn>";

    /// <summary>STARTTLS when true.</summary>
    public bool UseTls { get; set; }

    public string? Username { get; set; }

    /// <summary>From configuration or the environment (Email__Smtp__Password), never from the repository.</summary>
    public string? Password { get; set; }

    public int MaxConnections { get; set; } = 4;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
