using System.Text.RegularExpressions;
using DoiThoai.TestServers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>
/// The pages the platform serves from libraries, the API reference (Scalar) and the operators' dashboard (Orleans),
/// carry the platform pages' security headers and still work under them; the reference's "try it" calls the API with
/// the token typed into it, and nothing on it leads off this machine.
/// </summary>
public sealed partial class OfficerPagesTests
{
    [Fact]
    public async Task The_api_reference_works_under_the_platforms_headers_and_tries_a_call_with_a_token()
    {
        var page = await fixture.OfficerPageAsync();
        var refusals = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url) is { Scheme: "http" or "https" } url && url.Host != "127.0.0.1")
            {
                elsewhere.Add(request.Url);
            }
        };

        var response = await page.GotoAsync("/api/docs/", new() { WaitUntil = WaitUntilState.Commit });
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[^']+'", headers["content-security-policy"]);
        Assert.Equal(("nosniff", "no-referrer"), (headers["x-content-type-options"], headers["referrer-policy"]));

        // The token is typed once, on the page; the operation is found from the sidebar, as a developer would.
        await page.GetByPlaceholder("Token").First.FillAsync(SiloProcess.AdminToken);
        var sidebar = page.Locator("[data-sidebar-id='v1/tag/tokens']");
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "Tokens", Exact = true }).ClickAsync();
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "Who the token belongs to: name, role, unit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Request (get /api/me)" }).ClickAsync();
        var client = page.GetByRole(AriaRole.Dialog);
        await client.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send") }).First.ClickAsync();
        await Expect(client).ToContainTextAsync("200", new() { Timeout = 30_000 });
        await Expect(client).ToContainTextAsync("national-admin");
        await BrowserFixture.ScreenshotAsync(page, "api-reference-try-it");

        Assert.Empty(refusals);
        Assert.Empty(elsewhere);
        var links = await page.Locator("a[href]:visible").EvaluateAllAsync<string[]>("links => links.map(l => l.href)");
        Assert.DoesNotContain(links, href => href.StartsWith("http", StringComparison.Ordinal) && !href.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_works_under_the_platforms_headers()
    {
        var admin = await fixture.SignInAsync(SiloProcess.AdminToken);
        await admin.GotoAsync("/cum-may-chu.html", new() { WaitUntil = WaitUntilState.Commit });
        var opened = admin.Context.WaitForPageAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Mở bảng điều khiển" }).ClickAsync();
        var dashboard = await opened;
        var refusals = new List<string>();
        dashboard.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusals.Add(message.Text);
            }
        };
        var response = await dashboard.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal(("nosniff", "DENY"), (headers["x-content-type-options"], headers["x-frame-options"]));
        await Expect(dashboard.Locator("#menu")).ToContainTextAsync("Silos", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(dashboard, "dashboard-under-csp");
        Assert.Empty(refusals);
    }
}
