using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Sessions;

namespace DoiThoai.Domain.Tests;

/// <summary>
/// Issue 25, "the words": every text the platform writes, rendered for one xã, one phường and one đặc khu and each form
/// of session, keeps a unit's type in lower case inside a sentence, places online and indirect sessions correctly, never
/// reads an address on the loudspeaker, writes no "ND:" in an SMS, and addresses people as Ông/Bà.
/// </summary>
public sealed class WordsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 18, 8, 0, 0, VietnamTime.Offset);

    public static TheoryData<string, SessionForm> Cases()
    {
        var data = new TheoryData<string, SessionForm>();
        foreach (var commune in new[] { "10993", "19009", "11914" }) // Xã Thượng Hồng, Phường Ba Đồn, Đặc khu Cát Hải
        {
            foreach (var form in Enum.GetValues<SessionForm>())
            {
                data.Add(commune, form);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_text_follows_the_rules_of_the_words(string code, SessionForm form)
    {
        var commune = AdminUnitRegistry.Official.GetCommune(code);
        var organisers = new SessionOrganisers(
            new Organiser("Nguyễn Văn Hùng", $"Chủ tịch UBND {UnitNames.InSentence(commune.Name)}"),
            new Organiser("Trần Thị Lan", "Phó Chủ tịch HĐND"),
            new Organiser("Lê Văn Minh", "Chủ tịch Ủy ban MTTQ Việt Nam"),
            new Organiser("Phạm Thu Hà", "Công chức Văn phòng HĐND và UBND"));
        var s = new NoticeSubject(commune.Name, SessionKind.Periodic, "Hội nghị đối thoại năm 2026", Start, 120, organisers.Chair!.Describe(),
            Topic: "Kết quả thực hiện nhiệm vụ năm 2026",
            Venue: form == SessionForm.InPerson ? "Hội trường UBND" : null,
            OnlineUrl: form == SessionForm.Online ? "https://hop.example.vn/doi-thoai" : null,
            Form: form, Organisers: organisers);
        var day = DateOnly.FromDateTime(Start.Date);
        var written = new List<(string Name, string Text, bool AddressesAPerson)>
        {
            ("invitation", Join(NoticeTexts.Invitation(s, "Nguyễn Văn An", "Tổ trưởng")), true),
            ("sms announcement", NoticeTexts.SmsAnnouncement(s), true),
            ("sms reminder", NoticeTexts.SmsReminder(s), true),
            ("rescheduled", NoticeTexts.Rescheduled(s, Start.AddDays(-3), "Trùng lịch họp"), false),
            ("cancelled", NoticeTexts.Cancelled(s, "Mưa bão"), false),
            ("change e-mail", Join(NoticeTexts.ChangeEmail(s, "Nguyễn Văn An", NoticeTexts.Cancelled(s, "Mưa bão"), true)), true),
            ("office warning", Join(NoticeTexts.OfficeDeadlineWarning(s, Start.AddDays(-7), 3, 2, 1)), false),
            ("deadline recounted", Join(NoticeTexts.DeadlineRecounted(s, Start.AddDays(-7), Start.AddDays(-8), "Danh sách ngày nghỉ thay đổi.")), false),
            ("milestone", Join(NoticeTexts.MilestoneReminder(commune.Name, s.Title, day, "Chuẩn bị hội trường", "Văn phòng", day.AddDays(-1), overdue: true)), false),
            ("follow-up", Join(NoticeTexts.FollowUpReminder(commune.Name, s.Title, day, "Nạo vét cống", "Phòng Kinh tế", day.AddDays(20), overdue: false)), false),
            ("invitee request", Join(NoticeTexts.InviteeRequest(commune.Name, s.Title, day, "Thôn 1", 5, 7, day.AddDays(-9), "https://x.vn/moi", null)), true),
            ("invitees short", Join(NoticeTexts.InviteesShort(commune.Name, s.Title, day, day.AddDays(-9), [("Thôn 1", 2)])), false),
            ("results sms", NoticeTexts.ResultsSms(commune.Name, s.Title, Start, 3, 2026, "Đã trả lời 12 ý kiến, giao 3 việc.", "https://x.vn/kq"), false),
            ("results e-mail", Join(NoticeTexts.ResultsEmail(commune.Name, s.Title, Start, 3, 2026, "Nguyễn Văn An", ["Nạo vét cống: giao Phòng Kinh tế, hạn 15/01/2027"], "https://x.vn/kq")), true),
            ("results due soon", Join(NoticeTexts.ResultsDueSoon(commune.Name, s.Title, Start, day.AddDays(10))), false),
            ("petition answer sms", NoticeTexts.PetitionAnswerSms(commune.Name, "KN-2026-0001", "Đã sửa."), true),
            ("petition answer", Join(NoticeTexts.PetitionAnswerEmail(commune.Name, "KN-2026-0001", "Nguyễn Văn An", "Đề nghị", "Đã sửa.")), true),
            ("petition acknowledged", Join(NoticeTexts.PetitionAcknowledged(commune, "KN-2026-0001", day, "Nguyễn Văn An", "Đề nghị", day.AddDays(30))), true),
            ("petition escalated", Join(NoticeTexts.PetitionEscalated(commune, "KN-2026-0001", "Nguyễn Văn An", "Đề nghị", "Thuộc thẩm quyền tỉnh")), true),
            ("petition outcome", Join(NoticeTexts.PetitionOutcome(commune.Name, "KN-2026-0001", "Nguyễn Văn An", "Đề nghị", "Giao Phòng Kinh tế")), true),
        };
        var spoken = new List<(string Name, string Text)>
        {
            ("loudspeaker", NoticeTexts.LoudspeakerScript(s)),
            ("results loudspeaker", NoticeTexts.ResultsLoudspeakerScript(commune.Name, s.Title, Start, 3)),
        };

        foreach (var (name, text) in written.Select(w => (w.Name, w.Text)).Concat(spoken))
        {
            // The unit's type in lower case inside a sentence: "UBND xã Thượng Hồng", never "UBND Xã Thượng Hồng".
            Assert.False(text.Contains(commune.Name, StringComparison.Ordinal), $"{name}: \"{commune.Name}\" capitalised inside a sentence:\n{text}");
            Assert.False(text.Contains(commune.ProvinceName, StringComparison.Ordinal), $"{name}: \"{commune.ProvinceName}\" capitalised inside a sentence:\n{text}");
            Assert.Contains(UnitNames.InSentence(commune.Name), text, StringComparison.Ordinal);
            Assert.DoesNotContain("tại trực tuyến", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("tại gián tiếp", text, StringComparison.OrdinalIgnoreCase);
            foreach (var familiar in new[] { "anh/chị", "bà con", "bạn " })
            {
                Assert.DoesNotContain(familiar, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var (name, text) in written.Where(w => w.Name.Contains("sms", StringComparison.Ordinal)).Select(w => (w.Name, w.Text)))
        {
            Assert.DoesNotContain("ND:", text, StringComparison.Ordinal);
        }

        foreach (var (name, text, _) in written.Where(w => w.AddressesAPerson))
        {
            Assert.True(text.Contains("Ông/Bà", StringComparison.Ordinal), $"{name} does not address the person as Ông/Bà:\n{text}");
        }

        foreach (var (name, text) in spoken)
        {
            Assert.DoesNotContain("://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("www", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Ông/Bà", text, StringComparison.Ordinal); // a slash is not read aloud: "các ông, các bà"
            Assert.Contains("các ông, các bà", text, StringComparison.Ordinal);
        }

        // Online and indirect sessions say how to take part; the invitation names every organiser.
        var invitation = written[0].Text;
        Assert.Contains(form switch { SessionForm.Online => "trực tuyến", SessionForm.Indirect => "gián tiếp", _ => "trực tiếp tại Hội trường UBND" }, invitation, StringComparison.Ordinal);
        Assert.All(organisers.Named(), n => Assert.Contains(n.Person.Name, invitation, StringComparison.Ordinal));
    }

    private static string Join(EmailText email) => email.Subject + "\n" + email.Body;

    private static string Join((EmailText Email, string Sms) text) => Join(text.Email) + "\n" + text.Sms;
}
