using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Contacts;
using DoiThoai.Domain.Petitions;
using DoiThoai.Domain.Sessions;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Invitees;
using DoiThoai.Grains.Abstractions.Petitions;
using DoiThoai.Grains.Abstractions.Preparation;
using DoiThoai.Grains.Abstractions.Results;
using DoiThoai.Grains.Abstractions.Speakers;

namespace DoiThoai.Documents.Tests;

/// <summary>
/// Plan 003's dialogue (Phường Nhị Chiểu, Hải Phòng) as the platform would hold it a week after the session: organisers,
/// the template's milestones and programme, the quotas of its residential groups and schools, petitions, speakers, and a
/// signed, published conclusion with an item of every outcome.
/// </summary>
internal static class Dossiers
{
    public static readonly DateTimeOffset Start = new(2026, 12, 18, 8, 0, 0, VietnamTime.Offset);
    public static readonly DateTimeOffset Published = new(2026, 12, 22, 9, 30, 0, VietnamTime.Offset);

    public static Commune NhiChieu => AdminUnitRegistry.Official.GetCommune("10714");

    public static SessionDossier NhiChieuDialogue(SessionStatus status = SessionStatus.Concluded, int petitions = 4)
    {
        var commune = NhiChieu;
        var organisers = new SessionOrganisers(
            new Organiser("Lãnh Duy Tiến", "Chủ tịch UBND phường Nhị Chiểu"),
            new Organiser("Nguyễn Văn Quang", "Phó Chủ tịch HĐND phường"),
            new Organiser("Phạm Thị Hằng", "Chủ tịch Ủy ban MTTQ Việt Nam phường"),
            new Organiser("Vũ Minh Đức", "Chuyên viên Văn phòng HĐND và UBND"));
        var session = new SessionInfo("2026-0007", commune.Code, SessionKind.Periodic, SessionForm.InPerson,
            "Hội nghị đối thoại của Chủ tịch UBND phường với cán bộ, đảng viên và Nhân dân năm 2026", "Kết quả phát triển kinh tế - xã hội năm 2026",
            null, Start, 180, "Hội trường Nhà văn hóa Tổ dân phố Phú Thứ 2", null, null, organisers.Chair!.Describe(), status,
            Start.AddDays(-7), "thông báo trước ít nhất 7 ngày", Start.AddDays(-30),
            [new SessionChange(Start.AddDays(-30), SessionChangeKind.Scheduled, null, Start, null)],
            Conclusion: status == SessionStatus.Concluded ? "Đề nghị các tổ dân phố tiếp tục phát huy vai trò tự quản." : null,
            ConclusionNumber: status == SessionStatus.Concluded ? 12 : null, ConclusionSignedBy: status == SessionStatus.Concluded ? "Lãnh Duy Tiến" : null,
            ResultsPublishedAt: status == SessionStatus.Concluded ? Published : null,
            Minutes: status == SessionStatus.Scheduled ? null : "Hội nghị khai mạc lúc 8 giờ 05.\nĐồng chí Chủ tịch UBND phường báo cáo tình hình kinh tế - xã hội năm 2026.\nCó 14 ý kiến phát biểu của Nhân dân.",
            Organisers: organisers);

        var today = VietnamTime.LocalDate(Start.AddDays(-30));
        var milestones = PreparationTemplates.Milestones(SessionKind.Periodic, commune.Name)
            .Select(t => new MilestoneStatus(new Milestone(t.Key, t.Title, t.OwnerUnit, t.OwnerRole, t.Anchor, t.OffsetDays,
                PreparationTemplates.DueDate(t.Anchor, t.OffsetDays, Start, session.NoticeDeadline, today), t.Automation), MilestoneState.Open, 10))
            .ToList();
        var agenda = PreparationTemplates.Agenda(SessionKind.Periodic, 180, session.Chair)
            .Select(a => new AgendaItem(TimeOnly.FromDateTime(VietnamTime.ToLocal(Start).AddMinutes(a.MinuteFromStart).DateTime), a.Title, a.Presenter))
            .ToList();
        var groups = Enumerable.Range(1, 8).Select(i => Group($"g{i}", $"Tổ dân phố Phú Thứ {i}", 7, 7))
            .Append(Group("g9", "Trường THCS Phú Thứ", 1, 3)).Append(Group("g10", "Trạm Y tế số 1", 1, 1)).ToList();
        var invitees = new InviteeList(session.Id, VietnamTime.LocalDate(Start.AddDays(-9)), groups,
            groups.Sum(g => g.Minimum), groups.Sum(g => g.Members.Count), 0, [.. groups.Select(g => g.Name)]);
        var raised = Enumerable.Range(1, petitions).Select(i => new Petition($"KN-2026-{i:D4}", commune.Code, session.Id, PetitionSource.BeforeSession,
            i % 2 == 0 ? PetitionField.Land : PetitionField.Infrastructure, $"Đề nghị nạo vét cống thoát nước ngõ {i * 7} trước mùa mưa",
            new Petitioner($"Nguyễn Thị Hoa {i}", null, null), Start.AddDays(-20), DateOnly.FromDateTime(Start.AddDays(-6).Date),
            i == 1 ? PetitionStatus.Answered : PetitionStatus.Assigned, "Phòng Kinh tế, Hạ tầng và Đô thị", DateOnly.FromDateTime(Start.AddDays(20).Date),
            i == 1 ? "Phường đã nạo vét xong ngày 10/12/2026." : null, [])).ToList();
        var speakers = new[] { ("Trần Văn Bình", "Tổ dân phố Phú Thứ 4", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất"), ("Lê Thị Thu", "Tổ dân phố Đèo Gai", "Lắp đèn chiếu sáng đường liên tổ") }
            .Select((s, i) => new Speaker(i + 1, s.Item1, null, s.Item2, "", s.Item3, Start.AddDays(-2))).ToList();
        var items = new List<ConclusionItem>
        {
            new("Tiến độ cấp giấy chứng nhận quyền sử dụng đất khu Phú Thứ 4", ConclusionOutcome.AnsweredAtSession, "Phòng Kinh tế đã trả lời: hồ sơ được giải quyết trong tháng 01/2027", SpeakerNumber: 1),
            new("Nạo vét cống ngõ 7", ConclusionOutcome.Settled, "Phường đã nạo vét xong ngày 10/12/2026", PetitionId: "KN-2026-0001"),
            new("Lắp đèn chiếu sáng đường liên tổ Đèo Gai", ConclusionOutcome.ToBeHandled, null, "Phòng Kinh tế, Hạ tầng và Đô thị", DateOnly.FromDateTime(Start.AddDays(40).Date)),
            new("Giá bồi thường giải phóng mặt bằng đường vành đai", ConclusionOutcome.BeyondCommune, null, SentTo: "UBND thành phố Hải Phòng"),
        };
        var results = status == SessionStatus.Concluded
            ? new SessionResults(session.Id, items, session.Conclusion, "Lãnh Duy Tiến", Published.AddDays(-1), 12, 2026, Published,
                Oversight.ResultsDue(Start), false, [], [], "https://doithoai.example.vn/cong-khai.html?xa=10714")
            : null;
        return new SessionDossier(commune, session, Published, new SessionPreparation(session.Id, milestones, agenda, 0), invitees, speakers, raised, results);
    }

    private static InviteeGroupView Group(string key, string name, int minimum, int maximum) =>
        new(key, name, name.StartsWith("Tổ", StringComparison.Ordinal) ? name : null, ContactRole.Resident, minimum, maximum,
            [.. Enumerable.Range(1, minimum).Select(i => new InviteeMember($"c{key}{i}", $"Người dân {i}", null, name, "Văn phòng", Start.AddDays(-12)))],
            0, ["Văn phòng HĐND và UBND"]);
}
