using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>The province office sets its weekly digest: day, time and supervisors, from its policy page.</summary>
public sealed partial class OfficerPagesTests
{
    private const string CaoBang = "04"; // Tỉnh Cao Bằng: no other browser test touches it

    [Fact]
    public async Task The_province_office_sets_its_weekly_digest_and_a_wrong_time_or_address_is_refused_beside_its_field()
    {
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Nông Thị Hạnh", "province-admin", province: CaoBang));
        await page.GotoAsync($"/tinh.html?ma={CaoBang}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Quy định" }).ClickAsync();
        var digest = page.Locator("#digest-form");
        await Expect(digest.GetByLabel("Gửi vào")).ToHaveValueAsync("monday"); // the default: Monday 07:30
        await Expect(digest.GetByLabel("lúc")).ToHaveValueAsync("07:30");
        await Expect(page.Locator("#digest-recipients")).ToHaveTextAsync("Chưa có người nhận: bản tin chưa được gửi.");

        // In the night, and an address that is none: each refused beside its field, nothing saved.
        await digest.GetByLabel("lúc").FillAsync("22:30");
        await digest.GetByLabel("Người nhận mới (mỗi dòng một địa chỉ thư; để trống để giữ danh sách hiện tại)").FillAsync("pgd.caobang.gov.vn");
        await digest.GetByRole(AriaRole.Button, new() { Name = "Lưu lịch bản tin tuần" }).ClickAsync();
        await Expect(digest.Locator(".form-problem")).ToHaveTextAsync("Lịch bản tin tuần chưa hợp lệ.");
        await Expect(digest.Locator("#error-at")).ToContainTextAsync("07:00 đến 21:59");
        await Expect(digest.Locator("#error-recipients")).ToContainTextAsync("Địa chỉ thứ 1");
        Assert.Empty((await fixture.GetAsync($"/api/provinces/{CaoBang}/digest")).GetProperty("recipients").EnumerateArray());

        await digest.GetByLabel("Gửi vào").SelectOptionAsync("friday");
        await digest.GetByLabel("lúc").FillAsync("16:00");
        await digest.GetByLabel("Người nhận mới (mỗi dòng một địa chỉ thư; để trống để giữ danh sách hiện tại)")
            .FillAsync("chanhvanphong@caobang.gov.vn\nphochanh@caobang.gov.vn");
        await digest.GetByRole(AriaRole.Button, new() { Name = "Lưu lịch bản tin tuần" }).ClickAsync();
        await Expect(page.Locator("#digest-saved")).ToHaveTextAsync("Đã lưu: bản tin gửi Thứ Sáu hằng tuần lúc 16:00 tới 2 người nhận.");
        await Expect(page.Locator("#digest-recipients")).Not.ToContainTextAsync("chanhvanphong@"); // masked
        await BrowserFixture.ScreenshotAsync(page, "province-weekly-digest");

        var saved = await fixture.GetAsync($"/api/provinces/{CaoBang}/digest");
        Assert.Equal(("friday", "16:00", 2), (saved.GetProperty("day").GetString(), saved.GetProperty("at").GetString(), saved.GetProperty("recipients").GetArrayLength()));
    }
}
