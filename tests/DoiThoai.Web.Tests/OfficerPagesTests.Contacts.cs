using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>The commune's contacts from the office's page: a CSV upload with each refused line and its reason, consent, a person's copy of their data, erasure on request.</summary>
public sealed partial class OfficerPagesTests
{
    private const string TranPhu = "10633"; // Xã Trần Phú, Hải Phòng

    [Fact]
    public async Task The_office_uploads_a_contact_list_sees_each_refused_line_changes_consent_hands_over_and_erases_a_persons_data()
    {
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Phan Thị Huệ", "commune-officer", commune: TranPhu));
        await page.GetByRole(AriaRole.Link, new() { Name = "Danh bạ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Xã Trần Phú");

        // A file where nothing can be added is refused whole, each line with its reason.
        var form = page.Locator("#import-form");
        await form.GetByLabel("Tệp danh bạ").SetInputFilesAsync(Csv("bad.csv", "Họ và tên,Thôn/Tổ dân phố,Số điện thoại\nNgô Văn Bảy,Thôn 1,12345\n"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Nhập danh bạ" }).ClickAsync();
        await Expect(form.Locator(".form-problem")).ToContainTextAsync("Không thêm được ai");
        await Expect(page.Locator("#rejected tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#rejected tbody td").First).ToHaveTextAsync("2"); // the line of the file

        // Two good lines and one bad: two added, the bad line shown with its reason.
        await form.GetByLabel("Tệp danh bạ").SetInputFilesAsync(Csv("danh-ba.csv", """
            Họ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email
            Mai Văn Cường,trưởng thôn,Trưởng thôn Đông Hải,Thôn Đông Hải,0912 111 222,cuong.mai@example.vn,có,có
            Đinh Thị Dung,người dân,,Thôn Tây Hải,0987 333 444,,có,không
            Hà Văn Em,người dân,,Thôn Tây Hải,không có số,,có,không

            """));
        await form.GetByRole(AriaRole.Button, new() { Name = "Nhập danh bạ" }).ClickAsync();
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("Đã thêm 2 người; 1 dòng không nhận");
        await Expect(page.Locator("#import-stage")).ToHaveTextAsync("Xong.");
        var refused = page.Locator("#rejected tbody tr");
        await Expect(refused).ToHaveCountAsync(1);
        await Expect(refused).ToContainTextAsync("Hà Văn Em");
        await Expect(page.Locator("#count")).ToHaveTextAsync("2 người");
        // Listed masked.
        var cuong = page.Locator("#contacts tbody tr", new() { HasText = "Mai Văn Cường" });
        await Expect(cuong).ToContainTextAsync("09xx xxx 222");
        await Expect(cuong).Not.ToContainTextAsync("0912 111 222");
        await BrowserFixture.ScreenshotAsync(page, "contacts");

        // He no longer wants SMS: unticked, stored at once.
        await cuong.GetByLabel("Mai Văn Cường đồng ý nhận SMS").UncheckAsync();
        await Expect(page.Locator("#consent-saved")).ToHaveTextAsync("Đã lưu: Mai Văn Cường không nhận tin nhắn SMS."); // the office is told it is stored
        var contacts = await fixture.GetAsync($"/api/communes/{TranPhu}/contacts");
        var stored = contacts.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("fullName").GetString() == "Mai Văn Cường");
        Assert.False(stored.GetProperty("smsConsent").GetBoolean());

        // His copy of his data, whole: the full number is in it.
        var copy = await page.RunAndWaitForDownloadAsync(() => cuong.GetByRole(AriaRole.Button, new() { Name = "Tải dữ liệu của Mai Văn Cường" }).ClickAsync());
        await using (var stream = await copy.CreateReadStreamAsync())
        {
            var json = await JsonDocument.ParseAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains("+84912111222", json.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        // Erased on request, asked once.
        var dung = page.Locator("#contacts tbody tr", new() { HasText = "Đinh Thị Dung" });
        await dung.GetByRole(AriaRole.Button, new() { Name = "Xóa Đinh Thị Dung" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Xóa" }).ClickAsync();
        await Expect(page.Locator("#count")).ToHaveTextAsync("1 người");
        await Expect(page.Locator("#contacts")).Not.ToContainTextAsync("Đinh Thị Dung");
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
