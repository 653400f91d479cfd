using System.Globalization;
using DoiThoai.TestServers;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>
/// How much a first-time officer must do to warn a commune: from the sign-in page to the first SMS Kannel hands to the
/// operator, every click and every group of keystrokes into one field counted.
/// </summary>
public sealed partial class OfficerPagesTests
{
    private const string TienLang = "11755"; // Xã Tiên Lãng, Hải Phòng

    [Fact]
    public async Task A_first_time_officer_gets_an_urgent_dialogue_to_residents_phones_in_at_most_eight_actions()
    {
        await fixture.ImportCsvAsync(TienLang, "Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n"
            + "Bùi Văn Thắng,người dân,Thôn Đông,0912 700 101,,có,không\n"
            + "Vũ Thị Nga,người dân,Thôn Tây,0912 700 102,,có,không\n");
        var token = await fixture.TokenAsync("Đỗ Thị Hằng", "commune-officer", commune: TienLang);
        var before = fixture.Sms().Count;

        var page = await fixture.OfficerPageAsync();
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
        var actions = new List<string>();
        async Task Act(string what, Task action)
        {
            await action;
            actions.Add(what);
        }

        await Act("paste the token", page.GetByLabel("Mã truy cập").FillAsync(token));
        await Act("sign in", page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync());
        await Act("choose urgent", page.GetByLabel("Loại hội nghị").SelectOptionAsync("urgent"));
        await Act("type the title", page.GetByLabel("Tiêu đề").FillAsync("Đối thoại khẩn về đê sông Văn Úc"));
        await Act("type the reason", page.GetByLabel("Lý do tổ chức đột xuất").FillAsync("Nước sông Văn Úc dâng cao, đê bối có nguy cơ vỡ"));
        await Act("type the venue", page.GetByLabel("Địa điểm").FillAsync("Nhà văn hóa thôn Đông"));
        await Expect(page.Locator("#plan-preview")).ToContainTextAsync("2 người");
        await Act("schedule", page.GetByRole(AriaRole.Button, new() { Name = "Lên lịch" }).ClickAsync());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Đối thoại khẩn về đê sông Văn Úc");

        var sms = await EventuallyAsync(() => fixture.Sms().Skip(before).FirstOrDefault(m => m.To.EndsWith("912700101", StringComparison.Ordinal) || m.To.EndsWith("912700102", StringComparison.Ordinal)));
        Assert.Contains("DE SONG VAN UC", sms.Text.ToUpperInvariant(), StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(Artifacts.Directory("."), "click-count.md"),
            $"# Urgent dialogue, sign-in to the first SMS handed to Kannel\n\n{actions.Count} actions:\n\n"
            + string.Join("\n", actions.Select((a, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {a}"))) + "\n",
            TestContext.Current.CancellationToken);
        Assert.True(actions.Count <= 8, $"{actions.Count} actions: {string.Join(", ", actions)}");
    }
}
