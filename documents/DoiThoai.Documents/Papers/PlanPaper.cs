using DoiThoai.Documents.Layout;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Documents.Papers;

/// <summary>
/// Kế hoạch tổ chức hội nghị đối thoại (plans 001–004): purpose, time, venue and form, the organisers and the invitees
/// by quota, the content and programme, the preparation timeline with its owners, security, the budget line.
/// </summary>
internal static class PlanPaper
{
    public static AdministrativeDocument Build(SessionDossier d)
    {
        var (commune, session) = (d.Commune, d.Session);
        var unit = UnitNames.InSentence(commune.Name);
        var year = Domain.Calendar.VietnamTime.LocalDate(session.StartsAt).Year;
        var body = new List<Block>
        {
            Paragraph.Of("Thực hiện Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (Điều 43) và Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15; " +
                $"{Wording.Committee(commune)} xây dựng Kế hoạch tổ chức {session.Title} (hội nghị đối thoại {session.Kind.Vietnamese()} giữa Chủ tịch Ủy ban nhân dân với Nhân dân), cụ thể như sau:"),
            new Heading("I. MỤC ĐÍCH, YÊU CẦU"),
            ListItem.Of("Lắng nghe tâm tư, nguyện vọng, ý kiến, kiến nghị của Nhân dân; kịp thời giải quyết, tháo gỡ khó khăn, vướng mắc liên quan đến quyền và lợi ích hợp pháp, chính đáng của Nhân dân."),
            ListItem.Of("Thông tin, tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước và tình hình của địa phương, tạo đồng thuận trong Nhân dân."),
            ListItem.Of("Việc tổ chức đối thoại bảo đảm dân chủ, công khai, khách quan, thiết thực; thông báo rộng rãi để Nhân dân biết và tham gia."),
            new Heading("II. THỜI GIAN, ĐỊA ĐIỂM, HÌNH THỨC"),
            Paragraph.Labelled("1. Thời gian", $"{Wording.When(session.StartsAt)} (dự kiến {Wording.Duration(session.DurationMinutes)})."),
            Paragraph.Labelled("2. Hình thức, địa điểm", Wording.Form(session, commune) + "."),
            Paragraph.Labelled("3. Thông báo", $"giấy mời, thông báo trên hệ thống truyền thanh và tin nhắn gửi chậm nhất {Wording.When(session.NoticeDeadline)} ({session.NoticeRule})."),
            new Heading("III. THÀNH PHẦN"),
            Paragraph.Of("1. Chủ trì, phối hợp tổ chức và thư ký hội nghị", bold: true),
        };
        body.AddRange(Wording.Organisers(session).Select(o => ListItem.Of($"{o.Part}: {o.Who}.")));
        body.Add(Paragraph.Of("2. Đại biểu và Nhân dân được mời", bold: true));
        if (d.Invitees is { Groups.Count: > 0 } invitees)
        {
            body.Add(new Table(["STT", "Nhóm, thành phần", "Thôn, tổ dân phố", "Số lượng"], [0.08, 0.47, 0.27, 0.18],
                [.. invitees.Groups.Select((g, i) => (IReadOnlyList<string>)[$"{i + 1}", g.Name, g.Hamlet ?? "Toàn xã",
                    g.Minimum == g.Maximum ? $"{g.Minimum}" : $"{g.Minimum}–{g.Maximum}"])]));
            body.Add(Paragraph.Of($"Tổng số dự kiến: {invitees.Wanted} người; danh sách do trưởng thôn, tổ trưởng tổ dân phố phối hợp với Ban công tác Mặt trận lựa chọn, gửi Văn phòng chậm nhất ngày {Wording.Day(invitees.Deadline)}."));
        }
        else
        {
            body.Add(Paragraph.Of(session.Audience is { } audience && (audience.Hamlets is { Count: > 0 } || audience.Roles is { Count: > 0 })
                ? $"Đại biểu, Nhân dân {(audience.Hamlets is { Count: > 0 } h ? "các thôn, tổ dân phố " + string.Join(", ", h) : "trên địa bàn")}."
                : $"Đại biểu và Nhân dân trên địa bàn {unit}."));
        }

        body.Add(new Heading("IV. NỘI DUNG, CHƯƠNG TRÌNH"));
        if (session.Topic is { } topic)
        {
            body.Add(Paragraph.Labelled("Nội dung đối thoại", topic));
        }

        if (d.Preparation is { Agenda.Count: > 0 } preparation)
        {
            body.Add(new Table(["Thời gian", "Nội dung", "Người thực hiện"], [0.16, 0.56, 0.28],
                [.. preparation.Agenda.Select(a => (IReadOnlyList<string>)[a.StartsAt.ToString("HH\\:mm", System.Globalization.CultureInfo.InvariantCulture), a.Title, a.Presenter ?? ""])]));
        }

        body.Add(new Heading("V. TỔ CHỨC THỰC HIỆN"));
        if (d.Preparation is { Milestones.Count: > 0 } timeline)
        {
            body.Add(Paragraph.Of("1. Tiến độ chuẩn bị", bold: true));
            body.Add(new Table(["STT", "Công việc", "Đơn vị thực hiện", "Thời hạn"], [0.08, 0.50, 0.27, 0.15],
                [.. timeline.Milestones.Select((m, i) => (IReadOnlyList<string>)[$"{i + 1}", m.Milestone.Title, m.Milestone.OwnerUnit, Wording.Day(m.Milestone.DueDate)])]));
        }

        body.Add(Paragraph.Of("2. Phân công", bold: true));
        body.Add(ListItem.Of($"Văn phòng HĐND và UBND: chủ trì tham mưu kế hoạch, chương trình, giấy mời; tổng hợp ý kiến, kiến nghị và báo cáo trả lời; cử thư ký hội nghị; dự thảo và ban hành thông báo kết luận, theo dõi việc thực hiện kết luận."));
        body.Add(ListItem.Of($"Ủy ban MTTQ Việt Nam {unit}: chỉ đạo Ban công tác Mặt trận thu thập, tổng hợp ý kiến của Nhân dân; phối hợp lựa chọn, mời đại biểu; giám sát việc thực hiện kết luận."));
        body.Add(ListItem.Of("Các phòng chuyên môn: dự thảo nội dung trả lời các ý kiến, kiến nghị thuộc lĩnh vực phụ trách; trả lời, giải trình tại hội nghị khi được chủ trì phân công."));
        body.Add(ListItem.Of($"Công an {unit}: bảo đảm an ninh, trật tự tại nơi tổ chức hội nghị và trên địa bàn."));
        body.Add(ListItem.Of("Trung tâm Văn hóa, Thể thao và Truyền thông (bộ phận truyền thanh): thông báo trên hệ thống truyền thanh ít nhất 3 ngày liên tục; đăng tải kế hoạch và kết luận trên trang thông tin điện tử."));
        body.Add(ListItem.Of("Các thôn, tổ dân phố: thông báo đến Nhân dân; lựa chọn, cử người tham dự theo số lượng được phân bổ."));
        body.Add(Paragraph.Of("3. Kinh phí", bold: true));
        body.Add(Paragraph.Of($"Kinh phí tổ chức hội nghị được bảo đảm từ nguồn kinh phí hoạt động thường xuyên năm {year} của {Wording.Committee(commune)}."));
        body.Add(Paragraph.Of($"Trên đây là Kế hoạch tổ chức hội nghị đối thoại của {Wording.Committee(commune)}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo về Ủy ban (qua Văn phòng HĐND và UBND) để kịp thời chỉ đạo, giải quyết./."));

        return new AdministrativeDocument(
            Wording.Heading(commune, Wording.BlankNumber("KH"), d.Now),
            "KẾ HOẠCH",
            $"Tổ chức {session.Title}",
            body,
            ["- Thường trực Đảng ủy, HĐND " + unit + ";", "- Ủy ban MTTQ Việt Nam " + unit + ";", "- Lãnh đạo UBND " + unit + ";",
             "- Công an " + unit + ";", "- Các phòng, ban chuyên môn;", "- Các thôn, tổ dân phố;", "- Lưu: VT."],
            [Wording.CommitteeSignature(session)],
            $"Kế hoạch tổ chức {session.Title} – {UnitNames.Committee(commune)}");
    }
}
