using DoiThoai.Domain.Calendar;
using DoiThoai.Domain.Messaging;
using DoiThoai.Domain.Petitions;

namespace DoiThoai.Domain.Tests;

public sealed class PetitionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly WorkingDayCalendar Days2026 = new([.. VietnamPublicHolidays.Default(2026), .. VietnamPublicHolidays.Default(2027)]);

    [Theory]
    [InlineData("2026-11-02T09:00:00+07:00", "2026-11-16")] // Monday: two full weeks
    [InlineData("2026-11-20T16:00:00+07:00", "2026-12-07")] // Friday, over Culture Day (Tuesday 24/11)
    [InlineData("2026-11-22T01:30:00+07:00", "2026-12-07")] // a Sunday counts from the next working day
    [InlineData("2026-11-21T23:30:00+00:00", "2026-12-07")] // 06:30 on Sunday 22/11 in Vietnam, not Saturday
    [InlineData("2026-12-28T10:00:00+07:00", "2027-01-12")] // over New Year's Day
    public void Acknowledgement_is_owed_by_the_tenth_working_day_after_receipt(string receivedAt, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), PetitionRules.AcknowledgeBy(DateTimeOffset.Parse(receivedAt), Days2026));
    }

    [Fact]
    public void A_petitioner_needs_a_name_and_a_mobile_number_or_address_that_can_be_used()
    {
        var (petitioner, errors) = PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề nghị", PetitionerName: "Lê Văn Tám", PetitionerPhone: "091 234 5678"), Today);
        Assert.Empty(errors);
        Assert.Equal(("Lê Văn Tám", "+84912345678", (string?)null), petitioner);

        Assert.Contains("petitionerName", PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề nghị", PetitionerPhone: "0912345678"), Today).Errors.Keys);
        Assert.Contains("petitionerPhone", PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề nghị", "Tám", PetitionerPhone: "02438251234"), Today).Errors.Keys);
        Assert.Contains("content", PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề\u0000 nghị"), Today).Errors.Keys);
        Assert.Null(PetitionRules.Check(new PetitionDraft(PetitionSource.Email, PetitionField.Other, "Đề nghị"), Today).Petitioner);
    }

    [Fact]
    public void An_answered_petition_takes_no_further_step_and_an_assigned_one_can_be_reassigned_or_escalated()
    {
        Assert.False(PetitionRules.Allows(PetitionStatus.Answered, PetitionEventKind.Answered));
        Assert.True(PetitionRules.Allows(PetitionStatus.Assigned, PetitionEventKind.Acknowledged)); // assigning does not acknowledge (Điều 28)
        Assert.True(PetitionRules.Allows(PetitionStatus.Assigned, PetitionEventKind.Assigned));
        Assert.True(PetitionRules.Allows(PetitionStatus.Assigned, PetitionEventKind.Escalated));
        Assert.False(PetitionRules.Allows(PetitionStatus.Escalated, PetitionEventKind.Assigned));
        Assert.True(PetitionRules.Allows(PetitionStatus.Escalated, PetitionEventKind.Answered));
    }

    [Fact]
    public void The_answer_by_SMS_names_the_commune_and_petition_and_fits_GSM7_without_diacritics()
    {
        var text = SmsText.Prepare(NoticeTexts.PetitionAnswerSms("Phường Khương Đình", "KN-2026-0001", "Đã nạo vét cống ngõ 35."), SmsTextPolicy.Gsm7WithoutDiacritics);
        Assert.Equal("UBND phuong Khuong Dinh tra loi kien nghi KN-2026-0001 cua Ong/Ba: Da nao vet cong ngo 35.", text.Text);
        Assert.Equal((SmsEncoding.Gsm7, 1), (text.Encoding, text.Segments));
    }

    [Fact]
    public void Luat_Tiep_cong_dan_Dieu_28_the_day_received_may_not_be_after_today_and_drives_the_ten_working_days()
    {
        Assert.Contains("receivedOn", PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề nghị", ReceivedOn: Today.AddDays(1)), Today).Errors.Keys);
        Assert.Empty(PetitionRules.Check(new PetitionDraft(PetitionSource.Letter, PetitionField.Land, "Đề nghị", ReceivedOn: Today.AddDays(-5)), Today).Errors);
        // Received Wednesday 28/10/2026, recorded Monday 2/11: owed by the 10th working day after 28/10, Wednesday 11/11.
        Assert.Equal(new DateOnly(2026, 11, 11), PetitionRules.AcknowledgeBy(new DateOnly(2026, 10, 28), Days2026));
    }
}
