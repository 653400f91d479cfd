using DoiThoai.Domain.Sessions;

namespace DoiThoai.Grains.Tests;

/// <summary>Sessions as an officer would fill them in.</summary>
internal static class Drafts
{
    public static SessionDraft Periodic(DateTimeOffset startsAt, string venue = "Hội trường UBND") =>
        new(SessionKind.Periodic, SessionForm.InPerson, "Hội nghị đối thoại định kỳ năm 2026", startsAt, 120, Venue: venue);

    public static SessionDraft Thematic(DateTimeOffset startsAt, TargetGroup group, string venue = "Nhà văn hóa thôn 1") =>
        new(SessionKind.Thematic, SessionForm.InPerson, "Đối thoại chuyên đề", startsAt, 90,
            Topic: "Chính sách hỗ trợ chuyển đổi cây trồng", TargetGroup: group, Venue: venue);

    public static SessionDraft Urgent(DateTimeOffset startsAt, string venue = "Bờ sông tổ dân phố 3") =>
        new(SessionKind.Urgent, SessionForm.InPerson, "Đối thoại về sạt lở bờ sông", startsAt, 60,
            Venue: venue, UrgentReason: "Sạt lở đe dọa 20 hộ dân, cần thống nhất phương án di dời");
}
