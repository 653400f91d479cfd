using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>Issue 25 from the office's page: a dialogue held, its conclusion signed, its results published, the notice downloaded.</summary>
public sealed partial class OfficerPagesTests
{
    private const string CatHai = "11914"; // Đặc khu Cát Hải, Hải Phòng

    [Fact]
    public async Task The_office_marks_a_dialogue_held_signs_its_conclusion_and_publishes_the_results_from_the_session_page()
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
        await page.GetByLabel("Kết luận của chủ tọa").FillAsync("Giao Phòng Kinh tế gia cố tạm kè biển thôn Hoàng Châu trong 7 ngày.");
        await page.GetByLabel("Người ký thông báo kết luận (họ tên)").FillAsync("Phạm Văn Thành");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi kết luận đã ký" }).ClickAsync();

        // Signed is not yet published: the notice has no number until the office publishes.
        var publish = page.GetByRole(AriaRole.Button, new() { Name = "Công bố kết quả" });
        await Expect(publish).ToBeVisibleAsync();
        await Expect(page.Locator("#facts")).Not.ToContainTextAsync("TB-UBND");
        await publish.ClickAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync(new Regex(@"Số 1/TB-UBND, công bố"));
        await Expect(publish).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, "session-results-published");

        var href = await page.Locator("#conclusion-pdf").GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(href!);
        Assert.Equal((200, "application/pdf"), (pdf.Status, pdf.Headers["content-type"]));
    }
}
