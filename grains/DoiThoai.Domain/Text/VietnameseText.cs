using System.Globalization;
using System.Text;

namespace DoiThoai.Domain.Text;

public static class VietnameseText
{
    /// <summary>"Ủy ban nhân dân phường Đồng Xuân" → "Uy ban nhan dan phuong Dong Xuan" (đ becomes d, not dropped).</summary>
    public static string RemoveDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            result.Append(c switch
            {
                'đ' => 'd',
                'Đ' => 'D',
                _ => c,
            });
        }

        return result.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A key for matching what people type: no diacritics, lower case, letters and digits only.</summary>
    public static string Key(string text) =>
        new(RemoveDiacritics(text).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>
    /// True when the text holds a control character (but line breaks and tabs), a broken UTF-16 surrogate pair, or the
    /// replacement character U+FFFD (what a decoder leaves of invalid Unicode): what no person types, and what would
    /// corrupt an SMS, a calendar file or a log line.
    /// </summary>
    /// <summary>A value quoted back in a message, cut to 40 characters so a hostile one cannot flood the answer.</summary>
    public static string Quote(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t' || c == '\uFFFD') || !HasValidSurrogates(value);

    /// <summary>Why a free text (an answer, a note, a unit's name) is refused, in Vietnamese; null when it is acceptable.</summary>
    public static string? TextProblem(string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? "không được để trống." : null;
        }

        return value.Length > maxLength || HasControlCharacters(value)
            ? $"tối đa {maxLength} ký tự, không chứa ký tự điều khiển."
            : null;
    }

    /// <summary>Why a one-line name (a person, a token holder) is refused, in Vietnamese; null when it is acceptable.</summary>
    public static string? NameProblem(string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "không được để trống.";
        }

        return value.Length > maxLength || HasControlCharacters(value) || value.Contains('\n') || value.Contains('\r')
            ? $"tối đa {maxLength} ký tự trên một dòng, không chứa ký tự điều khiển."
            : null;
    }

    private static bool HasValidSurrogates(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
