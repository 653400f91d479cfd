using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DoiThoai.Web.Tests;

/// <summary>The pages commune and province officers use every day, in chromium, against the real platform.</summary>
public sealed partial class OfficerPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string HaiPhong = "31";
    private const string ThuongHong = "10993";  // Xã Thượng Hồng
    private const string ThanhDong = "10507";   // Phường Thành Đông
    private const string UrgentTitle = "Đối thoại khẩn về sạt lở bờ sông Luộc";

    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public ValueTask InitializeAsync()
    {
        lock (fixture.PageErrors)
        {
            fixture.PageErrors.Clear();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every flow leaves the browser's console quiet: no script error, no failed call logged as an error.</summary>
    public ValueTask DisposeAsync()
    {
        lock (fixture.PageErrors)
        {
            Assert.True(fixture.PageErrors.Count == 0, "The pages reported errors:\n" + string.Join("\n", fixture.PageErrors));
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task An_officer_schedules_an_urgent_dialogue_from_the_page_and_the_province_sees_it_in_its_overview()
    {
        await fixture.ImportAsync(ThuongHong, 5);
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Nguyễn Văn An", "commune-officer", commune: ThuongHong));
        await Expect(page).ToHaveURLAsync(new Regex($@"/xa\.html\?ma={ThuongHong}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Xã Thượng Hồng");
        await Expect(page.Locator("#who")).ToContainTextAsync("Nguyễn Văn An · Cán bộ cấp xã");

        // Urgent: the start is proposed (two hours ahead) and the rule explained; the officer types three lines.
        await page.GetByLabel("Loại hội nghị").SelectOptionAsync("urgent");
        await Expect(page.Locator("#notice-hint")).ToContainTextAsync("không yêu cầu thông báo trước");
        await Expect(page.GetByLabel("Ngày bắt đầu (dd/mm/yyyy)")).ToHaveValueAsync(new Regex(@"^\d{2}/\d{2}/\d{4}$")); // Vietnamese, whatever the browser's locale
        await Expect(page.GetByLabel("Giờ bắt đầu (hh:mm, 24 giờ)")).ToHaveValueAsync(new Regex(@"^([01]\d|2[0-3]):[0-5]\d$"));
        await page.GetByLabel("Tiêu đề").FillAsync(UrgentTitle);
        await page.GetByLabel("Lý do tổ chức đột xuất").FillAsync("Sạt lở uy hiếp 12 hộ dân thôn 2, cần thống nhất phương án di dời ngay");
        await page.GetByLabel("Địa điểm").FillAsync("Nhà văn hóa thôn 2");
        // Before confirming, the page shows what will go out: the five imported delegates' invitations.
        var plan = page.Locator("#plan-preview");
        await Expect(plan).ToContainTextAsync("Giấy mời qua thư điện tử: 5 người");
        await Expect(plan).ToContainTextAsync("Tin nhắn SMS: không có ai có số điện thoại và đồng ý nhận"); // the delegates gave e-mail only
        await BrowserFixture.ScreenshotAsync(page, "commune-schedule-urgent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lên lịch", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/phien\.html\?xa=10993&id=[^&]+&moi=1$"));
        await Expect(page.Locator("#created")).ToBeVisibleAsync();
        await Expect(page.Locator("#facts")).ToContainTextAsync("Đột xuất");
        // Still ahead: it can be cancelled, not yet marked held or concluded.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hủy phiên" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận đã tổ chức" })).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Kết luận của chủ tọa")).ToBeHiddenAsync();
        // Urgent: nothing to prepare but the invitations and the results within 10 days.
        await Expect(page.Locator("#milestones tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#milestones tr[data-milestone=results]")).ToContainTextAsync(new Regex(@"còn 1[01] ngày")); // 11 when two hours ahead is past midnight
        var id = Uri.UnescapeDataString(SessionId().Match(page.Url).Groups[1].Value);

        // The five delegates' invitations go out through the real SMTP sink while the page watches.
        var email = page.Locator(".progress[data-channel=email]");
        await Expect(email).ToContainTextAsync(new Regex(@"đã gửi 5/\d+"), new() { Timeout = 60_000 });
        Assert.True(fixture.EmailsReceived >= 5, $"{fixture.EmailsReceived} e-mails reached the SMTP sink");
        // Sent, the invitations milestone is done (issue 25: when they went out, not when the session was scheduled).
        await Expect(page.Locator("#milestones tr[data-milestone=invitations]")).ToContainTextAsync("Đã xong", new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "session-page");

        var session = await fixture.GetAsync($"/api/communes/{ThuongHong}/sessions/{Uri.EscapeDataString(id)}");
        Assert.Equal(("urgent", UrgentTitle, "Nhà văn hóa thôn 2"), (session.GetProperty("kind").GetString(), session.GetProperty("title").GetString(), session.GetProperty("venue").GetString()));

        // The province supervisor's first page is the province overview, with the dialogue among the urgent ones.
        var province = await fixture.SignInAsync(await fixture.TokenAsync("Lê Thị Bình", "province-admin", province: HaiPhong));
        await Expect(province).ToHaveURLAsync(new Regex($@"/tinh\.html\?ma={HaiPhong}$"));
        await Expect(province.Locator("#urgent")).ToContainTextAsync(UrgentTitle);
        await Expect(province.Locator("#urgent")).ToContainTextAsync("Xã Thượng Hồng");
        var overview = await fixture.GetAsync($"/api/provinces/{HaiPhong}/overview");
        await Expect(province.Locator("#communes tbody tr")).ToHaveCountAsync(overview.GetProperty("communeCount").GetInt32());

        // No periodic dialogue yet in Thượng Hồng: it is among those the province must chase.
        await province.GetByLabel("Lọc").SelectOptionAsync("missing");
        await Expect(province.Locator($"#communes tr[data-commune='{ThuongHong}']")).ToContainTextAsync("Chưa có");
        await province.GetByLabel("Lọc").SelectOptionAsync("all");
        await BrowserFixture.ScreenshotAsync(province, "province-overview");

        // Drill-down: from the overview to the commune's calendar and the session.
        await province.Locator("#urgent").GetByRole(AriaRole.Link, new() { Name = "Xã Thượng Hồng" }).ClickAsync();
        await Expect(province).ToHaveURLAsync(new Regex($@"/xa\.html\?ma={ThuongHong}$"));
        await province.Locator("#sessions").GetByRole(AriaRole.Link, new() { Name = UrgentTitle }).ClickAsync();
        await Expect(province.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(UrgentTitle);
    }

    [Fact]
    public async Task The_lead_time_rule_is_explained_as_the_date_is_typed_and_a_refused_form_schedules_nothing()
    {
        var page = await fixture.SignInAsync(await fixture.TokenAsync("Phạm Minh Châu", "commune-officer", commune: ThanhDong));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Thành Đông");

        // A periodic dialogue asks for no urgent reason, a topic or a group.
        await Expect(page.GetByLabel("Lý do tổ chức đột xuất")).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Nội dung chuyên đề")).ToBeHiddenAsync();

        // Hải Phòng's default: 7 calendar days. Two days ahead is refused, with the earliest start offered.
        var tooSoon = Vietnam(DateTimeOffset.UtcNow.AddDays(2)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Giờ bắt đầu (hh:mm, 24 giờ)").FillAsync("08:00");
        await page.GetByLabel("Ngày bắt đầu (dd/mm/yyyy)").FillAsync(tooSoon);
        var hint = page.Locator("#notice-hint");
        await Expect(hint).ToHaveClassAsync(new Regex("refused"));
        await Expect(hint).ToContainTextAsync("thông báo trước ít nhất 7 ngày");
        await Expect(hint).ToContainTextAsync("sớm nhất");
        await BrowserFixture.ScreenshotAsync(page, "commune-schedule-lead-time");

        await hint.GetByRole(AriaRole.Button, new() { Name = "Chọn thời điểm sớm nhất" }).ClickAsync();
        await Expect(hint).ToHaveClassAsync(new Regex("allowed"));
        await Expect(hint).ToContainTextAsync("Thông báo phải được gửi chậm nhất");

        // No title, no venue: each field says why, and nothing is scheduled.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lên lịch", Exact = true }).ClickAsync();
        await Expect(page.Locator("#schedule-form .form-problem")).ToContainTextAsync("chưa hợp lệ");
        await Expect(page.Locator("label", new() { HasText = "Tiêu đề" }).Locator(".field-error")).ToContainTextAsync("Tiêu đề");
        await Expect(page.Locator("label", new() { HasText = "Địa điểm" }).Locator(".field-error")).ToBeVisibleAsync();
        Assert.Equal(0, (await fixture.GetAsync($"/api/communes/{ThanhDong}/sessions")).GetArrayLength());
    }

    [Fact]
    public async Task On_a_phone_the_pages_fit_the_screen_and_an_officer_sees_only_their_own_commune()
    {
        var officer = await fixture.TokenAsync("Đỗ Thu Hà", "commune-officer", commune: ThanhDong);
        var page = await fixture.SignInAsync(officer, Phone);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Thành Đông");
        Assert.True(await FitsAsync(page), "the commune page scrolls sideways on a phone");
        await BrowserFixture.ScreenshotAsync(page, "commune-page-phone");

        // Another commune's calendar: the API refuses the token, the page says so in Vietnamese and shows nothing.
        await page.GotoAsync($"/xa.html?ma={ThuongHong}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("không");
        await Expect(page.Locator("#sessions")).ToHaveCountAsync(0);

        var supervisor = await fixture.SignInAsync(await fixture.TokenAsync("Vũ Quang Huy", "viewer", province: HaiPhong), Phone);
        await Expect(supervisor.Locator("#communes tbody tr").First).ToBeVisibleAsync();
        Assert.True(await FitsAsync(supervisor), "the province overview scrolls sideways on a phone");
        await BrowserFixture.ScreenshotAsync(supervisor, "province-overview-phone");

        // A viewer reads a commune's calendar but is not offered the schedule form.
        await supervisor.GotoAsync($"/xa.html?ma={ThanhDong}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(supervisor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Phường Thành Đông");
        await Expect(supervisor.Locator("#schedule")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_resident_registers_to_speak_from_a_phone_and_the_chair_sees_and_rearranges_the_speaking_order()
    {
        const string HaiDuong = "10525"; // Phường Hải Dương
        var startsAt = Vietnam(DateTimeOffset.UtcNow.AddDays(12)).Date.AddHours(8);
        var session = await fixture.PostAsync($"/api/communes/{HaiDuong}/sessions", new
        {
            kind = "periodic", form = "in-person", title = "Hội nghị đối thoại định kỳ năm 2026", durationMinutes = 150,
            startsAt = new DateTimeOffset(startsAt, TimeSpan.FromHours(7)), venue = "Hội trường UBND phường Hải Dương",
        });
        var id = session.GetProperty("id").GetString()!;
        await fixture.PostAsync($"/api/communes/{HaiDuong}/sessions/{id}/speakers", new
        {
            fullName = "Trần Văn Bình", workplaceOrAddress = "Khu dân cư số 4", phone = "0987654321", opinion = "Tiến độ cấp giấy chứng nhận quyền sử dụng đất", consent = true,
        });

        // The link the office shares, opened on a phone with no token.
        var phone = await fixture.AnonymousPageAsync(Phone);
        await phone.GotoAsync($"/dang-ky.html?xa={HaiDuong}&phien={Uri.EscapeDataString(id)}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(phone.Locator("#session")).ToContainTextAsync("Hội nghị đối thoại định kỳ năm 2026");
        await Expect(phone.Locator("#session")).ToContainTextAsync("Phường Hải Dương");
        await phone.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Hoa");
        await phone.GetByLabel("Chức danh (nếu có)").FillAsync("Tổ trưởng tổ dân phố");
        await phone.GetByLabel("Nơi công tác hoặc địa chỉ").FillAsync("Tổ dân phố 5");
        await phone.GetByLabel("Số điện thoại", new() { Exact = true }).FillAsync("0912 345 111");
        await phone.GetByLabel("Ý kiến, câu hỏi muốn phát biểu").FillAsync("Đề nghị lắp đèn chiếu sáng ngõ 35");

        // Without consent the form says why and nothing is registered.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.Locator("label.check .field-error")).ToContainTextAsync("Cần đồng ý");
        await phone.GetByRole(AriaRole.Checkbox).CheckAsync();
        Assert.True(await FitsAsync(phone), "the registration form scrolls sideways on a phone");
        await BrowserFixture.ScreenshotAsync(phone, "speaker-registration-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.Locator("#receipt")).ToContainTextAsync("Thứ tự phát biểu dự kiến: 2");
        var editCode = await phone.Locator("#receipt .edit-code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", editCode);

        // Knowing her phone number is not enough to change what she registered; her edit code is.
        await phone.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
        await phone.GetByLabel("Họ và tên").FillAsync("Nguyễn Thị Hoa");
        await phone.GetByLabel("Chức danh (nếu có)").FillAsync("Tổ trưởng tổ dân phố");
        await phone.GetByLabel("Nơi công tác hoặc địa chỉ").FillAsync("Tổ dân phố 5");
        await phone.GetByLabel("Số điện thoại", new() { Exact = true }).FillAsync("0912345111");
        await phone.GetByLabel("Ý kiến, câu hỏi muốn phát biểu").FillAsync("Đề nghị lắp đèn chiếu sáng ngõ 35 và ngõ 37");
        await phone.GetByRole(AriaRole.Checkbox).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.Locator("#speaker-form .form-problem")).ToContainTextAsync("mã sửa đăng ký");
        await phone.GetByLabel("Mã sửa đăng ký", new() { Exact = false }).FillAsync(editCode.ToLowerInvariant());
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đăng ký" }).ClickAsync();
        await Expect(phone.Locator("#receipt")).ToContainTextAsync("Đã cập nhật ý kiến của anh/chị");

        // The chair's page: both speakers in order, the phone masked; the land question moves down.
        var officer = await fixture.SignInAsync(await fixture.TokenAsync("Hoàng Văn Nam", "commune-officer", commune: HaiDuong));
        await officer.GotoAsync($"/phien.html?xa={HaiDuong}&id={Uri.EscapeDataString(id)}", new() { WaitUntil = WaitUntilState.Commit });
        var rows = officer.Locator("#speakers tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(1)).ToContainTextAsync("Nguyễn Thị Hoa, Tổ trưởng tổ dân phố");
        await Expect(rows.Nth(1)).ToContainTextAsync("09xx xxx 111");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Đưa Trần Văn Bình xuống sau" }).ClickAsync();
        await Expect(rows.Nth(0)).ToContainTextAsync("Nguyễn Thị Hoa");
        await BrowserFixture.ScreenshotAsync(officer, "session-speakers");

        // Twelve days ahead: the Front's opinions (D-17) and the departments' drafts (D-12) fall due today; the office
        // marks the drafts received, and the page says so.
        var drafts = officer.Locator("#milestones tr[data-milestone=draft-answers]");
        await Expect(officer.Locator("#milestones tr[data-milestone=opinions]")).ToContainTextAsync("hôm nay");
        await Expect(drafts).ToContainTextAsync("Sắp đến hạn");
        await drafts.GetByRole(AriaRole.Button, new() { Name = "Đã xong" }).ClickAsync();
        await Expect(drafts).ToContainTextAsync("Đã xong");
        await Expect(officer.Locator("#agenda li")).ToHaveCountAsync(6);
        await Expect(officer.Locator("#agenda li").First).ToContainTextAsync("08:00 Tuyên bố lý do, giới thiệu đại biểu");
        var order = await fixture.GetAsync($"/api/communes/{HaiDuong}/sessions/{Uri.EscapeDataString(id)}/speakers");
        Assert.Equal(["Nguyễn Thị Hoa", "Trần Văn Bình"], order.EnumerateArray().Select(s => s.GetProperty("fullName").GetString()));
        Assert.Equal("Đề nghị lắp đèn chiếu sáng ngõ 35 và ngõ 37", order[0].GetProperty("opinion").GetString());

        // A registration made twice by mistake is removed by the office: the first press asks, the second removes.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Xóa đăng ký của Trần Văn Bình" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Xác nhận xóa đăng ký của Trần Văn Bình" }).ClickAsync();
        await Expect(officer.Locator("#speakers-problem")).ToContainTextAsync("Đã xóa đăng ký số 1 (Trần Văn Bình)");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Nguyễn Thị Hoa");
    }

    [Fact]
    public async Task An_instruction_issued_from_the_province_page_reaches_the_commune_office_and_its_acknowledgement_is_counted()
    {
        const string LeThanhNghi = "10532"; // Phường Lê Thanh Nghị
        const string Text = "Các xã, phường tổ chức hội nghị đối thoại định kỳ năm 2026 trước ngày 15/12/2026.";
        var province = await fixture.SignInAsync(await fixture.TokenAsync("Lê Thị Bình", "province-admin", province: HaiPhong));
        await province.GetByLabel("Nội dung chỉ đạo").FillAsync(Text);
        var by = Vietnam(DateTimeOffset.UtcNow.AddDays(20)).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await province.Locator("#instruction-form").GetByLabel("Hạn tổ chức đối thoại định kỳ").FillAsync(by);
        await province.GetByRole(AriaRole.Button, new() { Name = "Gửi chỉ đạo đến tất cả xã, phường" }).ClickAsync();
        var row = province.Locator("#instructions tbody tr", new() { HasText = Text });
        await Expect(row).ToContainTextAsync("0/");

        var officer = await fixture.SignInAsync(await fixture.TokenAsync("Phạm Thu Trang", "commune-officer", commune: LeThanhNghi));
        var item = officer.Locator("#instruction-list li", new() { HasText = Text });
        await Expect(item).ToContainTextAsync("Chưa thực hiện");
        await item.GetByRole(AriaRole.Button, new() { Name = "Đã nhận" }).ClickAsync();
        await Expect(item).ToContainTextAsync("đã nhận");
        await BrowserFixture.ScreenshotAsync(officer, "commune-instruction");

        await province.ReloadAsync(new() { WaitUntil = WaitUntilState.Commit });
        await Expect(province.Locator("#instructions tbody tr", new() { HasText = Text }).Locator("td").Nth(2)).ToHaveTextAsync(new Regex(@"^1/\d+$"));
    }

    [Fact]
    public async Task The_office_sets_a_quota_per_hamlet_and_the_hamlet_head_fills_it_from_the_link_in_their_email_on_a_phone()
    {
        const string PhamSuManh = "10726"; // Phường Phạm Sư Mạnh
        const string Head = "totruong3@phamsumanh.vn";
        await fixture.ImportCsvAsync(PhamSuManh, "Họ và tên,Vai trò,Thôn/Tổ dân phố,Email,Đồng ý email\n"
            + $"Đinh Văn Lực,tổ trưởng,Tổ dân phố 3,{Head},có\n"
            + "Bùi Thị Nga,người dân,Tổ dân phố 3,nga@example.vn,có\n"
            + "Cao Văn Đức,người dân,Tổ dân phố 3,duc@example.vn,có\n"
            + "Trịnh Thị Hằng,người dân,Tổ dân phố 3,hang@example.vn,có\n");
        var startsAt = Vietnam(DateTimeOffset.UtcNow.AddDays(20)).Date.AddHours(8);
        var session = await fixture.PostAsync($"/api/communes/{PhamSuManh}/sessions", new
        {
            kind = "periodic", form = "in-person", title = "Hội nghị đối thoại định kỳ cuối năm", durationMinutes = 120,
            startsAt = new DateTimeOffset(startsAt, TimeSpan.FromHours(7)), venue = "Nhà văn hóa tổ dân phố 3",
            audience = new { roles = new[] { "hamlet-head", "officer" } },
        });
        var id = session.GetProperty("id").GetString()!;

        // The office: two to three residents from every hamlet the registry knows.
        var officer = await fixture.SignInAsync(await fixture.TokenAsync("Lương Thị Thảo", "commune-officer", commune: PhamSuManh));
        await officer.GotoAsync($"/phien.html?xa={PhamSuManh}&id={Uri.EscapeDataString(id)}", new() { WaitUntil = WaitUntilState.Commit });
        var form = officer.Locator("#hamlet-groups-form");
        await form.GetByLabel("Mỗi thôn, tổ dân phố: tối thiểu").FillAsync("2");
        await form.GetByLabel("tối đa").FillAsync("3");
        await form.GetByRole(AriaRole.Button).ClickAsync();
        var group = officer.Locator("#invitee-groups tbody tr", new() { HasText = "Tổ dân phố 3" });
        await Expect(group).ToContainTextAsync("Đinh Văn Lực");
        await Expect(group).ToContainTextAsync("thiếu 2");

        // The head's e-mail carries their own link; opened on a phone, with no account.
        var link = await EventuallyAsync(() => fixture.Emails()
            .Where(m => m.To.Mailboxes.Any(a => a.Address == Head) && m.Subject?.StartsWith("Đề nghị chọn người", StringComparison.Ordinal) == true)
            .Select(m => InviteeLink().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success)?.Value);
        var phone = await fixture.AnonymousPageAsync(Phone);
        await phone.GotoAsync(link, new() { WaitUntil = WaitUntilState.Commit });
        await Expect(phone.Locator("#session")).ToContainTextAsync("Hội nghị đối thoại định kỳ cuối năm");
        await Expect(phone.Locator("#candidates li")).ToHaveCountAsync(3);
        await Expect(phone.Locator("#counter")).ToContainTextAsync("còn thiếu 2");
        await phone.GetByLabel("Bùi Thị Nga").CheckAsync();
        await phone.GetByLabel("Trịnh Thị Hằng").CheckAsync();
        await Expect(phone.Locator("#counter")).ToContainTextAsync("đủ định mức");
        Assert.True(await FitsAsync(phone), "the hamlet head's page scrolls sideways on a phone");
        await BrowserFixture.ScreenshotAsync(phone, "invitee-choice-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lưu danh sách" }).ClickAsync();
        await Expect(phone.Locator("#saved")).ToContainTextAsync("Đã lưu 2 người");

        // Back at the office: the group is full, with the names the head chose.
        await officer.ReloadAsync();
        await Expect(group).ToContainTextAsync("Trịnh Thị Hằng, Bùi Thị Nga"); // in the order of the head's list, by given name
        await Expect(group.Locator(".badge")).ToHaveTextAsync("đủ");
        await BrowserFixture.ScreenshotAsync(officer, "session-invitees");
    }

    /// <summary>What the servers received (an e-mail, an SMS), once it is there; a minute at most.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<T?> observe)
        where T : class
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            if (observe() is { } value)
            {
                return value;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No {typeof(T).Name} arrived within a minute.");
    }

    /// <summary>Nothing wider than the screen: wide tables scroll inside their own box, not the page.</summary>
    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static DateTimeOffset Vietnam(DateTimeOffset moment) => moment.ToOffset(TimeSpan.FromHours(7));

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/moi\.html\?\S+#ma=[a-z2-9]{12}")]
    private static partial Regex InviteeLink();

    [GeneratedRegex(@"[?&]id=([^&]+)")]
    private static partial Regex SessionId();
}
