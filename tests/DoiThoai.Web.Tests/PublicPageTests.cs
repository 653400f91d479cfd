using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>A commune's public page as a resident opens it on a phone, with no token.</summary>
public sealed partial class OfficerPagesTests
{
    private const string AiQuoc = "10660"; // Phường Ái Quốc, Hải Phòng

    [Fact]
    public async Task A_resident_sees_coming_dialogues_an_urgent_alert_published_results_and_looks_up_their_petition_on_a_phone()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        string At(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var periodic = await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions", new
        {
            kind = "periodic", form = "in-person", title = "Đối thoại định kỳ với Nhân dân phường Ái Quốc", durationMinutes = 180,
            venue = "Hội trường UBND phường Ái Quốc", startsAt = At(new DateTimeOffset(now.Date.AddDays(12).AddHours(8), now.Offset)),
        });
        await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions", new
        {
            kind = "urgent", form = "in-person", title = "Đối thoại khẩn về cháy kho hóa chất", durationMinutes = 60, venue = "Sân UBND phường",
            startsAt = At(now.AddHours(2)), urgentReason = "Cháy kho hóa chất khu công nghiệp, khói lan vào khu dân cư",
        });
        // A dialogue held this morning, concluded and published.
        var held = await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions", new
        {
            kind = "urgent", form = "in-person", title = "Đối thoại khẩn về mất nước", durationMinutes = 60, venue = "Nhà văn hóa khu 4",
            startsAt = At(now.AddMinutes(-5)), urgentReason = "Mất nước sinh hoạt 3 ngày ở khu 4",
        });
        var heldId = held.GetProperty("id").GetString()!;
        await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions/{heldId}/held", new { });
        await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions/{heldId}/conclusion/sign", new
        {
            signedBy = "Nguyễn Văn Quốc",
            items = new[] { new { matter = "Mất nước sinh hoạt ở khu 4", outcome = "answered-at-session", answer = "Công ty cấp nước khôi phục trong ngày 04/12" } },
        });
        await fixture.PostAsync($"/api/communes/{AiQuoc}/sessions/{heldId}/results/publish", new { });
        var petition = await fixture.PostAsync($"/api/communes/{AiQuoc}/petitions", new
        {
            source = "letter", field = "environment", content = "Đề nghị kiểm tra mùi hôi từ kho hóa chất", petitionerName = "Vũ Văn Hải", petitionerPhone = "0904 111 357",
        });
        var caseNumber = petition.GetProperty("id").GetString()!;

        var page = await fixture.AnonymousPageAsync(new ViewportSize { Width = 360, Height = 780 });
        await page.GotoAsync($"/cong-khai.html?xa={AiQuoc}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Đối thoại với Nhân dân · Phường Ái Quốc");
        await Expect(page.Locator("#alerts")).ToContainTextAsync("Đối thoại khẩn về cháy kho hóa chất");
        var coming = page.Locator($"#upcoming li[data-session='{periodic.GetProperty("id").GetString()}']");
        await Expect(coming).ToContainTextAsync("Hội trường UBND phường Ái Quốc");
        await Expect(coming.GetByRole(AriaRole.Link, new() { Name = "Đăng ký phát biểu ý kiến" })).ToBeVisibleAsync();
        await Expect(page.Locator("#results")).ToContainTextAsync("Thông báo số 1/TB-UBND: Đối thoại khẩn về mất nước");
        await Expect(page.Locator("#results")).ToContainTextAsync("Công ty cấp nước khôi phục trong ngày 04/12");
        Assert.Equal(360, await page.EvaluateAsync<int>("document.documentElement.scrollWidth")); // nothing wider than the phone
        await BrowserFixture.ScreenshotAsync(page, "public-page-phone");

        // The petitioner looks their letter up: wrong digits say nothing about it; the right ones show where it stands.
        var lookup = page.Locator("#lookup-form");
        await lookup.GetByLabel("Số kiến nghị").FillAsync(caseNumber.ToLowerInvariant());
        await lookup.GetByLabel("4 số cuối điện thoại").FillAsync("1111");
        await lookup.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        await Expect(lookup.Locator(".form-problem")).ToContainTextAsync("Không tìm thấy kiến nghị");
        await lookup.GetByLabel("4 số cuối điện thoại").FillAsync("1357");
        await lookup.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        await Expect(page.Locator("#petition")).ToContainTextAsync("Đã tiếp nhận, đang chờ xã báo đã nhận");
        await Expect(page.Locator("#petition")).Not.ToContainTextAsync("Vũ Văn Hải");
    }
}
