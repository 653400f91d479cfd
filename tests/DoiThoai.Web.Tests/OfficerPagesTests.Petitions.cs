using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>A petition through its whole cycle from the office's page: recorded with the day received, acknowledged, assigned, answered; overdue ones first.</summary>
public sealed partial class OfficerPagesTests
{
    private const string HopTien = "10615"; // Xã Hợp Tiến, Hải Phòng

    [Fact]
    public async Task The_office_records_a_petition_with_its_day_received_and_takes_it_through_acknowledgement_assignment_and_answer()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        string Day(int days) => today.AddDays(days).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        // A letter received three weeks ago and never acknowledged: past the 10 working days, it comes first.
        var late = await fixture.PostAsync($"/api/communes/{HopTien}/petitions", new
        {
            source = "letter", field = "infrastructure", content = "Đề nghị sửa cống thoát nước thôn Tiến Bộ bị vỡ",
            receivedOn = today.AddDays(-21).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

        var page = await fixture.SignInAsync(await fixture.TokenAsync("Nguyễn Thị Lan", "commune-officer", commune: HopTien));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Các việc của xã" }).GetByRole(AriaRole.Link, new() { Name = "Kiến nghị" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Kiến nghị · Xã Hợp Tiến");

        // Recorded from a letter received two days ago; a day typed the wrong way is refused next to its field.
        var record = page.Locator("#record-form");
        await record.GetByLabel("Nguồn").SelectOptionAsync("letter");
        await record.GetByLabel("Lĩnh vực").SelectOptionAsync("land");
        await record.GetByLabel("Nội dung kiến nghị").FillAsync("Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho 5 hộ xóm Đông");
        await record.GetByLabel("Ngày nhận (dd/mm/yyyy)").FillAsync("2026-13-01");
        await record.GetByLabel("Họ và tên").FillAsync("Trịnh Văn Tâm");
        await record.GetByLabel("Số điện thoại").FillAsync("0912 345 678");
        await record.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận" }).ClickAsync();
        await Expect(record.GetByLabel("Ngày nhận (dd/mm/yyyy)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(record.Locator(".field-error")).ToContainTextAsync("dd/mm/yyyy");
        await record.GetByLabel("Ngày nhận (dd/mm/yyyy)").FillAsync(Day(-2));
        await record.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận" }).ClickAsync();
        await Expect(page.Locator("#recorded")).ToContainTextAsync(new Regex(@"Đã tiếp nhận KN-\d{4}-\d{4}; hạn báo nhận"));
        var id = Regex.Match(await page.Locator("#recorded").InnerTextAsync(), @"KN-\d{4}-\d{4}").Value;

        // Overdue first: the old letter heads the list, marked.
        var first = page.Locator("#petitions tbody tr").First;
        await Expect(first).ToHaveAttributeAsync("data-petition", late.GetProperty("id").GetString()!);
        await Expect(first).ToContainTextAsync("quá hạn");

        // Acknowledged with the answer promised in 20 days, then assigned, then answered (asked once).
        await page.GetByRole(AriaRole.Button, new() { Name = $"Xem và xử lý {id}" }).ClickAsync();
        var detail = page.Locator("#detail");
        await Expect(detail.GetByRole(AriaRole.Heading, new() { Name = $"Kiến nghị {id}" })).ToBeVisibleAsync();
        await Expect(detail).ToContainTextAsync("09xx xxx 678"); // the petitioner's phone, masked
        var acknowledge = page.Locator("#acknowledge-form");
        await acknowledge.GetByLabel("Hẹn trả lời trước ngày (dd/mm/yyyy; để trống: 30 ngày)").FillAsync(Day(20));
        await acknowledge.GetByRole(AriaRole.Button, new() { Name = "Báo đã nhận" }).ClickAsync();
        await Expect(page.Locator("#detail-history")).ToContainTextAsync("Báo đã nhận");
        await Expect(acknowledge).ToBeHiddenAsync();

        var assign = page.Locator("#assign-form");
        await assign.GetByLabel("Đơn vị được giao").FillAsync("Phòng Kinh tế");
        await assign.GetByLabel("Hạn giải quyết (dd/mm/yyyy)").FillAsync(Day(14));
        await assign.GetByRole(AriaRole.Button, new() { Name = "Giao xử lý" }).ClickAsync();
        await Expect(page.Locator("#detail-facts")).ToContainTextAsync($"Phòng Kinh tế, hạn {Day(14)}");

        await page.Locator("#answer-form").GetByLabel("Nội dung trả lời").FillAsync("Đã hoàn thành đo đạc; giấy chứng nhận được trao ngày 20/12 tại UBND xã.");
        await page.Locator("#answer-form").GetByRole(AriaRole.Button, new() { Name = "Gửi trả lời" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Gửi trả lời" }).ClickAsync();
        await Expect(page.Locator("#detail-facts")).ToContainTextAsync("Đã trả lời");
        await Expect(page.Locator("#steps form:visible")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "petitions");

        var stored = await fixture.GetAsync($"/api/communes/{HopTien}/petitions/{id}");
        Assert.Equal(("answered", today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Phòng Kinh tế"),
            (stored.GetProperty("status").GetString(), stored.GetProperty("receivedOn").GetString(), stored.GetProperty("assignedUnit").GetString()));
    }
}
