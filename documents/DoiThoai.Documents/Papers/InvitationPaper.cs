using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Documents.Papers;

/// <summary>Giấy mời: to one invitee, or to a group (the invitees of a hamlet), with the time, the form and the organisers.</summary>
internal static class InvitationPaper
{
    public static AdministrativeDocument Build(SessionDossier d, InvitationAddressee? to)
    {
        var (commune, session) = (d.Commune, d.Session);
        var addressee = to is null ? "Ông/Bà ........................................................" : $"{to.Name}{(to.Title is null ? "" : " – " + to.Title)}";
        var body = new List<Block>
        {
            Paragraph.Of($"{Wording.Committee(commune)} trân trọng kính mời Ông/Bà dự {session.Title} (hội nghị đối thoại {session.Kind.Vietnamese()} giữa Chủ tịch Ủy ban nhân dân với Nhân dân)."),
            Paragraph.Labelled("Thời gian", $"{Wording.When(session.StartsAt)} (dự kiến {Wording.Duration(session.DurationMinutes)})."),
            Paragraph.Labelled("Hình thức, địa điểm", Wording.Form(session, commune) + "."),
        };
        body.AddRange(Wording.Organisers(session).Where(o => o.Part != "Thư ký").Select(o => (Block)Paragraph.Labelled(o.Part, o.Who + ".")));
        if (session.Topic is { } topic)
        {
            body.Add(Paragraph.Labelled("Nội dung", topic + "."));
        }

        body.Add(Paragraph.Of($"Ý kiến, kiến nghị gửi trước hội nghị xin chuyển về Văn phòng HĐND và UBND {UnitNames.InSentence(commune.Name)}. " +
            (session.Form == SessionForm.InPerson ? "Rất mong Ông/Bà đến dự đúng giờ./." : "Rất mong Ông/Bà tham gia đúng giờ./.")));
        return new AdministrativeDocument(
            Wording.Heading(commune, Wording.BlankNumber("GM"), d.Now),
            "GIẤY MỜI",
            $"Dự {session.Title}",
            body,
            ["- Như trên;", "- Lưu: VT."],
            [Wording.CommitteeSignature(session)],
            $"Giấy mời dự {session.Title} – {UnitNames.Committee(commune)}")
        {
            AddressedTo = [$"Kính gửi: {addressee}"],
        };
    }
}
