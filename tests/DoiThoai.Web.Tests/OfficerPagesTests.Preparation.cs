using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>
/// The office prepares a dialogue from its page: what will be sent and when, its own preparation tasks, the programme;
/// records a dialogue held before the platform; an urgent one's CAP alert is one link away.
/// </summary>
public sealed partial class OfficerPagesTests
{
    private const string KimThanh = "10804"; // Xã Kim Thành, Hải Phòng

    [Fact]
    public async Task The_office_reads_the_notice_plan_adds_and_drops_a_preparation_task_and_rewrites_the_programme()
    {
        var startsAt = Vietnam(DateTimeOffset.UtcNow.AddDays(20)).Date.AddHours(8);
        var session = await fixture.PostAsync($"/api/communes/{KimThanh}/sessions", new
        {
            kind = "periodic", form = "in-person", title = "Hội nghị đối thoại định kỳ xã Kim Thành", durationMinutes = 150,
            startsAt = new DateTimeOffset(startsAt, TimeSpan.FromHours(7)), venue = "Hội trường UBND xã Kim Thành",
        });
        var id = session.GetProperty("id").GetString()!;
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Nguyễn Thị Lan", "commune-officer", commune: KimThanh));
        await page.GotoAsync($"/phien.html?xa={KimThanh}&id={Uri.EscapeDataString(id)}", new() { WaitUntil = WaitUntilState.Commit });

        // What scheduling set going, in the preview's words, with the notice deadline.
        await Expect(page.Locator("#notice-plan")).ToContainTextAsync("Hạn gửi thông báo");
        await Expect(page.Locator("#notice-plan")).ToContainTextAsync("Loa truyền thanh");

        // A task of the office's own: a day that does not exist is refused next to its field, then it is added.
        await page.GetByText("Thêm công việc chuẩn bị").ClickAsync();
        var task = page.Locator("#milestone-form");
        await task.GetByLabel("Công việc").FillAsync("Kiểm tra âm thanh, loa đài hội trường");
        await task.GetByLabel("Đơn vị thực hiện").FillAsync("Văn phòng HĐND và UBND xã");
        await task.GetByLabel("Hạn (dd/mm/yyyy)").FillAsync("31/02/2027");
        await task.GetByRole(AriaRole.Button, new() { Name = "Thêm công việc" }).ClickAsync();
        await Expect(task.Locator(".field-error")).ToContainTextAsync("dd/mm/yyyy");
        var due = startsAt.AddDays(-2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await task.GetByLabel("Hạn (dd/mm/yyyy)").FillAsync(due);
        await task.GetByLabel("Hạn (dd/mm/yyyy)").PressAsync("Enter");
        var row = page.Locator("#milestones tbody tr", new() { HasText = "Kiểm tra âm thanh, loa đài hội trường" });
        await Expect(row).ToContainTextAsync("Văn phòng HĐND và UBND xã");
        await Expect(row.Locator("input")).ToHaveValueAsync(due);

        // Dropped, asked once.
        await row.GetByRole(AriaRole.Button, new() { Name = "Bỏ: Kiểm tra âm thanh, loa đài hội trường" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Bỏ công việc" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);

        // The programme: a time that is no time is refused under its item, one outside the session's hours by the
        // platform under its item; then the first item is put back and one added at the end.
        var summary = page.Locator("#agenda-edit summary");
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var agenda = page.Locator("#agenda-form");
        var first = agenda.Locator("[data-field='agenda-1']");
        await first.GetByLabel("Giờ (hh:mm)").FillAsync("25:00");
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Lưu chương trình" }).ClickAsync();
        await Expect(first.Locator(".field-error")).ToContainTextAsync("Mục 1: giờ ghi hh:mm");
        await first.GetByLabel("Giờ (hh:mm)").FillAsync("06:00");
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Lưu chương trình" }).ClickAsync();
        await Expect(first.Locator(".field-error")).ToContainTextAsync("nằm ngoài thời gian hội nghị (08:00–10:30)");
        await first.GetByLabel("Giờ (hh:mm)").FillAsync("8:00");
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Thêm mục" }).ClickAsync();
        var last = agenda.Locator("fieldset.agenda-item").Last;
        await last.GetByLabel("Giờ (hh:mm)").FillAsync("10:05");
        await last.GetByLabel("Nội dung").FillAsync("Giải đáp ý kiến về cấp giấy chứng nhận quyền sử dụng đất");
        await last.GetByLabel("Người thực hiện").FillAsync("Công chức địa chính xã");
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Lưu chương trình" }).ClickAsync();
        await Expect(page.Locator("#agenda-saved")).ToContainTextAsync("Đã lưu chương trình");
        // Added last, it took its place by its time: before the chair's conclusion at 10:10.
        await Expect(page.Locator("#agenda li").Nth(4)).ToHaveTextAsync("10:05 Giải đáp ý kiến về cấp giấy chứng nhận quyền sử dụng đất — Công chức địa chính xã");
        var stored = await fixture.GetAsync($"/api/communes/{KimThanh}/sessions/{Uri.EscapeDataString(id)}/preparation");
        Assert.Equal(["08:00:00", "08:05:00", "08:10:00", "08:30:00", "10:05:00", "10:10:00", "10:25:00"],
            stored.GetProperty("agenda").EnumerateArray().Select(i => i.GetProperty("startsAt").GetString()));
    }

    [Fact]
    public async Task The_office_records_a_dialogue_held_before_the_platform_with_its_minutes_and_nothing_is_sent()
    {
        const string ThanhMien = "11239"; // Xã Thanh Miện, Hải Phòng
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Phạm Thị Dung", "commune-officer", commune: ThanhMien));
        await Expect(page.Locator("#schedule")).ToBeVisibleAsync();
        var emailsBefore = fixture.EmailsReceived;
        var form = page.Locator("#schedule-form");
        await form.GetByLabel("Hội nghị đã tổ chức trước khi dùng hệ thống").CheckAsync();
        await form.GetByLabel("Tiêu đề").FillAsync("Hội nghị đối thoại định kỳ (ghi nhận sau)");
        var held = Vietnam(DateTimeOffset.UtcNow.AddDays(-20));
        await form.GetByLabel("Ngày bắt đầu (dd/mm/yyyy)").FillAsync(held.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await form.GetByLabel("Giờ bắt đầu (hh:mm, 24 giờ)").FillAsync("08:00");
        await form.GetByLabel("Địa điểm").FillAsync("Hội trường UBND");
        await form.GetByLabel("Lý do ghi nhận sau").FillAsync("Hội nghị tổ chức trước khi xã dùng hệ thống");
        await Expect(page.Locator("#plan-preview")).ToBeHiddenAsync(); // nothing will be sent
        await form.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận hội nghị đã tổ chức" }).ClickAsync();
        await Expect(form.GetByLabel("Biên bản hội nghị")).ToHaveAttributeAsync("aria-invalid", "true"); // the minutes are the record

        await form.GetByLabel("Biên bản hội nghị").FillAsync("Hội nghị có 120 đại biểu dự; 8 ý kiến phát biểu về đường giao thông nông thôn và nước sạch; Chủ tịch UBND xã kết luận.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận hội nghị đã tổ chức" }).ClickAsync();
        await Expect(page.Locator("#recorded")).ToBeVisibleAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync("Đã tổ chức");
        await Expect(page.Locator("#facts")).ToContainTextAsync("8 ý kiến phát biểu");
        await Expect(page.Locator("#history")).ToContainTextAsync("Ghi nhận sau khi đã tổ chức");
        Assert.Equal(emailsBefore, fixture.EmailsReceived);
    }

    [Fact]
    public async Task An_urgent_dialogue_page_links_its_CAP_alert()
    {
        var start = Quarter(DateTimeOffset.UtcNow.AddHours(4));
        var session = await fixture.PostAsync($"/api/communes/{KimThanh}/sessions", new
        {
            kind = "urgent", form = "in-person", title = "Đối thoại khẩn về sạt lở đê sông Rạng", durationMinutes = 60, venue = "Nhà văn hóa thôn Kim Độ",
            startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), urgentReason = "Đê sông Rạng sạt lở 40 m sau mưa lớn",
        });
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Nguyễn Thị Lan", "commune-officer", commune: KimThanh));
        await page.GotoAsync($"/phien.html?xa={KimThanh}&id={Uri.EscapeDataString(session.GetProperty("id").GetString()!)}", new() { WaitUntil = WaitUntilState.Commit });
        var link = page.GetByRole(AriaRole.Link, new() { Name = "CAP 1.2 (XML)" });
        var href = await link.GetAttributeAsync("href");
        var alert = await page.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, alert.Status);
        var xml = await alert.TextAsync();
        Assert.Contains("<alert", xml, StringComparison.Ordinal);
        Assert.Contains("Đối thoại khẩn về sạt lở đê sông Rạng", xml, StringComparison.Ordinal);
    }
}
