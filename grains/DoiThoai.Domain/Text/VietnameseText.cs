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
}
