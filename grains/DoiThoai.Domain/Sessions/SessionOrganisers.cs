using System.Globalization;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Sessions;

/// <summary>One person who organises a session: their name, their title, and the contact they are reached at (if any).</summary>
public sealed record Organiser(string Name, string Title, string? ContactId = null)
{
    /// <summary>"Nguyễn Văn Hùng, Chủ tịch UBND xã Thượng Hồng": how documents and notices name them.</summary>
    public string Describe() => $"{Name}, {Title}";
}

/// <summary>
/// Who organises a dialogue (Luật 72/2025/QH15, Điều 43; plans 000–004): the chair (the Chairman of the People's Committee
/// or a deputy), the co-organisers the law names (the People's Council standing committee's representative, who co-chairs,
/// and the Fatherland Front's standing committee), and the secretary who keeps the minutes.
/// </summary>
public sealed record SessionOrganisers(
    Organiser? Chair = null,
    Organiser? CouncilRepresentative = null,
    Organiser? FrontRepresentative = null,
    Organiser? Secretary = null)
{
    public const int MaxLength = 120;

    public static SessionOrganisers None { get; } = new();

    /// <summary>The co-organisers named, in the order the law names them.</summary>
    public IEnumerable<Organiser> CoOrganisers => new[] { CouncilRepresentative, FrontRepresentative }.OfType<Organiser>();

    /// <summary>Everyone named, each with the part they play.</summary>
    public IEnumerable<(string Part, Organiser Person)> Named()
    {
        if (Chair is { } chair)
        {
            yield return ("Chủ trì", chair);
        }

        if (CouncilRepresentative is { } council)
        {
            yield return ("Đồng chủ trì (Thường trực HĐND)", council);
        }

        if (FrontRepresentative is { } front)
        {
            yield return ("Phối hợp tổ chức (Ban Thường trực Ủy ban MTTQ)", front);
        }

        if (Secretary is { } secretary)
        {
            yield return ("Thư ký", secretary);
        }
    }

    /// <summary>Field errors (JSON names under "organisers"), in Vietnamese; empty when acceptable.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string field, string label, Organiser? person)
        {
            if (person is null)
            {
                return;
            }

            var problems = new List<string>();
            if (VietnameseText.NameProblem(person.Name, MaxLength) is { } name)
            {
                problems.Add($"{label}: họ tên {name}");
            }

            if (VietnameseText.NameProblem(person.Title, MaxLength) is { } title)
            {
                problems.Add($"{label}: chức vụ {title}");
            }

            if (person.ContactId is { Length: > 40 })
            {
                problems.Add($"{label}: mã người liên hệ không hợp lệ.");
            }

            if (problems.Count > 0)
            {
                errors[$"organisers.{field}"] = [.. problems];
            }
        }

        Check("chair", "Người chủ trì", Chair);
        Check("councilRepresentative", "Đại diện Thường trực HĐND", CouncilRepresentative);
        Check("frontRepresentative", "Đại diện Ban Thường trực Ủy ban MTTQ", FrontRepresentative);
        Check("secretary", "Thư ký", Secretary);
        if (Chair is { Title: { } chairTitle } && !errors.ContainsKey("organisers.chair") && !IsCommitteeChair(chairTitle))
        {
            errors["organisers.chair"] = ["Người chủ trì là Chủ tịch hoặc Phó Chủ tịch UBND (Điều 43 Luật Tổ chức chính quyền địa phương)."];
        }

        return errors;
    }

    /// <summary>The Chairman or a Vice-Chairman of the People's Committee, however the title is written.</summary>
    private static bool IsCommitteeChair(string title)
    {
        var compare = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
        bool Has(string part) => compare.IndexOf(title.Normalize(System.Text.NormalizationForm.FormC), part, CompareOptions.IgnoreCase) >= 0;
        return Has("chủ tịch") && !Has("HĐND") && !Has("hội đồng nhân dân") && !Has("mặt trận") && !Has("MTTQ");
    }
}
