using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>
/// Registering to speak at a dialogue (plan 002: full name, title, workplace or address, phone, the opinion). The form
/// is public, so every field is checked and the list of one session is bounded.
/// </summary>
public static class SpeakerRules
{
    public const int MaxNameLength = 100;
    public const int MaxTitleLength = 100;
    public const int MaxWorkplaceLength = 200;
    public const int MaxOpinionLength = 2000;

    /// <summary>An edit code as a person may type it: its 10 symbols with a dash or spaces.</summary>
    public const int MaxEditCodeLength = 40;

    /// <summary>
    /// How long after the session the speakers' phone numbers are kept: their purpose (calling a speaker back about the
    /// order or the answer) is served by then; names and opinions stay with the session's record.
    /// </summary>
    public static readonly TimeSpan PhonesKeptAfterSession = TimeSpan.FromDays(30);

    /// <summary>More than a session could hear; beyond it the commune office takes opinions in writing.</summary>
    public const int MaxSpeakersPerSession = 300;

    /// <summary>
    /// Registrations one address may make to one session from the public form: a family or a hamlet's shared computer
    /// registers a few, a mobile network's shared address some more; one client cannot fill the session's places.
    /// </summary>
    public const int MaxPerOrigin = 10;

    /// <summary>Letters and digits no one confuses when reading them aloud or copying them (no 0/O, 1/I/L).</summary>
    private const string EditCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A new edit code, e.g. "K7MQP-4QPXW" (10 symbols of 31: 49 bits, guessed only at the public rate limit).</summary>
    public static string NewEditCode()
    {
        var symbols = System.Security.Cryptography.RandomNumberGenerator.GetString(EditCodeAlphabet, 10);
        return $"{symbols[..5]}-{symbols[5..]}";
    }

    /// <summary>What is kept of an edit code: its SHA-256, of the code as typed in any case, with or without the dash or spaces.</summary>
    public static string HashEditCode(string code)
    {
        var normal = new string([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normal)));
    }

    /// <summary>Whether a code typed matches the kept hash (compared in constant time).</summary>
    public static bool EditCodeMatches(string? code, string? hash) =>
        !string.IsNullOrWhiteSpace(code) && hash is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(HashEditCode(code)), System.Text.Encoding.ASCII.GetBytes(hash));

    /// <summary>
    /// The phone number in E.164, or the errors by field (JSON names), in Vietnamese. At the venue's registration desk
    /// (plan 003) the phone is optional (<paramref name="phoneRequired"/> false): the speaker is in the hall.
    /// </summary>
    public static (string? Phone, Dictionary<string, string[]> Errors) Check(
        string? fullName, string? jobTitle, string? workplaceOrAddress, string? phone, string? opinion, bool consent, bool phoneRequired = true,
        string? editCode = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (editCode is not null && (editCode.Length > MaxEditCodeLength || !editCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
        {
            errors["editCode"] = ["Mã sửa đăng ký: gồm chữ và số như trên phiếu đăng ký, ví dụ K7MQP-4QPXW."];
        }

        if (VietnameseText.NameProblem(fullName, MaxNameLength) is { } name)
        {
            errors["fullName"] = [$"Họ và tên: {name}"];
        }

        if (!string.IsNullOrWhiteSpace(jobTitle) && VietnameseText.NameProblem(jobTitle, MaxTitleLength) is { } titleProblem)
        {
            errors["jobTitle"] = [$"Chức danh: {titleProblem}"];
        }

        if (VietnameseText.NameProblem(workplaceOrAddress, MaxWorkplaceLength) is { } workplace)
        {
            errors["workplaceOrAddress"] = [$"Nơi công tác hoặc địa chỉ: {workplace}"];
        }

        string? e164 = null;
        if (string.IsNullOrWhiteSpace(phone) && !phoneRequired)
        {
            e164 = "";
        }
        else if (string.IsNullOrWhiteSpace(phone))
        {
            errors["phone"] = ["Số điện thoại: không được để trống (để Ủy ban liên hệ lại khi cần)."];
        }
        else if (PhoneNumber.TryNormalize(phone, out var normalized, out var phoneError))
        {
            e164 = normalized;
        }
        else
        {
            errors["phone"] = [phoneError];
        }

        if (VietnameseText.TextProblem(opinion, MaxOpinionLength, required: true) is { } opinionProblem)
        {
            errors["opinion"] = [$"Ý kiến: {opinionProblem}"];
        }

        if (!consent && !string.IsNullOrEmpty(e164 ?? phone))
        {
            errors["consent"] = ["Cần đồng ý để Ủy ban dùng họ tên và số điện thoại cho việc đăng ký phát biểu này."];
        }

        return (errors.Count == 0 ? e164 : null, errors);
    }
}
