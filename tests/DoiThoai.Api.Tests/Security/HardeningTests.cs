using System.Net;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Findings of the second security round (issue 29), each shown failing before its fix: dates far outside any
/// dialogue's, 400 answers that named .NET types, API answers without nosniff and cacheable personal data, and a data
/// folder others could read.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HardeningTests(PlatformFactory platform)
{
    private const string Commune = "31825"; // Phường Bạc Liêu, Cà Mau
    private const string Province = "96";

    private static string Session(string startsAt) => $$"""
        {"kind": "thematic", "form": "in-person", "title": "Đối thoại về sạt lở bờ biển", "topic": "Sạt lở bờ biển",
         "startsAt": "{{startsAt}}", "durationMinutes": 120, "venue": "Hội trường UBND phường Bạc Liêu"}
        """;

    [Theory]
    [InlineData("0001-01-01T08:00:00+07:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1999-12-31T08:00:00+07:00")]
    [InlineData("9999-12-31T23:59:59+07:00")]
    public async Task A_start_outside_the_years_a_dialogue_can_have_is_refused_as_input_and_nothing_is_scheduled(string startsAt)
    {
        var client = platform.CreateClient();

        var problem = await (await client.PostJsonAsync($"/api/communes/{Commune}/sessions", Session(startsAt))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'$.startsAt'", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("từ 01/01/2000 đến 31/12/2099", problem.Str("detail"), StringComparison.Ordinal);
        var check = await (await client.Get($"/api/communes/{Commune}/notice-check?kind=thematic&startsAt={Uri.EscapeDataString(startsAt)}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(check.GetProperty("errors").TryGetProperty("startsAt", out _));

        var sessions = await (await client.Get($"/api/communes/{Commune}/sessions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, sessions.GetArrayLength());
    }

    [Theory]
    [InlineData("/api/communes/31825/sessions?from=0001-01-01", "from")]
    [InlineData("/api/communes/31825/sessions?to=9999-12-31", "to")]
    [InlineData("/api/provinces/96/overview?by=0001-01-01", "by")]
    [InlineData("/api/provinces/96/overview.xlsx?by=9999-12-31", "by")]
    public async Task A_date_in_a_query_outside_the_range_is_named_in_a_400(string url, string parameter)
    {
        var problem = await (await platform.CreateClient().Get(url)).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task A_day_in_a_body_outside_the_range_is_refused_and_no_instruction_is_issued()
    {
        var client = platform.CreateClient();

        var problem = await (await client.PostJsonAsync($"/api/provinces/{Province}/instructions",
            """{"text": "Tổ chức hội nghị đối thoại định kỳ", "periodicBy": "0001-01-01"}""")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("'$.periodicBy'", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("Ngày phải trong khoảng từ 01/01/2000", problem.Str("detail"), StringComparison.Ordinal);
        var issued = await (await client.Get($"/api/provinces/{Province}/instructions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, issued.GetArrayLength());
    }

    [Theory]
    [InlineData("POST", "/api/communes/31825/sessions", """{"kind": "thematic", "startsAt": 123}""")]
    [InlineData("POST", "/api/communes/31825/sessions", """{"kind": "thematic", "durationMinutes": "hai giờ"}""")]
    [InlineData("GET", "/api/provinces/96/overview?by=mai", null)]
    [InlineData("GET", "/api/communes/31825/sessions/2026-0001/deliveries?page=mot", null)]
    public async Task A_400_says_what_was_wrong_in_the_apis_words_and_names_no_dotnet_type(string method, string url, string? body)
    {
        var client = platform.CreateClient();
        using var response = method == "GET" ? await client.Get(url) : await client.PostJsonAsync(url, body!);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotMatch(@"System\.|DoiThoai\.|Nullable|Int32|DateOnly|DateTimeOffset|could not be converted|Failed to bind", text);
        if (method == "GET")
        {
            var parameter = url.Split('?')[1].Split('=')[0];
            Assert.Contains($"Tham số '{parameter}'", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_answers_are_never_sniffed_and_personal_data_is_never_cached()
    {
        var officer = await platform.CreateClientAsAsync("commune-officer", commune: Commune);
        var anonymous = platform.CreateAnonymousClient();

        using var contacts = await officer.Get($"/api/communes/{Commune}/contacts");
        using var sessions = await officer.Get($"/api/communes/{Commune}/sessions");
        using var refused = await anonymous.Get($"/api/communes/{Commune}/contacts");
        using var publicPage = await anonymous.Get($"/api/public/communes/{Commune}");

        foreach (var response in new[] { contacts, sessions, refused, publicPage })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.Equal(HttpStatusCode.OK, contacts.StatusCode);
        Assert.True(contacts.Headers.CacheControl?.NoStore, "residents' contacts must not be cached");
        Assert.True(sessions.Headers.CacheControl?.NoStore);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        // What the public page shows keeps its own, short caching.
        Assert.Equal((true, TimeSpan.FromSeconds(60)), (publicPage.Headers.CacheControl!.Public, publicPage.Headers.CacheControl.MaxAge!.Value));
    }

    [Fact]
    public async Task Readiness_names_servers_and_counts_to_signed_in_administrators_only()
    {
        var anonymous = await (await platform.CreateAnonymousClient().Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        var officer = await (await (await platform.CreateClientAsAsync("commune-officer", commune: Commune)).Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        var provinceAdmin = await (await (await platform.CreateClientAsAsync("province-admin", province: Province)).Get("/health/ready")).JsonAsync(HttpStatusCode.OK);

        foreach (var report in new[] { anonymous, officer })
        {
            Assert.All(report.GetProperty("checks").EnumerateObject(), check =>
            {
                Assert.False(string.IsNullOrEmpty(check.Value.Str("status")));
                Assert.False(check.Value.TryGetProperty("description", out _), $"{check.Name} described to a caller who is no administrator");
            });
        }

        Assert.Equal(anonymous.Str("status"), provinceAdmin.Str("status"));
        Assert.Contains("việc đang chờ", provinceAdmin.GetProperty("checks").GetProperty("jobs").Str("description"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_folder_and_its_databases_are_their_owners_only()
    {
        _ = platform.CreateClient(); // the platform started over its folder

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(platform.DataDir));
        var files = Directory.GetFiles(platform.DataDir);
        Assert.Contains(files, f => f.EndsWith("doithoai.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("jobs.db", StringComparison.Ordinal));
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
    }
}
