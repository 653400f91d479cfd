using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>
/// Residents may ask for a dialogue: when at least 10% of the commune's voters ask, the commune must hold one
/// (Luật 72/2025/QH15, Điều 43).
/// </summary>
public static class DialogueRequestRules
{
    public const int ThresholdPercent = 10;
    public const int MaxVoters = 2_000_000;
    public const int MaxSubjectLength = 1000;

    /// <summary>The signatures needed: a tenth of the voters, rounded up.</summary>
    public static int Required(int voters) => (voters * ThresholdPercent + 99) / 100;

    public static bool Reached(int signatures, int voters) => voters > 0 && signatures >= Required(voters);

    /// <summary>Errors by field (JSON names), in Vietnamese; empty when the request can be recorded.</summary>
    public static Dictionary<string, string[]> Check(string? subject, int signatures, int voters, DateOnly receivedOn, DateOnly today, string? representative)
    {
        var errors = new Dictionary<string, string[]>();
        if (VietnameseText.TextProblem(subject, MaxSubjectLength, required: true) is { } subjectProblem)
        {
            errors["subject"] = [$"Nội dung đề nghị {subjectProblem}"];
        }

        if (voters is < 1 or > MaxVoters)
        {
            errors["voters"] = [$"Số cử tri của xã phải từ 1 đến {MaxVoters:N0}."];
        }

        if (signatures < 1 || signatures > Math.Max(voters, 1))
        {
            errors["signatures"] = ["Số cử tri đề nghị phải từ 1 đến số cử tri của xã."];
        }

        if (receivedOn > today || receivedOn < today.AddYears(-1))
        {
            errors["receivedOn"] = ["Ngày nhận đề nghị phải trong vòng một năm qua, không sau hôm nay."];
        }

        if (representative is not null && VietnameseText.NameProblem(representative, 100) is { } name)
        {
            errors["representative"] = [$"Người đại diện: {name}"];
        }

        return errors;
    }
}
