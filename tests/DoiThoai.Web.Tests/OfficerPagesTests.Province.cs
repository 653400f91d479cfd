using System.Globalization;
using System.Text.RegularExpressions;
using DoiThoai.TestServers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>The province office and the national administrator from their pages: rules, tokens, the audit log, the Excel report, holidays, the cluster.</summary>
public sealed partial class OfficerPagesTests
{
    private const string QuangNinh = "22"; // Tỉnh Quảng Ninh: no other browser test touches it

    [Fact]
    public async Task A_province_sets_its_rules_issues_and_revokes_an_officers_token_reads_its_audit_log_and_downloads_the_oversight_workbook()
    {
        var supervisor = await fixture.SignInAsync(await fixture.TokenAsync("Đặng Thị Mai", "province-admin", province: QuangNinh));
        await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Tỉnh Quảng Ninh");

        // The oversight table as an Excel workbook, as offices report upward.
        var workbook = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByRole(AriaRole.Button, new() { Name = "Tải bảng theo dõi (Excel)" }).ClickAsync());
        Assert.Matches(@"^theo-doi-doi-thoai-22-\d{4}-\d{2}-\d{2}\.xlsx$", workbook.SuggestedFilename);
        Assert.Equal("PK", await FirstBytesAsync(workbook, 2));

        // Rules: a looser notice rule than the law is refused with the article; a stricter one and SMS with diacritics are kept.
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Quy định" }).ClickAsync();
        var notice = supervisor.Locator("#notice-form");
        await notice.GetByLabel("Số ngày báo trước").FillAsync("5");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Lưu thời hạn thông báo" }).ClickAsync();
        await Expect(notice.Locator(".form-problem")).ToContainTextAsync("Điều 43");
        await notice.GetByLabel("Số ngày báo trước").FillAsync("10");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Lưu thời hạn thông báo" }).ClickAsync();
        await Expect(supervisor.Locator("#notice-saved")).ToContainTextAsync("ít nhất 10 ngày");
        await supervisor.GetByLabel("Có dấu đầy đủ (70 ký tự một tin)").CheckAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Lưu cách viết tin nhắn" }).ClickAsync();
        await Expect(supervisor.Locator("#sms-saved")).ToContainTextAsync("có dấu");
        var sms = await fixture.GetAsync($"/api/provinces/{QuangNinh}/sms-policy");
        Assert.Equal("ucs2-with-diacritics", sms.GetProperty("textPolicy").GetString());

        // A token for a commune officer, shown once; the officer signs in with it.
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Mã truy cập" }).ClickAsync();
        var issue = supervisor.Locator("#issue-form");
        await issue.GetByLabel("Họ tên người nhận").FillAsync("Hà Văn Long");
        await issue.GetByLabel("Vai trò").SelectOptionAsync("commune-officer");
        await issue.GetByLabel("Đơn vị").SelectOptionAsync(new SelectOptionValue { Label = "Phường Hạ Long" });
        await issue.GetByRole(AriaRole.Button, new() { Name = "Cấp mã" }).ClickAsync();
        await Expect(supervisor.Locator("#issued-for")).ToContainTextAsync("Đã cấp cho Hà Văn Long: Cán bộ cấp xã, Phường Hạ Long");
        var token = await supervisor.Locator("#issued-token").InputValueAsync();
        var officer = await fixture.SignInAsync(token);
        await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Hạ Long");

        // Revoked (asked once): the officer's next step sends them back to sign in.
        var row = supervisor.Locator("#tokens tbody tr", new() { HasText = "Hà Văn Long" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Thu hồi mã của Hà Văn Long" }).ClickAsync();
        await supervisor.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Thu hồi" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Đã thu hồi");
        await officer.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
        await Expect(officer).ToHaveURLAsync(new Regex(@"/\?het-han=1"));
        await Expect(officer.Locator(".form-problem")).ToContainTextAsync("hết hạn hoặc mã không còn hiệu lực");

        // The audit log, filtered to tokens: the issue and the revocation, by whom.
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "Nhật ký" }).ClickAsync();
        await supervisor.GetByLabel("Loại việc").SelectOptionAsync("Mã truy cập");
        var entries = supervisor.Locator("#entries tbody");
        await Expect(entries).ToContainTextAsync("Thu hồi mã truy cập");
        await Expect(entries).ToContainTextAsync("Cấp mã truy cập");
        await Expect(entries).Not.ToContainTextAsync("Đặt cách viết SMS");
        await supervisor.GetByLabel("Loại việc").SelectOptionAsync("");
        await Expect(entries).ToContainTextAsync("Đặt cách viết SMS");
        await BrowserFixture.ScreenshotAsync(supervisor, "province-audit-log");
    }

    [Fact]
    public async Task The_national_administrator_keeps_the_years_holiday_list_and_watches_the_cluster()
    {
        var admin = await fixture.SignInAsync(SiloProcess.AdminToken);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Ngày nghỉ lễ, Tết và ngày làm bù" }).ClickAsync();
        var next = DateTime.UtcNow.Year + 1;
        await admin.GetByLabel("Năm", new() { Exact = true }).SelectOptionAsync(next.ToString(CultureInfo.InvariantCulture));
        await Expect(admin.Locator("#official")).ToContainTextAsync($"Năm {next}: chưa có danh sách chính thức"); // the year chosen, not the one first shown
        await Expect(admin.Locator("#days tbody tr").First).ToBeVisibleAsync();

        // A day typed the wrong way is refused before anything is changed; then a bridge day and its make-up Saturday.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm ngày nghỉ" }).ClickAsync();
        var day = admin.Locator("#days tbody tr").Last;
        await day.GetByLabel("Ngày (dd/mm/yyyy)").FillAsync("31/02/" + next);
        await day.GetByLabel("Tên ngày nghỉ").FillAsync("Nghỉ bù Quốc khánh");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách chính thức" }).ClickAsync();
        await Expect(admin.Locator("#holidays-form .form-problem")).ToContainTextAsync("Danh sách chưa hợp lệ");
        await Expect(admin.Locator("[data-field=days] .field-error")).ToContainTextAsync("\"31/02/" + next + "\" không phải ngày dd/mm/yyyy");
        await day.GetByLabel("Ngày (dd/mm/yyyy)").FillAsync("01/09/" + next);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Thêm ngày làm bù" }).ClickAsync();
        var makeUp = admin.Locator("#makeup tbody tr").Last;
        var saturday = Enumerable.Range(1, 14).Select(d => new DateTime(next, 8, d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        await makeUp.GetByLabel("Ngày (dd/mm/yyyy)").FillAsync(saturday.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await makeUp.GetByLabel("Làm bù cho").FillAsync("Làm bù ngày 01/09");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách chính thức" }).ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách" }).ClickAsync();
        await Expect(admin.Locator("#saved")).ToContainTextAsync("1 ngày làm bù");
        await Expect(admin.Locator("#official")).ToContainTextAsync($"Năm {next}: danh sách chính thức");
        var stored = await fixture.GetAsync($"/api/holidays/{next}");
        Assert.Contains(stored.GetProperty("days").EnumerateArray(), d => d.GetProperty("date").GetString() == $"{next}-09-01");
        Assert.Equal(saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stored.GetProperty("makeUpWorkingDays")[0].GetProperty("date").GetString());

        // The cluster: the one embedded silo, running.
        await admin.GoBackAsync(new() { WaitUntil = WaitUntilState.Commit });
        await admin.GetByRole(AriaRole.Link, new() { Name = "Cụm máy chủ" }).ClickAsync();
        await Expect(admin.Locator("#silos tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.Locator("#silos")).ToContainTextAsync("Đang chạy");
        await Expect(admin.Locator("#as-of")).ToContainTextAsync("1/1 máy chủ đang chạy");
    }
}
