using System.Security.Cryptography;
using System.Text;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>
/// Names one message, or one request's messages, in the SMS gateway's delivery-report URL, with the time they were
/// handed to the gateway, and signs both (HMAC-SHA256 with the secret the platform shares with nobody; it never travels). A report is believed only
/// within <see cref="ReportWindow"/> of that time, so a URL seen once cannot be replayed for ever. The report's type and
/// reply are filled in by Kannel (%d, %A) when the phone answers, after the URL was signed: stock Kannel signs nothing,
/// so they are bounded instead by what the platform accepts (a final report once per message handed to the gateway,
/// the endpoint rate-limited). Key and signature are base64url, so Kannel's %-escapes cannot be confused with them.
/// A request to several phones (one text, many numbers in Kannel's <c>to</c>) has one URL for all of them: its key
/// names the session, the notice and the outbox rows the request carried (the range of their ids), and Kannel adds the
/// phone (%p) the report is about, which the platform looks up among those rows only.
/// </summary>
public static class DeliveryReceiptToken
{
    /// <summary>How long after sending a report is believed: SMSCs keep trying an unreachable phone for up to 72 hours.</summary>
    public static readonly TimeSpan ReportWindow = TimeSpan.FromDays(7);

    /// <summary>Clocks of silo and gateway differ by this much at most.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static (string Key, string Time, string Signature) Create(string secret, string sessionKey, string notice, string recipientId, DateTimeOffset sentAt) =>
        Signed(secret, $"{sessionKey}\n{notice}\n{recipientId}", sentAt);

    /// <summary>The key of a request to several phones: the session, the notice and the first and last outbox row it carried.</summary>
    public static (string Key, string Time, string Signature) CreateForRows(string secret, string sessionKey, string notice, long firstId, long lastId, DateTimeOffset sentAt) =>
        Signed(secret, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sessionKey}\n{notice}\n\n{firstId}:{lastId}"), sentAt);

    private static (string Key, string Time, string Signature) Signed(string secret, string named, DateTimeOffset sentAt)
    {
        var key = Base64Url(Encoding.UTF8.GetBytes(named));
        var time = sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (key, time, Sign(secret, key, time));
    }

    /// <summary>
    /// The message (or the rows) a report is about, or null when the signature does not hold, the key is malformed or
    /// the report comes outside the window after the message was sent.
    /// </summary>
    public static DeliveryReceiptKey? Verify(string secret, string? key, string? time, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(key) || string.IsNullOrEmpty(signature) || key.Length > 512
            || !long.TryParse(time, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return null;
        }

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (sentAt > now + ClockSkew || now - sentAt > ReportWindow)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, key, time!));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(FromBase64Url(key)).Split('\n');
            return parts switch
            {
                [var session, var notice, var recipient] => new DeliveryReceiptKey(session, notice, recipient, null),
                [var session, var notice, "", var rows] when rows.Split(':') is [var first, var last]
                    && long.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var firstId)
                    && long.TryParse(last, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lastId)
                    && firstId <= lastId => new DeliveryReceiptKey(session, notice, null, (firstId, lastId)),
                _ => null,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Sign(string secret, string key, string time) =>
        Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{key}\n{time}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}

/// <summary>
/// What a signed report URL names: one recipient's message, or the outbox rows (ids <see cref="Rows"/>, inclusive) of a
/// request to several phones, of which the report's phone number tells the one.
/// </summary>
public sealed record DeliveryReceiptKey(string SessionKey, string Notice, string? RecipientId, (long First, long Last)? Rows);
