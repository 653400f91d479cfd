using System.Text.RegularExpressions;
using DoiThoai.TestServers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>Signing in sends the officer back where the session expired, and never to another site.</summary>
public sealed partial class OfficerPagesTests
{
    private const string BacLieu = "31834"; // Phường Vĩnh Trạch, Cà Mau: no other browser test touches it

    [Theory]
    [InlineData("/\\evil.example/x")]       // a browser reads "\" as "/": //evil.example
    [InlineData("/\t/evil.example/x")]      // a browser drops the tab: //evil.example
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/x")]
    public async Task Signing_in_never_leaves_the_site_whatever_the_return_address_says(string back)
    {
        var token = await fixture.TokenAsync("Trần Văn Lộc", "commune-officer", commune: BacLieu);
        var page = await fixture.OfficerPageAsync();
        var left = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && new Uri(request.Url).Host != "127.0.0.1")
            {
                left.Add(request.Url);
            }
        };

        await page.GotoAsync("/?quay-lai=" + Uri.EscapeDataString(back), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Mã truy cập").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        // The officer's own commune, as without a return address.
        await Expect(page).ToHaveURLAsync(new Regex($@"/xa\.html\?ma={BacLieu}$"));
        Assert.Empty(left);
    }

    [Fact]
    public async Task Signing_in_again_returns_to_the_page_of_this_site_that_asked_for_it()
    {
        var token = await fixture.TokenAsync("Trần Văn Lộc", "commune-officer", commune: BacLieu);
        var page = await fixture.OfficerPageAsync();

        await page.GotoAsync("/?quay-lai=" + Uri.EscapeDataString($"/kien-nghi.html?ma={BacLieu}"), new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Mã truy cập").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"/kien-nghi\.html\?ma={BacLieu}$"));
    }

    [Fact]
    public async Task Signing_out_also_closes_the_dashboard_the_administrator_had_opened()
    {
        var admin = await fixture.SignInAsync(SiloProcess.AdminToken);
        await admin.GotoAsync("/cum-may-chu.html", new() { WaitUntil = WaitUntilState.Commit });
        var dashboard = admin.Context.WaitForPageAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Mở bảng điều khiển" }).ClickAsync();
        await (await dashboard).CloseAsync();
        Assert.Contains(await admin.Context.CookiesAsync(), c => c.Name == "doithoai_dashboard" && c.HttpOnly);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex("/$"));
        Assert.DoesNotContain(await admin.Context.CookiesAsync(), c => c.Name == "doithoai_dashboard");
    }
}
