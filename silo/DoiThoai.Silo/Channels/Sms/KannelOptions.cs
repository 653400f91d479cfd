namespace DoiThoai.Silo.Channels.Sms;

/// <summary>Sms:Kannel: the SMS gateway (Kannel smsbox). Without SendUrl, user and password the SMS channel is not configured.</summary>
public sealed class KannelOptions
{
    public const string Section = "Sms:Kannel";

    /// <summary>smsbox's sendsms interface, e.g. http://127.0.0.1:13013/cgi-bin/sendsms.</summary>
    public string? SendUrl { get; set; }

    public string? Username { get; set; }

    /// <summary>From configuration or the environment (Sms__Kannel__Password), never from the repository.</summary>
    public string? Password { get; set; }

    /// <summary>Signs the delivery-report URLs; the same value must reach the API that receives them.</summary>
    public string? DlrSecret { get; set; }

    /// <summary>Where Kannel calls back with delivery reports: the platform's /api/sms/dlr as Kannel reaches it.</summary>
    public string? DlrUrl { get; set; }

    /// <summary>The sender shown on phones (a brandname registered with the operators in production).</summary>
    public string From { get; set; } = "UBND";

    public int MaxConcurrency { get; set; } = 16;

    /// <summary>
    /// Phones one sendsms request carries when they get the same text (a notice's fan-out); 1 sends each alone. Its
    /// report URL stays valid for all of them, so it bounds how many other phones' reports that URL could speak for.
    /// </summary>
    public int MaxRecipientsPerRequest { get; set; } = 50;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SendUrl) && !string.IsNullOrWhiteSpace(Username) && !string.IsNullOrWhiteSpace(Password);
}
