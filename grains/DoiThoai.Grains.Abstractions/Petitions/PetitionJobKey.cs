namespace DoiThoai.Grains.Abstractions.Petitions;

/// <summary>
/// The outbox key of a commune's petition jobs, "{commune}/petitions": the delivery dispatcher hands them to the
/// commune's petition registry. (A petition's messages are keyed "{commune}/{petition}", so the key cannot clash.)
/// </summary>
public static class PetitionJobKey
{
    private const string Suffix = "/petitions";

    public static string Of(string communeCode) => communeCode + Suffix;

    /// <summary>The commune's code, when the outbox key is one of its petition jobs.</summary>
    public static string? Parse(string outboxKey) =>
        outboxKey.EndsWith(Suffix, StringComparison.Ordinal) && outboxKey.Count(c => c == '/') == 1 ? outboxKey[..^Suffix.Length] : null;
}
