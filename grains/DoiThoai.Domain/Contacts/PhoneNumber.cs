using PhoneNumbers;

namespace DoiThoai.Domain.Contacts;

/// <summary>
/// A Vietnamese phone number, validated and kept in E.164 form (+84…). Personal data: shown and logged only masked.
/// </summary>
public static class PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises what a person typed ("0912 345 678", "+84 912345678", "84912345678") to +84912345678.</summary>
    public static bool TryNormalize(string? raw, out string e164, out string error)
    {
        e164 = "";
        error = "";
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            error = "Thiếu số điện thoại.";
            return false;
        }

        if (text.Length > 32)
        {
            error = "Số điện thoại quá dài.";
            return false;
        }

        // "84912345678" without the plus is common in exports from operators' systems.
        if (text.StartsWith("84", StringComparison.Ordinal) && text.Length == 11 && text.All(char.IsAsciiDigit))
        {
            text = "+" + text;
        }

        try
        {
            var number = Util.Parse(text, "VN");
            if (number.CountryCode != 84)
            {
                error = "Chỉ nhận số điện thoại Việt Nam (+84).";
                return false;
            }

            if (!Util.IsValidNumber(number))
            {
                error = "Số điện thoại không hợp lệ.";
                return false;
            }

            var type = Util.GetNumberType(number);
            if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
            {
                error = "Số điện thoại không phải số di động, không nhận được tin nhắn.";
                return false;
            }

            e164 = Util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            error = "Số điện thoại không đúng định dạng.";
            return false;
        }
    }

    /// <summary>A number as logs and other communes' eyes may see it: "09xx xxx 678".</summary>
    public static string Mask(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return "";
        }

        var national = e164.StartsWith("+84", StringComparison.Ordinal) ? "0" + e164[3..] : e164;
        return national.Length < 6 ? "xxx" : $"{national[..2]}xx xxx {national[^3..]}";
    }
}
