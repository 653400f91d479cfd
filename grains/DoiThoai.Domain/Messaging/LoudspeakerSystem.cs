using System.Globalization;
using System.Text.RegularExpressions;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Messaging;

/// <summary>
/// One loudspeaker cluster (cụm loa) of a commune and the hamlets it reaches; a cluster without hamlets reaches the
/// whole commune (the loudspeakers at the commune's centre, or a system not yet split by hamlet).
/// </summary>
public sealed record LoudspeakerCluster(string Id, string Name, IReadOnlyList<string> Hamlets)
{
    public bool ReachesWholeCommune => Hamlets.Count == 0;

    public bool Reaches(string hamlet) =>
        ReachesWholeCommune || Hamlets.Any(h => string.Equals(h.Trim(), hamlet.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A commune's loudspeaker system: its clusters and the daily broadcast slots (giờ phát thanh) in which announcements
/// are read. A commune that has said nothing has one commune-wide cluster and the slots 06:00 and 17:00.
/// </summary>
public sealed partial record LoudspeakerSystem(IReadOnlyList<TimeOnly> Slots, IReadOnlyList<LoudspeakerCluster> Clusters)
{
    public const string WholeCommuneId = "toan-xa";
    public const int MaxSlots = 8;
    public const int MaxClusters = 200;

    /// <summary>The default broadcast slots of a commune's loudspeaker system (local time).</summary>
    public static readonly IReadOnlyList<TimeOnly> DefaultSlots = [new(6, 0), new(17, 0)];

    public static LoudspeakerSystem Default { get; } = new(DefaultSlots, [new LoudspeakerCluster(WholeCommuneId, "Cụm loa toàn xã", [])]);

    /// <summary>
    /// The clusters an audience is reached through: all of them for the whole commune; for chosen hamlets, the clusters
    /// that reach one of them (commune-wide clusters included, they reach every hamlet).
    /// </summary>
    public IReadOnlyList<LoudspeakerCluster> ClustersFor(Audience audience) =>
        audience.Hamlets is not { Count: > 0 } hamlets
            ? Clusters
            : Clusters.Where(c => hamlets.Any(c.Reaches)).ToList();

    /// <summary>Hamlets of the commune's contact list that no cluster reaches: announcements miss them.</summary>
    public IReadOnlyList<string> Unreached(IEnumerable<string> hamlets) =>
        hamlets.Where(h => !Clusters.Any(c => c.Reaches(h))).Distinct(StringComparer.OrdinalIgnoreCase).Order().ToList();

    /// <summary>What is wrong with a system an office submits, in Vietnamese; empty when it can be saved.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Slots.Count is 0 or > MaxSlots)
        {
            errors.Add($"Cần từ 1 đến {MaxSlots} giờ phát thanh mỗi ngày.");
        }

        if (Slots.Distinct().Count() != Slots.Count)
        {
            errors.Add("Các giờ phát thanh không được trùng nhau.");
        }

        if (Slots.Any(s => s.Second != 0 || s.Millisecond != 0))
        {
            errors.Add("Giờ phát thanh tính đến phút (ví dụ 06:00, 17:30).");
        }

        if (Clusters.Count is 0 or > MaxClusters)
        {
            errors.Add($"Cần từ 1 đến {MaxClusters} cụm loa.");
        }

        foreach (var cluster in Clusters)
        {
            if (!ClusterId().IsMatch(cluster.Id))
            {
                errors.Add($"Mã cụm loa '{VietnameseText.Quote(cluster.Id)}' chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự).");
            }

            if (string.IsNullOrWhiteSpace(cluster.Name) || cluster.Name.Length > 200)
            {
                errors.Add($"Tên cụm loa '{VietnameseText.Quote(cluster.Id)}' không được trống hoặc dài quá 200 ký tự.");
            }

            if (cluster.Hamlets.Count > Audience.MaxHamlets || cluster.Hamlets.Any(h => string.IsNullOrWhiteSpace(h) || h.Length > ContactCsv.MaxFieldLength))
            {
                errors.Add($"Danh sách thôn, tổ dân phố của cụm loa '{VietnameseText.Quote(cluster.Id)}' không hợp lệ.");
            }
        }

        if (Clusters.Select(c => c.Id).Distinct().Count() != Clusters.Count)
        {
            errors.Add("Mã cụm loa không được trùng nhau.");
        }

        return errors;
    }

    public static string Format(TimeOnly slot) => slot.ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")]
    private static partial Regex ClusterId();
}
