using System.Net.Mail;

namespace DoiThoai.Domain.Contacts;

/// <summary>An e-mail address, checked and kept lower-cased. Personal data: shown and logged only masked.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? raw, out string address, out string error)
    {
        address = "";
        error = "";
        var text = raw?.Trim() ?? "";
        if (text.Length == 0 || text.Length > MaxLength || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            error = "Địa chỉ email không hợp lệ.";
            return false;
        }

        if (!MailAddress.TryCreate(text, out var parsed) || parsed.Address != text || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            error = "Địa chỉ email không hợp lệ.";
            return false;
        }

        address = parsed.Address.ToLowerInvariant();
        return true;
    }

    /// <summary>"nguyenvana@gmail.com" → "ng***@gmail.com".</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : $"{address[..Math.Min(2, at)]}***{address[at..]}";
    }
}
