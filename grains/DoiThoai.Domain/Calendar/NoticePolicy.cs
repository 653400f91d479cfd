namespace DoiThoai.Domain.Calendar;

public enum NoticeDayKind
{
    Calendar,
    Working,
}

/// <summary>
/// The minimum notice before a session: invitations and public announcements go out at least
/// <see cref="MinimumNoticeDays"/> calendar or working days before it.
/// </summary>
public sealed record NoticePolicy(int MinimumNoticeDays, NoticeDayKind DayKind)
{
    public const int MaxNoticeDays = 60;

    /// <summary>Điều 43 Luật Tổ chức chính quyền địa phương 72/2025/QH15: at least 7 days before.</summary>
    public static NoticePolicy LegalDefault { get; } = new(7, NoticeDayKind.Calendar);

    /// <summary>
    /// Whether this policy demands at least as much notice as <paramref name="other"/> for every session date.
    /// N working days always span at least N calendar days; N calendar days may be fewer than N working days.
    /// </summary>
    public bool IsAtLeastAsStrictAs(NoticePolicy other) =>
        MinimumNoticeDays >= other.MinimumNoticeDays
        && (DayKind == other.DayKind || DayKind == NoticeDayKind.Working);

    public string Describe() =>
        $"{MinimumNoticeDays} {(DayKind == NoticeDayKind.Working ? "ngày làm việc" : "ngày")}";

    /// <summary>
    /// Why a province may not set this policy, or null: Điều 43 asks for at least 7 days, so a province may only be
    /// stricter than <see cref="LegalDefault"/>.
    /// </summary>
    public static string? ProvinceProblem(NoticePolicy policy) =>
        policy.IsAtLeastAsStrictAs(LegalDefault)
            ? null
            : $"Điều 43 Luật Tổ chức chính quyền địa phương yêu cầu thông báo trước ít nhất {LegalDefault.Describe()}; " +
              $"tỉnh chỉ được quy định chặt hơn, không được {policy.Describe()}.";

    public static IReadOnlyList<string> Validate(int minimumNoticeDays)
    {
        return minimumNoticeDays is < 1 or > MaxNoticeDays
            ? [$"Số ngày thông báo trước phải từ 1 đến {MaxNoticeDays}."]
            : [];
    }
}
