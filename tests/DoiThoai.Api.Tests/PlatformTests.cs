using System.Net;
using System.Text.RegularExpressions;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PlatformTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task Health_answers_200_once_the_silo_and_its_storage_answer()
    {
        var response = await _client.Get("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readiness_says_in_Vietnamese_that_the_email_and_sms_channels_are_not_configured()
    {
        var ready = await (await _client.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal("Degraded", ready.Str("status"));
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("silo").Str("status"));
        var email = ready.GetProperty("checks").GetProperty("email");
        Assert.Equal("Degraded", email.Str("status"));
        Assert.Contains("chưa được cấu hình", email.Str("description"), StringComparison.Ordinal);
        Assert.Equal("Degraded", ready.GetProperty("checks").GetProperty("sms").Str("status"));

        // The reminder service (the dispatcher of timed rows) runs on every channel and its outbox answers; the job
        // scheduler runs and its store answers.
        var reminders = ready.GetProperty("checks").GetProperty("reminders");
        Assert.Equal("Healthy", reminders.Str("status"));
        Assert.StartsWith("Bộ gửi tin đang chạy trên 3 kênh", reminders.Str("description"), StringComparison.Ordinal);
        var jobs = ready.GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Healthy", jobs.Str("status"));
        Assert.StartsWith("Bộ hẹn giờ đang chạy", jobs.Str("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_session_endpoints_and_the_reference_page_is_served()
    {
        var document = await (await _client.Get("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/communes/{code}/sessions", out _));
        Assert.True(paths.TryGetProperty("/api/holidays/{year}", out _));

        var page = await _client.Get("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.ContentType()?.MediaType);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Everything the page loads comes from the platform itself, and the document it shows is found.
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
        var source = Regex.Match(html, "\"sources\":\\[\\{[^}]*\"url\":\"(?<url>[^\"]+)\"").Groups["url"].Value;
        // scalar.aspnetcore.js resolves a relative source against the application's base path (the page's path
        // without "/api/docs/"), here the root.
        var documentUrl = new Uri(new Uri("http://platform/"), source).AbsolutePath;
        Assert.Equal(HttpStatusCode.OK, (await _client.Get(documentUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.Get("/api/docs/scalar.js")).StatusCode);
    }
}
