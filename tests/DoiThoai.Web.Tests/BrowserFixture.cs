using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;
using Microsoft.Playwright;

namespace DoiThoai.Web.Tests;

/// <summary>
/// The platform as an officer meets it: the real silo program with e-mail through a real SMTP sink, SMS through real
/// Kannel to its simulated SMSC, and Debian's chromium driven by Playwright (headless, --no-sandbox). Tokens are issued through the API, as a province would.
/// </summary>
public sealed partial class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly SmtpSink _smtp = new();
    private readonly KannelGateway _kannel = new();
    private IPlaywright? _playwright;

    public SiloProcess Silo { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: artifacts/screenshots at the repository root, kept by CI as test artefacts.</summary>
    public static string ScreenshotDir { get; } = Artifacts.Directory("screenshots");

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (.ci/run does).");
        await Task.WhenAll(_smtp.StartAsync(), _kannel.StartAsync());
        Silo.Settings["Sms:Kannel:SendUrl"] = _kannel.SendUrl;
        Silo.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        Silo.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        Silo.Settings["Sms:Kannel:DlrSecret"] = "web-tests-dlr-secret";
        Silo.Settings["Sms:Kannel:DlrUrl"] = new Uri(Silo.BaseAddress, "/api/sms/dlr").ToString();
        Silo.Settings["Email:Smtp:Host"] = "127.0.0.1";
        Silo.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        Silo.Settings["Email:Smtp:From"] = "UBND xã Thượng Hồng <ubnd@thuonghong.haiphong.gov.vn>";
        Silo.Settings["Delivery:PollInterval"] = "00:00:00.200";
        await Silo.StartAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });

        // CI runs these beside the cluster drills on two cores: waits are for a condition, with room for a slow machine.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Silo.DisposeAsync();
        await _smtp.DisposeAsync();
        await _kannel.DisposeAsync();
    }

    public int EmailsReceived => _smtp.Count();

    /// <summary>Script errors and console errors of every page opened since the list was last cleared: a quiet page has none.</summary>
    public List<string> PageErrors { get; } = [];

    /// <summary>A new tab of the context that records its script and console errors in <see cref="PageErrors"/>.</summary>
    private async Task<IPage> WatchedPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => Record($"{page.Url}: {error}");
        page.Console += (_, message) =>
        {
            // A refusal (4xx) is part of a flow, shown on the page as the API's ProblemDetails; the browser logs it anyway.
            if (message.Type == "error" && !RefusalLogged().IsMatch(message.Text))
            {
                Record($"{page.Url}: console: {message.Text}");
            }
        };
        return page;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to load resource: the server responded with a status of 4\d\d ")]
    private static partial System.Text.RegularExpressions.Regex RefusalLogged();

    private void Record(string error)
    {
        lock (PageErrors)
        {
            PageErrors.Add(error);
        }
    }

    /// <summary>The SMS the simulated SMSC has received from Kannel so far.</summary>
    public IReadOnlyList<ReceivedSms> Sms() => _kannel.Received;

    /// <summary>The e-mails the platform has sent so far, as their recipients read them.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Emails() => _smtp.Messages();

    /// <summary>A token for a person, issued by the national administrator through POST /api/tokens.</summary>
    public async Task<string> TokenAsync(string name, string role, string? province = null, string? commune = null)
    {
        using var admin = Silo.CreateClient();
        var response = await admin.PostAsJsonAsync("/api/tokens", new { name, role, province, commune, validDays = 1 });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Adds people to a commune's registry through the CSV import, as an officer would.</summary>
    public async Task ImportAsync(string commune, int people)
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Chức danh,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < people; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Trần Văn Hùng {i},đại biểu,Trưởng thôn,Thôn {i % 3 + 1},,dai.bieu{i}@example.vn,không,có\n");
        }

        await ImportCsvAsync(commune, csv.ToString());
    }

    public async Task ImportCsvAsync(string commune, string csv)
    {
        using var admin = Silo.CreateClient();
        var response = await admin.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<JsonElement> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<JsonElement> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    /// <summary>A call as the national administrator that must succeed; its answer.</summary>
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body)
    {
        using var admin = Silo.CreateClient();
        var response = await admin.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A tab with no token, as a resident opens a link on their phone.</summary>
    public async Task<IPage> AnonymousPageAsync(ViewportSize viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString(), Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh", ViewportSize = viewport, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await WatchedPageAsync(context);
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var admin = Silo.CreateClient();
        var response = await admin.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A fresh browser tab (its own storage, no token yet) on an office computer whose browser speaks English.</summary>
    public async Task<IPage> OfficerPageAsync(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Silo.BaseAddress.ToString(),
            Locale = "en-US", // an officer's browser in English still shows Vietnamese dates (dd/mm/yyyy, 24 h)
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await WatchedPageAsync(context);
    }

    /// <summary>A fresh browser tab (its own storage) signed in with a token through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string token, ViewportSize? viewport = null)
    {
        var page = await OfficerPageAsync(viewport);
        // Wait for what the page shows, never for load events: a load event that never fires (a request the browser
        // keeps open) made sign-ins wait 60 s and fail on a fresh machine.
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByLabel("Mã truy cập").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            // The first page of a scoped role, arrived at and showing its heading; the national administrator's stays "/".
            await page.Locator("#national:visible, main h1:visible:not(:has-text('Đăng nhập'))").First.WaitForAsync();
        }
        catch (TimeoutException)
        {
            // Say where the sign-in stopped: still on the sign-in page (and what it said), or somewhere else.
            var said = await page.Locator(".form-problem").AllInnerTextsAsync();
            throw new TimeoutException($"Signing in did not reach the role's first page: at {page.Url}, the page said: {string.Join(" | ", said)}");
        }

        return page;
    }

    /// <summary>axe-core as npm installs it beside the tests (tests/DoiThoai.Web.Tests/accessibility; .ci/run runs npm ci there).</summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(Artifacts.RepositoryRoot, "tests", "DoiThoai.Web.Tests", "accessibility", "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"{path} is missing: run `npm ci` in tests/DoiThoai.Web.Tests/accessibility (.ci/run does).");
        return File.ReadAllText(path);
    });

    /// <summary>
    /// The page's accessibility violations as axe-core finds them (WCAG 2.1 A and AA rules and best practices), each as
    /// (rule, impact, how many elements). Evaluated through the browser's debugging protocol, so the pages' own
    /// Content-Security-Policy (scripts from this origin only) stays in force.
    /// </summary>
    public static async Task<IReadOnlyList<(string Rule, string Impact, int Nodes, string Help)>> AxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ') }))");
        return [.. result.EnumerateArray().Select(v => (v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString() ?? "", v.GetProperty("nodes").GetInt32(),
            v.GetProperty("help").GetString()!))];
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
}
