using System.Security.Cryptography;
using System.Text;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>
/// Names one message in the SMS gateway's delivery-report URL and proves the report comes from whoever holds the
/// shared secret (the gateway): an HMAC-SHA256 of the message's key. The secret itself never travels. Both parts
/// are base64url, so the gateway's own %-escapes in the URL cannot be confused with ours.
/// </summary>
public static class DeliveryReceiptToken
{
    public static (string Key, string Signature) Create(string secret, string sessionKey, string notice, string recipientId)
    {
        var key = Base64Url(Encoding.UTF8.GetBytes($"{sessionKey}\n{notice}\n{recipientId}"));
        return (key, Sign(secret, key));
    }

    /// <summary>The message a report is about, or null when the signature does not hold or the key is malformed.</summary>
    public static (string SessionKey, string Notice, string RecipientId)? Verify(string secret, string? key, string? signature)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(key) || string.IsNullOrEmpty(signature) || key.Length > 512)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, key));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(FromBase64Url(key)).Split('\n');
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Sign(string secret, string key) =>
        Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
