using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DoiThoai.TestServers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>
/// Every page, as each of its readers opens it, at a phone's, a tablet's and a desktop's width: nothing runs off the
/// screen, axe-core finds no serious or critical violation, and a screenshot of each is kept in artifacts/screenshots/pages
/// with a summary of what axe said in artifacts/accessibility.md.
/// </summary>
public sealed partial class OfficerPagesTests
{
    private const string KinhMon = "10675"; // Phường Kinh Môn, Hải Phòng

    private static readonly int[] Widths = [360, 768, 1280];

    private sealed record PageVisit(string Name, string Who, string Url, string Ready);

    [Fact]
    public async Task Every_page_fits_a_phone_a_tablet_and_a_desktop_and_axe_finds_no_serious_or_critical_violation()
    {
        // A commune with something on every page: contacts (a hamlet head among them), a coming dialogue with an
        // invitee group, a petition, a residents' request.
        const string Head = "totruong1@kinhmon.vn";
        await fixture.ImportCsvAsync(KinhMon, "Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n"
            + $"Phí Văn Hòa,tổ trưởng,Khu dân cư 1,,{Head},không,có\n"
            + "Mạc Thị Lụa,người dân,Khu dân cư 1,0912 555 111,,có,không\n");
        var startsAt = Vietnam(DateTimeOffset.UtcNow.AddDays(15)).Date.AddHours(8);
        var session = await fixture.PostAsync($"/api/communes/{KinhMon}/sessions", new
        {
            kind = "periodic", form = "in-person", title = "Hội nghị đối thoại định kỳ phường Kinh Môn", durationMinutes = 150,
            startsAt = new DateTimeOffset(startsAt, TimeSpan.FromHours(7)), venue = "Hội trường UBND phường Kinh Môn",
        });
        var id = session.GetProperty("id").GetString()!;
        await fixture.PutAsync($"/api/communes/{KinhMon}/sessions/{id}/invitees/groups",
            new { groups = new[] { new { name = "Khu dân cư 1", hamlet = "Khu dân cư 1", role = "resident", minimum = 1, maximum = 2 } } });
        await fixture.PostAsync($"/api/communes/{KinhMon}/petitions", new
        {
            source = "letter", field = "environment", content = "Đề nghị xử lý bụi từ nhà máy xi măng", petitionerName = "Mạc Thị Lụa", petitionerPhone = "0912 555 111",
        });
        await fixture.PostAsync($"/api/communes/{KinhMon}/dialogue-requests", new
        {
            subject = "Bụi từ nhà máy xi măng", signatures = 150, voters = 1200,
            receivedOn = Vietnam(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        var link = await EventuallyAsync(() => fixture.Emails()
            .Where(m => m.To.Mailboxes.Any(a => a.Address == Head) && m.Subject?.StartsWith("Đề nghị chọn người", StringComparison.Ordinal) == true)
            .Select(m => InviteeLink().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success)?.Value);
        var moi = new Uri(link).PathAndQuery + new Uri(link).Fragment;

        var officer = await fixture.TokenAsync("Nhữ Văn Kiên", "commune-officer", commune: KinhMon);
        var supervisor = await fixture.TokenAsync("Lê Thị Bình", "province-admin", province: HaiPhong);
        var sessionId = Uri.EscapeDataString(id);
        PageVisit[] pages =
        [
            new("dang-nhap", "", "/", "#sign-in-form button:enabled"),
            new("xa", officer, $"/xa.html?ma={KinhMon}", "#sessions tbody a"),
            new("phien", officer, $"/phien.html?xa={KinhMon}&id={sessionId}", "#documents tbody tr"),
            new("kien-nghi", officer, $"/kien-nghi.html?xa={KinhMon}", "#petitions tbody tr[data-petition]"),
            new("de-nghi", officer, $"/de-nghi.html?xa={KinhMon}", "#requests li[data-request]"),
            new("danh-ba", officer, $"/danh-ba.html?xa={KinhMon}", "#contacts tbody tr[data-contact]"),
            new("cai-dat", officer, $"/cai-dat.html?xa={KinhMon}", "#loudspeaker-form:visible"),
            new("tinh", supervisor, $"/tinh.html?ma={HaiPhong}", "#communes tbody tr[data-commune]"),
            new("quy-dinh", supervisor, $"/quy-dinh.html?tinh={HaiPhong}", "#notice-form:visible"),
            new("ma-truy-cap", supervisor, $"/ma-truy-cap.html?tinh={HaiPhong}", "#tokens tbody tr[data-token]"),
            new("nhat-ky", supervisor, $"/nhat-ky.html?tinh={HaiPhong}", "#entries tbody tr td + td"),
            new("toan-quoc", SiloProcess.AdminToken, "/", "#provinces:visible tbody tr"),
            new("ngay-nghi", SiloProcess.AdminToken, "/ngay-nghi.html", "#days tbody tr"),
            new("cum-may-chu", SiloProcess.AdminToken, "/cum-may-chu.html", "#silos tbody tr"),
            new("cong-khai", "", $"/cong-khai.html?xa={KinhMon}", "#upcoming li[data-session]"),
            new("dang-ky", "", $"/dang-ky.html?xa={KinhMon}&phien={sessionId}", "#registration:visible"),
            new("moi", "", moi, "#candidates li"),
        ];

        var report = new StringBuilder("# Accessibility of every page (axe-core, chromium)\n\n")
            .Append(CultureInfo.InvariantCulture, $"Generated by `{nameof(Every_page_fits_a_phone_a_tablet_and_a_desktop_and_axe_finds_no_serious_or_critical_violation)}`.\n\n")
            .Append("| page | width | critical | serious | moderate | minor | rules |\n|---|---|---|---|---|---|---|\n");
        var refused = new List<string>();
        var folder = Path.Combine(BrowserFixture.ScreenshotDir, "pages");
        Directory.CreateDirectory(folder);
        foreach (var visit in pages)
        {
            var page = visit.Who.Length > 0 ? await fixture.SignInAsync(visit.Who) : await fixture.AnonymousPageAsync(new ViewportSize { Width = 1280, Height = 900 });
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 900);
                await page.GotoAsync(visit.Url, new() { WaitUntil = WaitUntilState.Commit });
                await Expect(page.Locator(visit.Ready).First).ToBeVisibleAsync();
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{visit.Name}-{width}.png"), FullPage = true });
                if (!await FitsAsync(page))
                {
                    refused.Add($"{visit.Name} at {width} px scrolls sideways: {await WidestAsync(page)}");
                }

                var violations = await BrowserFixture.AxeAsync(page);
                int Count(string impact) => violations.Where(v => v.Impact == impact).Sum(v => v.Nodes);
                report.Append(CultureInfo.InvariantCulture, $"| {visit.Name} | {width} | {Count("critical")} | {Count("serious")} | {Count("moderate")} | {Count("minor")} | ")
                    .Append(string.Join(", ", violations.Select(v => $"{v.Rule} ({v.Impact})"))).Append(" |\n");
                refused.AddRange(violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{visit.Name} at {width} px: {v.Rule} ({v.Impact}, {v.Nodes}×): {v.Help}"));
            }

            await page.Context.CloseAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(Artifacts.Directory("."), "accessibility.md"), report.ToString(), TestContext.Current.CancellationToken);
        Assert.True(refused.Count == 0, string.Join("\n", refused));
    }

    /// <summary>The elements that reach past the screen's right edge (outside a table's own scrolling box), to say what runs off.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap > *'))
          .slice(0, 6)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))
          .join(', ')
        """);
}
