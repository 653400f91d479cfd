using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>A dialogue's results from the office's page: held, its conclusion drafted item by item and signed, published, its task closed, its documents downloaded.</summary>
public sealed partial class OfficerPagesTests
{
    private const string CatHai = "11914"; // Đặc khu Cát Hải, Hải Phòng

    [Fact]
    public async Task The_office_drafts_signs_and_publishes_a_structured_conclusion_closes_its_task_and_downloads_the_documents()
    {
        // An urgent dialogue that began a few minutes ago, at the incident site.
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddMinutes(-5);
        var session = await fixture.PostAsync($"/api/communes/{CatHai}/sessions", new
        {
            kind = "urgent", form = "in-person", title = "Đối thoại khẩn về sạt lở kè biển", durationMinutes = 60, venue = "Nhà văn hóa thôn Hoàng Châu",
            startsAt = start.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), urgentReason = "Kè biển sạt lở uy hiếp 20 hộ dân thôn Hoàng Châu",
        });
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Vũ Thị Hạnh", "commune-officer", commune: CatHai));
        await page.GotoAsync($"/phien.html?xa={CatHai}&id={Uri.EscapeDataString(session.GetProperty("id").GetString()!)}", new() { WaitUntil = WaitUntilState.Commit });

        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận đã tổ chức" }).ClickAsync();

        // One matter given to a unit, with a due date typed the Vietnamese way; first without the unit.
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm nội dung kết luận" }).ClickAsync();
        var item = page.Locator("fieldset.conclusion-item").First;
        await item.GetByLabel("Vấn đề người dân nêu").FillAsync("Kè biển thôn Hoàng Châu sạt lở 50 m");
        await item.GetByLabel("Kết quả").SelectOptionAsync("to-be-handled");
        var due = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(7);
        await item.GetByLabel("Hạn giải quyết (dd/mm/yyyy)").FillAsync(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.GetByLabel("Ý kiến kết luận chung của chủ tọa").FillAsync("Ưu tiên an toàn của các hộ dân ven kè.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo" }).ClickAsync();
        // Refused, and said under the item it concerns, in Vietnamese.
        await Expect(item.Locator(".field-error")).ToContainTextAsync("Nội dung 1: đơn vị được giao");
        await item.GetByLabel("Đơn vị được giao").FillAsync("Phòng Kinh tế đặc khu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu dự thảo" }).ClickAsync();
        await Expect(page.Locator("#draft-saved")).ToContainTextAsync("Đã lưu dự thảo");

        // Signing asks once; the chair's name is typed here because the urgent session named none.
        await page.GetByLabel("Người ký thông báo kết luận (họ tên chủ tọa)").FillAsync("Phạm Văn Thành");
        await page.Locator("#conclusion-form").GetByRole(AriaRole.Button, new() { Name = "Ký kết luận" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ký kết luận" }).ClickAsync();
        await Expect(page.Locator("#signed-conclusion")).ToContainTextAsync("Kè biển thôn Hoàng Châu sạt lở 50 m — Giao xử lý: Phòng Kinh tế đặc khu");

        // Signed is not yet published: the notice has no number until the office publishes.
        var publish = page.GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả" });
        await Expect(page.Locator("#facts")).Not.ToContainTextAsync("TB-UBND");
        await publish.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả" }).ClickAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync(new Regex(@"Số 1/TB-UBND, công bố"));
        await Expect(page.Locator("#results-summary")).ToContainTextAsync("Đã công bố thông báo số 1/TB-UBND");
        await Expect(publish).ToBeHiddenAsync();

        // The matter became a task with its due date; the office closes it with what was done.
        var task = page.Locator("#follow-ups tbody tr").First;
        await Expect(task).ToContainTextAsync(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await task.GetByLabel("Kết quả thực hiện: Kè biển thôn Hoàng Châu sạt lở 50 m").FillAsync("Đã gia cố tạm 50 m kè bằng rọ đá");
        await task.GetByRole(AriaRole.Button, new() { Name = "Đóng việc" }).ClickAsync();
        await Expect(task).ToContainTextAsync("Đã xong");
        await BrowserFixture.ScreenshotAsync(page, "session-results-published");

        // Every document of the session, generated when asked: the conclusion notice as PDF, the plan as Word.
        var notice = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "PDF: Thông báo kết luận" }).ClickAsync());
        Assert.EndsWith(".pdf", notice.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("%PDF", await FirstBytesAsync(notice, 4));
        var plan = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Word: Kế hoạch tổ chức hội nghị đối thoại" }).ClickAsync());
        Assert.EndsWith(".docx", plan.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK", await FirstBytesAsync(plan, 2)); // a DOCX is a zip package

        var href = await page.Locator("#conclusion-pdf").GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal((200, "application/pdf"), (pdf.Status, pdf.Headers["content-type"]));
    }

    private static async Task<string> FirstBytesAsync(IDownload download, int count)
    {
        await using var stream = await download.CreateReadStreamAsync();
        var bytes = new byte[count];
        await stream.ReadExactlyAsync(bytes);
        return System.Text.Encoding.ASCII.GetString(bytes);
    }
}
