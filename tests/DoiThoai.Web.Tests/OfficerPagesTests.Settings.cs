using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>The commune office's own settings and residents' requests: loudspeaker clusters and slots, a stricter notice rule, dialogue requests answered with a session.</summary>
public sealed partial class OfficerPagesTests
{
    private const string ThaiTan = "10642"; // Xã Thái Tân, Hải Phòng
    private const string AnPhu = "10645";   // Xã An Phú, Hải Phòng

    [Fact]
    public async Task The_office_sets_its_loudspeaker_clusters_and_slots_and_a_stricter_notice_rule_but_not_a_looser_one()
    {
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Lò Văn Sáng", "commune-officer", commune: ThaiTan));
        await page.GetByRole(AriaRole.Link, new() { Name = "Loa và thời hạn" }).ClickAsync();
        var speakers = page.Locator("#loudspeaker-form");
        await Expect(speakers.GetByLabel("Giờ phát thanh hằng ngày (hh:mm, 24 giờ, cách nhau bằng dấu phẩy)")).ToHaveValueAsync("06:00, 17:00"); // the default

        // A slot that is no time is refused next to the field, nothing saved.
        await speakers.GetByLabel("Giờ phát thanh hằng ngày (hh:mm, 24 giờ, cách nhau bằng dấu phẩy)").FillAsync("6h, 25:00");
        await speakers.GetByRole(AriaRole.Button, new() { Name = "Lưu hệ thống loa" }).ClickAsync();
        await Expect(speakers.Locator(".field-error")).ToContainTextAsync("Không đọc được: 25:00");

        await speakers.GetByLabel("Giờ phát thanh hằng ngày (hh:mm, 24 giờ, cách nhau bằng dấu phẩy)").FillAsync("6h, 11:30, 17:30");
        await speakers.GetByRole(AriaRole.Button, new() { Name = "Thêm cụm loa" }).ClickAsync();
        var added = page.Locator("#clusters tbody tr").Last;
        await added.GetByLabel("Tên cụm loa").FillAsync("Cụm loa thôn Đông");
        await added.GetByLabel("Thôn, tổ dân phố của cụm loa mới").FillAsync("Thôn Đông, Thôn Nam");
        await speakers.GetByRole(AriaRole.Button, new() { Name = "Lưu hệ thống loa" }).ClickAsync();
        await Expect(page.Locator("#loudspeakers-saved")).ToBeVisibleAsync();
        var system = await fixture.GetAsync($"/api/communes/{ThaiTan}/loudspeakers");
        Assert.Equal(["06:00", "11:30", "17:30"], system.GetProperty("slots").EnumerateArray().Select(s => s.GetString()));
        var cluster = system.GetProperty("clusters").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Cụm loa thôn Đông");
        Assert.Equal(["Thôn Đông", "Thôn Nam"], cluster.GetProperty("hamlets").EnumerateArray().Select(h => h.GetString()));

        // Stricter than the province: 10 working days. Looser (3 days) is refused with the reason.
        var policy = page.Locator("#policy-form");
        await policy.GetByLabel("Số ngày báo trước").FillAsync("3");
        await policy.GetByRole(AriaRole.Button, new() { Name = "Áp dụng quy định riêng" }).ClickAsync();
        await Expect(policy.Locator(".form-problem")).ToContainTextAsync("chỉ được quy định chặt hơn");
        await policy.GetByLabel("Số ngày báo trước").FillAsync("10");
        await policy.GetByLabel("Cách tính").SelectOptionAsync("working");
        await policy.GetByRole(AriaRole.Button, new() { Name = "Áp dụng quy định riêng" }).ClickAsync();
        await Expect(page.Locator("#policy-facts")).ToContainTextAsync("Quy định riêng của xã10 ngày làm việc");
        await BrowserFixture.ScreenshotAsync(page, "commune-settings");
        var commune = await fixture.GetAsync($"/api/communes/{ThaiTan}");
        Assert.Equal(10, commune.GetProperty("ownPolicy").GetProperty("minimumNoticeDays").GetInt32());

        // Dropped again, asked once: back to the province's rule.
        await policy.GetByRole(AriaRole.Button, new() { Name = "Bỏ quy định riêng" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Bỏ quy định riêng" }).ClickAsync();
        await Expect(page.Locator("#policy-facts")).ToContainTextAsync("không có (theo mức của tỉnh)");
    }

    [Fact]
    public async Task Residents_request_for_a_dialogue_is_owed_once_a_tenth_of_voters_signed_and_answered_with_a_session()
    {
        var startsAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Date.AddDays(20).AddHours(8);
        var session = await fixture.PostAsync($"/api/communes/{AnPhu}/sessions", new
        {
            kind = "thematic", form = "in-person", title = "Đối thoại về ô nhiễm từ lò gạch", durationMinutes = 120, venue = "Hội trường UBND xã An Phú",
            topic = "Khói bụi từ các lò gạch thủ công", startsAt = new DateTimeOffset(startsAt, TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        });
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Vi Thị Hoa", "commune-officer", commune: AnPhu));
        await page.GetByRole(AriaRole.Link, new() { Name = "Đề nghị đối thoại" }).ClickAsync();

        var form = page.Locator("#record-form");
        await form.GetByLabel("Nội dung đề nghị đối thoại").FillAsync("Ô nhiễm khói bụi từ các lò gạch thủ công thôn Phú Xá");
        await form.GetByLabel("Số cử tri ký tên").FillAsync("80");
        await form.GetByLabel("Tổng số cử tri của xã").FillAsync("1000");
        await form.GetByLabel("Người đại diện (nếu có)").FillAsync("Nguyễn Văn Phú");
        await form.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        var request = page.Locator("#requests li").First;
        await Expect(request).ToContainTextAsync("Chưa đủ: cần 100 chữ ký");

        // More signatures come in: 120 of 1,000 is past a tenth, the dialogue is owed and answered with the session.
        await request.GetByRole(AriaRole.Spinbutton).FillAsync("120");
        await request.GetByRole(AriaRole.Button, new() { Name = "Cập nhật số chữ ký" }).ClickAsync();
        await Expect(request).ToContainTextAsync("Đủ 10% cử tri: phải tổ chức đối thoại");
        await request.GetByRole(AriaRole.Combobox).SelectOptionAsync(session.GetProperty("id").GetString()!);
        await request.GetByRole(AriaRole.Button, new() { Name = "Gắn phiên trả lời" }).ClickAsync();
        await Expect(request).ToContainTextAsync("Đã có phiên trả lời");
        await Expect(request.GetByRole(AriaRole.Link, new() { Name = "Đối thoại về ô nhiễm từ lò gạch" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "dialogue-requests");
    }
}
