using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Results;

namespace DoiThoai.Documents.Papers;

/// <summary>
/// Thông báo kết luận (plan 000: published within 10 days): the chair's conclusion item by item, grouped as the plans
/// write it — answered at the session, settled, given to a unit with a date, sent beyond the commune — then the closing
/// remarks; numbered "N/TB-UBND" once published (a draft before that, for the chair to read before signing).
/// </summary>
internal static class ConclusionPaper
{
    public static AdministrativeDocument Build(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var results = d.Results;
        var unit = UnitNames.InSentence(commune.Name);
        var issuedAt = results?.PublishedAt ?? d.Now;
        var named = UnitNames.CommitteeInFull(commune);
        var subject = $"Kết luận của Chủ tịch {named} tại " + (session.Title.StartsWith("Hội nghị", StringComparison.OrdinalIgnoreCase)
            ? char.ToLowerInvariant(session.Title[0]) + session.Title[1..]
            : $"hội nghị đối thoại {session.Kind.Vietnamese()} với Nhân dân: {session.Title}");
        var where = session.Form switch
        {
            SessionForm.InPerson => $", tại {session.Venue}",
            SessionForm.Online => ", theo hình thức trực tuyến",
            _ => ", theo hình thức gián tiếp",
        };
        var topic = session.Topic is { Length: > 0 } t ? $" về {t}" : "";
        var coChairs = session.Organisers?.CouncilRepresentative is { } council ? $", đồng chủ trì: {council.Describe()}" : "";
        var body = new List<Block>
        {
            Paragraph.Of($"Ngày {Domain.Calendar.VietnamTime.ToLocal(session.StartsAt):dd/MM/yyyy}{where}, {named} tổ chức hội nghị đối thoại {session.Kind.Vietnamese()} " +
                $"với Nhân dân{topic}, do {session.Chair} chủ trì{coChairs}, theo Luật Tổ chức chính quyền địa phương và Luật Thực hiện dân chủ ở cơ sở."),
            Paragraph.Of($"Sau khi nghe ý kiến, kiến nghị của Nhân dân và ý kiến trả lời của các cơ quan, đơn vị, Chủ tịch {named} kết luận như sau:"),
        };
        if (results is { Items.Count: > 0 })
        {
            body.AddRange(ItemBlocks(results.Items));
        }

        var closing = results?.ClosingRemarks ?? session.Conclusion;
        if (!string.IsNullOrWhiteSpace(closing))
        {
            body.AddRange(Wording.Paragraphs(closing));
        }

        body.Add(Paragraph.Of($"{named} thông báo để các cơ quan, đơn vị và Nhân dân biết, thực hiện./."));
        var number = results?.NoticeNumber is { } n ? $"Số: {n}/TB-UBND" : Wording.BlankNumber("TB");
        return new AdministrativeDocument(
            Wording.Heading(commune, number, issuedAt),
            "THÔNG BÁO",
            subject,
            body,
            [$"- UBND {UnitNames.InSentence(commune.ProvinceName)} (để báo cáo);", $"- Thường trực Đảng ủy, HĐND {unit};", $"- Ủy ban MTTQ Việt Nam {unit};",
             "- Các cơ quan, đơn vị được giao nhiệm vụ;", "- Các thôn, tổ dân phố (để thông báo);", "- Cổng thông tin điện tử (để đăng tải);", "- Lưu: VT."],
            [Wording.CommitteeSignature(session, results?.SignedBy ?? session.ConclusionSignedBy)],
            $"Thông báo kết luận {(results?.NoticeNumber is { } no ? $"số {no}/TB-UBND" : "(dự thảo)")} – {UnitNames.Committee(commune)}");
    }

    /// <summary>The items grouped by what became of them, numbered within each group; a group with no item is left out.</summary>
    public static IEnumerable<Block> ItemBlocks(IReadOnlyList<ConclusionItem> items)
    {
        var groups = new (ConclusionOutcome Outcome, string Heading)[]
        {
            (ConclusionOutcome.AnsweredAtSession, "Các ý kiến, kiến nghị đã được trả lời tại hội nghị"),
            (ConclusionOutcome.Settled, "Các nội dung đã được giải quyết"),
            (ConclusionOutcome.ToBeHandled, "Các nội dung giao cơ quan, đơn vị giải quyết"),
            (ConclusionOutcome.BeyondCommune, "Các nội dung vượt thẩm quyền cấp xã, đã chuyển cơ quan có thẩm quyền"),
        };
        var number = 0;
        foreach (var (outcome, heading) in groups)
        {
            var inGroup = items.Where(i => i.Outcome == outcome).ToList();
            if (inGroup.Count == 0)
            {
                continue;
            }

            yield return Paragraph.Of($"{++number}. {heading}", bold: true);
            foreach (var item in inGroup)
            {
                yield return new ListItem([new Run(item.Matter + (item.PetitionId is { } p ? $" (kiến nghị {p})" : "") + ": ", Italic: true), new Run(Describe(item))]);
            }
        }
    }

    /// <summary>What the conclusion says of one item, as the notice and the messages word it.</summary>
    public static string Describe(ConclusionItem item) => item.Outcome switch
    {
        ConclusionOutcome.ToBeHandled => $"{(item.Answer is { Length: > 0 } a ? a.TrimEnd('.') + "; " : "")}giao {item.Unit} giải quyết, báo cáo kết quả trước ngày {(item.DueDate is { } due ? Wording.Day(due) : "")}.",
        ConclusionOutcome.BeyondCommune => $"{(item.Answer is { Length: > 0 } a ? a.TrimEnd('.') + "; " : "")}đã chuyển {item.SentTo} xem xét, giải quyết theo thẩm quyền.",
        ConclusionOutcome.Settled => $"{item.Answer?.TrimEnd('.') ?? "Đã giải quyết"}.",
        _ => $"{item.Answer?.TrimEnd('.') ?? "Đã trả lời tại hội nghị"}.",
    };
}
