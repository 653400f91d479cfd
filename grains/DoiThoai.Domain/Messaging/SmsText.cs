using System.Text;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Messaging;

/// <summary>How a province sends its SMS: plain GSM-7 that fits 160 characters, or UCS-2 that keeps the diacritics.</summary>
public enum SmsTextPolicy
{
    Gsm7WithoutDiacritics,
    Ucs2WithDiacritics,
}

public enum SmsEncoding
{
    Gsm7,
    Ucs2,
}

/// <summary>An SMS as it will go out: the text, its encoding, and how many parts the phone will receive.</summary>
public sealed record SmsMessageText(string Text, SmsEncoding Encoding, int Units, int Segments)
{
    public int UnitsPerSegment => Encoding == SmsEncoding.Gsm7
        ? (Segments == 1 ? SmsText.Gsm7Single : SmsText.Gsm7Part)
        : (Segments == 1 ? SmsText.Ucs2Single : SmsText.Ucs2Part);
}

/// <summary>Prepares SMS text under a policy and counts its segments (3GPP TS 23.038 / 23.040).</summary>
public static class SmsText
{
    public const int Gsm7Single = 160;
    public const int Gsm7Part = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2Part = 67;

    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    private static readonly Dictionary<char, string> Substitutes = new()
    {
        ['–'] = "-", ['—'] = "-", ['‘'] = "'", ['’'] = "'", ['“'] = "\"", ['”'] = "\"", ['…'] = "...", ['\t'] = " ",
        ['«'] = "\"", ['»'] = "\"", ['•'] = "-", ['\u00A0'] = " ",
    };

    /// <summary>The text as it will be sent under the policy, with its encoding and segment count.</summary>
    public static SmsMessageText Prepare(string text, SmsTextPolicy policy)
    {
        if (policy == SmsTextPolicy.Gsm7WithoutDiacritics)
        {
            var plain = ToGsm7(text);
            return Count(plain, SmsEncoding.Gsm7);
        }

        // UCS-2 is needed only when the text leaves the GSM-7 alphabet; plain text still goes as GSM-7.
        return IsGsm7(text) ? Count(text, SmsEncoding.Gsm7) : Count(text, SmsEncoding.Ucs2);
    }

    public static bool IsGsm7(string text) => text.All(c => Gsm7Basic.Contains(c, StringComparison.Ordinal) || Gsm7Extension.Contains(c, StringComparison.Ordinal));

    /// <summary>Vietnamese without diacritics, typographic punctuation made plain, anything else outside GSM-7 as '?'.</summary>
    public static string ToGsm7(string text)
    {
        var plain = VietnameseText.RemoveDiacritics(text);
        var result = new StringBuilder(plain.Length);
        foreach (var c in plain)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal) || Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                result.Append(c);
            }
            else if (Substitutes.TryGetValue(c, out var substitute))
            {
                result.Append(substitute);
            }
            else if (!char.IsLowSurrogate(c))
            {
                result.Append('?');
            }
        }

        return result.ToString();
    }

    private static SmsMessageText Count(string text, SmsEncoding encoding)
    {
        int units;
        int segments;
        if (encoding == SmsEncoding.Gsm7)
        {
            units = text.Sum(c => Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1);
            segments = units <= Gsm7Single ? 1 : (units + Gsm7Part - 1) / Gsm7Part;
        }
        else
        {
            units = text.Length; // UTF-16 code units: a character outside the BMP takes two
            segments = units <= Ucs2Single ? 1 : (units + Ucs2Part - 1) / Ucs2Part;
        }

        return new SmsMessageText(text, encoding, units, Math.Max(segments, 1));
    }
}
