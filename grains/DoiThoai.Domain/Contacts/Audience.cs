namespace DoiThoai.Domain.Contacts;

/// <summary>
/// Who a session's notices go to: everyone on the commune's list, or only some hamlets, or only some roles
/// (both, when both are given). An urgent session typically names the hamlets near the incident.
/// </summary>
public sealed record Audience(IReadOnlyList<string>? Hamlets = null, IReadOnlyList<ContactRole>? Roles = null)
{
    public static Audience Everyone { get; } = new();

    public const int MaxHamlets = 100;

    public bool Includes(Contact contact) =>
        (Hamlets is not { Count: > 0 } || Hamlets.Any(h => string.Equals(h.Trim(), contact.Hamlet, StringComparison.OrdinalIgnoreCase)))
        && (Roles is not { Count: > 0 } || Roles.Contains(contact.Role));

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Hamlets is { Count: > MaxHamlets })
        {
            errors.Add($"Tối đa {MaxHamlets} thôn, tổ dân phố.");
        }

        if (Hamlets?.Any(h => string.IsNullOrWhiteSpace(h) || h.Length > ContactCsv.MaxFieldLength) == true)
        {
            errors.Add("Tên thôn, tổ dân phố không được trống hoặc quá dài.");
        }

        return errors;
    }
}
