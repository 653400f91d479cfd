using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;

namespace DoiThoai.Documents.Papers;

/// <summary>
/// Biên bản hội nghị: when and where, who presided and kept the record, who was invited and by how many, the record in
/// the programme's order, the speakers, the chair's conclusion; signed by the secretary and the chair.
/// </summary>
internal static class MinutesPaper
{
    public static AdministrativeDocument Build(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var body = new List<Block>
        {
            Paragraph.Of($"Hồi {Wording.When(session.StartsAt)}, {Wording.Committee(commune)} tổ chức {session.Title} theo hình thức {Wording.Form(session, commune)}."),
            new Heading("I. THÀNH PHẦN"),
        };
        body.AddRange(Wording.Organisers(session).Select(o => ListItem.Of($"{o.Part}: {o.Who}.")));
        if (d.Invitees is { Groups.Count: > 0 } invitees)
        {
            body.Add(Paragraph.Of("Đại biểu và Nhân dân được mời theo thành phần:"));
            body.Add(new Table(["STT", "Nhóm, thành phần", "Số lượng phân bổ", "Số người được mời"], [0.08, 0.52, 0.2, 0.2],
                [.. invitees.Groups.Select((g, i) => (IReadOnlyList<string>)[$"{i + 1}", g.Name,
                    g.Minimum == g.Maximum ? $"{g.Minimum}" : $"{g.Minimum}–{g.Maximum}", $"{g.Members.Count}"])]));
        }

        body.Add(new FillLine("Tổng số đại biểu và Nhân dân có mặt"));
        body.Add(new Heading("II. DIỄN BIẾN HỘI NGHỊ"));
        if (d.Preparation is { Agenda.Count: > 0 } preparation)
        {
            body.Add(Paragraph.Of("Hội nghị tiến hành theo chương trình:"));
            body.AddRange(preparation.Agenda.Select(a => ListItem.Of($"{a.StartsAt:HH\\:mm}: {a.Title}{(a.Presenter is { } p ? $" ({p})" : "")}.")));
        }

        if (session.Minutes is { } minutes)
        {
            body.Add(Paragraph.Of("Ghi chép của thư ký:", bold: true));
            body.AddRange(Wording.Paragraphs(minutes));
        }
        else
        {
            body.Add(new FillLine("Ghi chép của thư ký", Lines: 10));
        }

        if (d.Speakers is { Count: > 0 } speakers)
        {
            body.Add(Paragraph.Of("Ý kiến phát biểu của Nhân dân (theo thứ tự phát biểu):", bold: true));
            body.Add(new Table(["STT", "Họ và tên", "Nơi công tác, địa chỉ", "Nội dung ý kiến"], [0.07, 0.22, 0.25, 0.46],
                [.. speakers.Select((s, i) => (IReadOnlyList<string>)[$"{i + 1}", s.FullName, s.WorkplaceOrAddress, s.Opinion])]));
        }

        body.Add(new Heading("III. KẾT LUẬN CỦA CHỦ TRÌ"));
        if (d.Results is { Items.Count: > 0 } results)
        {
            body.AddRange(ConclusionPaper.ItemBlocks(results.Items));
        }

        var closing = d.Results?.ClosingRemarks ?? session.Conclusion;
        if (!string.IsNullOrWhiteSpace(closing))
        {
            body.AddRange(Wording.Paragraphs(closing));
        }
        else if (d.Results is not { Items.Count: > 0 })
        {
            body.Add(new FillLine("Kết luận", Lines: 6));
        }

        body.Add(Paragraph.Of("Hội nghị kết thúc vào hồi ...... giờ ...... cùng ngày. Biên bản đã được thông qua tại hội nghị./."));
        var secretary = session.Organisers?.Secretary;
        return new AdministrativeDocument(
            Wording.Heading(commune, null, session.StartsAt),
            "BIÊN BẢN",
            session.Title,
            body,
            [],
            [new SignatureBlock(null, "THƯ KÝ", secretary?.Name), new SignatureBlock(null, "CHỦ TRÌ", Wording.ChairName(session))],
            $"Biên bản {session.Title} – {UnitNames.Committee(commune)}");
    }
}
