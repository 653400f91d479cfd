using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>A coming dialogue from the office's page: failures and their reasons, the chair, a new time, the venue desk, a cancellation asked once.</summary>
public sealed partial class OfficerPagesTests
{
    private const string NamSach = "10606"; // Xã Nam Sách, Hải Phòng: no other browser test touches it

    [Fact]
    public async Task The_office_sees_why_an_invitation_failed_names_the_chair_moves_the_dialogue_registers_a_speaker_and_cancels_with_the_keyboard()
    {
        await fixture.ImportCsvAsync(NamSach, """
            Họ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Đỗ Văn Khải,đại biểu,Đại biểu HĐND,Thôn 1,,khai.do@example.vn,không,có
            Lương Thị Mến,đại biểu,Đại biểu HĐND,Thôn 2,,men.luong@khong-ton-tai.example.vn,không,có
            """);
        var start = Quarter(DateTimeOffset.UtcNow.AddHours(3));
        var session = await fixture.PostAsync($"/api/communes/{NamSach}/sessions", new
        {
            kind = "urgent", form = "in-person", title = "Đối thoại khẩn về nước sinh hoạt nhiễm mặn", durationMinutes = 90, venue = "Hội trường UBND xã",
            startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), urgentReason = "Nước máy nhiễm mặn ở 3 thôn từ sáng nay",
        });
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Hoàng Thị Thu", "commune-officer", commune: NamSach));
        await page.GotoAsync($"/phien.html?xa={NamSach}&id={Uri.EscapeDataString(session.GetProperty("id").GetString()!)}", new() { WaitUntil = WaitUntilState.Commit });

        // The real SMTP server refused one mailbox: the office sees which (masked) and the server's reason.
        var failures = page.Locator("#failure-list");
        await Expect(failures).ToContainTextAsync("SMTP 550", new() { Timeout = 60_000 });
        await Expect(failures).ToContainTextAsync("Giấy mời");
        await Expect(failures).Not.ToContainTextAsync("men.luong@"); // masked

        // The chair must be the committee's chair or a vice-chair: said next to the chair's fields.
        var organisers = page.Locator("#organisers-form");
        await organisers.GetByRole(AriaRole.Group, new() { Name = "Chủ trì (Chủ tịch hoặc Phó Chủ tịch UBND)" }).GetByLabel("Họ tên").FillAsync("Phạm Văn Thành");
        await organisers.GetByRole(AriaRole.Group, new() { Name = "Chủ trì (Chủ tịch hoặc Phó Chủ tịch UBND)" }).GetByLabel("Chức vụ").FillAsync("Trưởng thôn");
        await organisers.GetByRole(AriaRole.Button, new() { Name = "Lưu thành phần chủ trì" }).ClickAsync();
        await Expect(organisers.Locator("[data-field='organisers.chair'] .field-error")).ToContainTextAsync("Chủ tịch hoặc Phó Chủ tịch UBND");
        await organisers.GetByRole(AriaRole.Group, new() { Name = "Chủ trì (Chủ tịch hoặc Phó Chủ tịch UBND)" }).GetByLabel("Chức vụ").FillAsync("Chủ tịch UBND xã");
        await organisers.GetByRole(AriaRole.Button, new() { Name = "Lưu thành phần chủ trì" }).ClickAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync("Phạm Văn Thành, Chủ tịch UBND xã");

        // Moved an hour later, typed dd/mm/yyyy and 24 h; the history says so.
        var later = start.AddHours(1).ToOffset(TimeSpan.FromHours(7));
        var reschedule = page.Locator("#reschedule-form");
        await reschedule.GetByLabel("Ngày mới (dd/mm/yyyy)").FillAsync(later.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await reschedule.GetByLabel("Giờ mới (hh:mm, 24 giờ)").FillAsync(later.ToString("HH:mm", CultureInfo.InvariantCulture));
        await reschedule.GetByLabel("Lý do dời lịch").FillAsync("Chờ đoàn kiểm tra chất lượng nước của tỉnh");
        await reschedule.GetByRole(AriaRole.Button, new() { Name = "Dời lịch và báo lại" }).ClickAsync();
        await Expect(page.Locator("#history")).ToContainTextAsync(new Regex($@"Dời lịch → {Regex.Escape(later.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))} {later:HH:mm}"));

        // A resident without a phone registers at the venue desk; they join the speaking order.
        await page.GetByText("Ghi đăng ký tại bàn đón tiếp").ClickAsync();
        var desk = page.Locator("#desk-form");
        await desk.GetByLabel("Họ và tên").FillAsync("Bùi Văn Lộc");
        await desk.GetByLabel("Nơi ở hoặc nơi làm việc").FillAsync("Thôn 3");
        await desk.GetByLabel("Ý kiến muốn phát biểu").FillAsync("Đề nghị cấp nước sạch bằng xe bồn cho thôn 3 đến khi khắc phục xong");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Ghi đăng ký" }).ClickAsync();
        await Expect(page.Locator("#desk-done")).ToContainTextAsync("Đã ghi Bùi Văn Lộc: phát biểu thứ 1");
        await Expect(page.Locator("#speakers")).ToContainTextAsync("Bùi Văn Lộc");

        // Cancelling, with the keyboard alone: it asks once; Escape declines, the confirm button confirms.
        var cancel = page.Locator("#cancel-form");
        await cancel.GetByLabel("Lý do hủy").FocusAsync();
        await page.Keyboard.TypeAsync("Đã cấp nước sạch, người dân thống nhất không cần đối thoại");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Đối thoại khẩn về nước sinh hoạt nhiễm mặn");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync("Đã lên lịch");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "Hủy phiên" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Không" })).ToBeFocusedAsync(); // the safe answer first
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#facts")).ToContainTextAsync("Đã hủy");
        await Expect(page.Locator("#facts")).ToContainTextAsync("Đã cấp nước sạch, người dân thống nhất không cần đối thoại");
        await BrowserFixture.ScreenshotAsync(page, "session-cancelled");
    }

    private static DateTimeOffset Quarter(DateTimeOffset at) =>
        new DateTimeOffset(at.Ticks - (at.Ticks % TimeSpan.FromMinutes(15).Ticks), at.Offset).ToOffset(TimeSpan.FromHours(7));
}
