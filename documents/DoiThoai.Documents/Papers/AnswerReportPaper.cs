using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Petitions;
using DoiThoai.Grains.Abstractions.Petitions;

namespace DoiThoai.Documents.Papers;

/// <summary>
/// Báo cáo tổng hợp ý kiến, kiến nghị và nội dung trả lời (plan 003, by D-10): before the session, who raised what,
/// which unit answers, the answer and its state; then the opinions registered to be spoken at the session.
/// </summary>
internal static class AnswerReportPaper
{
    public static AdministrativeDocument Build(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var petitions = (d.Petitions ?? []).Where(p => p.SessionId == session.Id).OrderBy(p => p.ReceivedAt).ToList();
        var speakers = d.Speakers ?? [];
        var body = new List<Block>
        {
            Paragraph.Of($"Chuẩn bị cho {session.Title} ({Wording.When(session.StartsAt)}), Văn phòng HĐND và UBND đã tiếp nhận, tổng hợp các ý kiến, " +
                $"kiến nghị của Nhân dân gửi trước hội nghị (qua Ủy ban MTTQ, các thôn, tổ dân phố, thư và thư điện tử) và nội dung trả lời của các cơ quan, đơn vị, báo cáo như sau:"),
            new Heading("I. TỔNG HỢP Ý KIẾN, KIẾN NGHỊ VÀ NỘI DUNG TRẢ LỜI"),
        };
        if (petitions.Count == 0)
        {
            body.Add(Paragraph.Of("Chưa tiếp nhận ý kiến, kiến nghị nào gắn với hội nghị này."));
        }
        else
        {
            body.Add(Paragraph.Of($"Tổng số: {petitions.Count} ý kiến, kiến nghị; đã trả lời {petitions.Count(p => p.Status == PetitionStatus.Answered)}, " +
                $"đang giải quyết {petitions.Count(p => p.Status is PetitionStatus.Received or PetitionStatus.Acknowledged or PetitionStatus.Assigned)}, " +
                $"chuyển cấp tỉnh {petitions.Count(p => p.Status == PetitionStatus.Escalated)}."));
            body.Add(new Table(["STT", "Người kiến nghị", "Nội dung ý kiến, kiến nghị", "Đơn vị trả lời", "Nội dung trả lời", "Tình trạng"],
                [0.06, 0.15, 0.26, 0.14, 0.23, 0.16],
                [.. petitions.Select((p, i) => (IReadOnlyList<string>)[$"{i + 1}", Who(p), $"{p.Content} ({Field(p.Field)})", p.AssignedUnit ?? "Văn phòng HĐND và UBND",
                    p.Answer ?? "", State(p)])]));
        }

        if (speakers.Count > 0)
        {
            body.Add(new Heading("II. Ý KIẾN ĐĂNG KÝ PHÁT BIỂU TẠI HỘI NGHỊ"));
            body.Add(new Table(["STT", "Họ và tên", "Nơi công tác, địa chỉ", "Nội dung đăng ký phát biểu"], [0.07, 0.22, 0.25, 0.46],
                [.. speakers.Select((s, i) => (IReadOnlyList<string>)[$"{i + 1}", s.FullName, s.WorkplaceOrAddress, s.Opinion])]));
        }

        body.Add(Paragraph.Of($"Văn phòng HĐND và UBND báo cáo Chủ tịch {Wording.Committee(commune)} xem xét, chỉ đạo trả lời tại hội nghị./."));
        var unit = UnitNames.InSentence(commune.Name);
        return new AdministrativeDocument(
            Wording.Heading(commune, Wording.BlankNumber("BC"), d.Now),
            "BÁO CÁO",
            $"Tổng hợp ý kiến, kiến nghị của Nhân dân và nội dung trả lời trước {session.Title}",
            body,
            ["- Chủ tịch, các Phó Chủ tịch UBND " + unit + ";", "- Thường trực HĐND " + unit + ";", "- Ủy ban MTTQ Việt Nam " + unit + ";", "- Lưu: VT."],
            [new SignatureBlock("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", null)],
            $"Báo cáo tổng hợp ý kiến, kiến nghị – {session.Title} – {UnitNames.Committee(commune)}");
    }

    private static string Who(Petition p) => p.Petitioner is { Name.Length: > 0 } who ? who.Name : "Ý kiến chung của Nhân dân";

    private static string State(Petition p) => p.Status switch
    {
        PetitionStatus.Answered => "Đã trả lời",
        PetitionStatus.Escalated => "Chuyển cấp tỉnh",
        PetitionStatus.Assigned => $"Đang giải quyết{(p.DueDate is { } due ? ", hạn " + Wording.Day(due) : "")}",
        PetitionStatus.Acknowledged => "Đã tiếp nhận",
        _ => "Mới tiếp nhận",
    };

    private static string Field(PetitionField field) => field switch
    {
        PetitionField.Land => "đất đai",
        PetitionField.Environment => "môi trường",
        PetitionField.Infrastructure => "hạ tầng",
        PetitionField.SocialPolicy => "chính sách xã hội",
        PetitionField.PublicOrder => "an ninh, trật tự",
        PetitionField.Administration => "thủ tục hành chính",
        _ => "lĩnh vực khác",
    };
}
