using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Contract;

/// <summary>
/// The published contract (/openapi/v1.json) as a client generator reads it: clean under Redocly's recommended rules,
/// every operation named, the bearer scheme on every operation but the public ones, the problems each can answer and
/// the files' content types. What the suite's requests were answered is checked against it when the platform stops
/// (<see cref="AnsweredStatuses"/>).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiContractTests(PlatformFactory platform)
{
    /// <summary>The operations anyone may call without a token (written from the rules, not read from the code).</summary>
    private static readonly string[] PublicOperations =
    [
        "GetCommuneCalendar", "GetPublicCommunePage", "LookUpPetition", "GetSessionAlert", "GetConclusionNotice",
        "ListPublishedResults", "GetSpeakerRegistration", "RegisterSpeaker", "OpenInviteeFill", "FillInvitees",
        "CloseDashboardSession",
    ];

    [Fact]
    public async Task Served_document_is_clean_under_redocly_recommended_rules()
    {
        var folder = Path.Combine(Artifacts.RepositoryRoot, "tests", "DoiThoai.Api.Tests", "Contract", "redocly");
        var redocly = Path.Combine(folder, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run `npm ci` in {folder} (tests/run does).");
        var document = Path.Combine(Artifacts.Directory("openapi"), "v1.json");
        using (var client = platform.CreateAnonymousClient())
        {
            await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        }

        var start = ProgramRun.Info(redocly, "lint", document, "--config", Path.Combine(folder, "redocly.yaml"), "--format", "json");
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = lint.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await lint.WaitForExitAsync(TestContext.Current.CancellationToken);

        var json = await output;
        Assert.True(json.TrimStart().StartsWith('{'), $"redocly answered ({lint.ExitCode}): {json}{await error}");
        var problems = JsonDocument.Parse(json).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(problems.Count == 0, "redocly lint (recommended):\n" + string.Join("\n", problems));
        Assert.Equal(0, lint.ExitCode);
    }

    [Fact]
    public async Task Every_operation_is_named_and_needs_the_bearer_token_unless_public()
    {
        var document = await platform.ContractAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("Bearer", document.GetProperty("security")[0].EnumerateObject().Single().Name);

        var anonymous = new List<string>();
        var count = 0;
        foreach (var (method, path, operation) in Operations(document))
        {
            count++;
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{method} {path}");
            var id = operation.GetProperty("operationId").GetString()!;
            var responses = operation.GetProperty("responses");
            if (operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0)
            {
                anonymous.Add(id);
                Assert.False(responses.TryGetProperty("401", out _), $"{id} is public but declares 401");
            }
            else
            {
                Assert.True(responses.TryGetProperty("401", out _) && responses.TryGetProperty("403", out _), $"{id} needs a token but declares no 401/403");
            }
        }

        Assert.True(count > 90, $"{count} operations");
        Assert.Equal(PublicOperations.Order(), anonymous.Order());
        Assert.DoesNotContain(Operations(document), o => o.Path.StartsWith("/dashboard", StringComparison.Ordinal));
        Assert.Equal(count, Operations(document).Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Problems_and_files_are_declared_with_their_content()
    {
        var document = await platform.ContractAsync();
        var problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem").GetProperty("properties");
        Assert.True(problem.TryGetProperty("errors", out _));
        Assert.True(problem.TryGetProperty("earliestAllowedStart", out _));

        var schedule = Find(document, "ScheduleSession").GetProperty("responses");
        foreach (var status in new[] { "201", "400", "401", "403", "404", "409", "413", "422", "503" })
        {
            Assert.True(schedule.TryGetProperty(status, out _), $"ScheduleSession does not declare {status}");
        }

        Assert.Equal("#/components/schemas/Problem", schedule.GetProperty("422").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(schedule.GetProperty("503").GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.True(Find(document, "RegisterSpeaker").GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));

        foreach (var (operation, type) in new[]
        {
            ("GetCommuneCalendar", "text/calendar"),
            ("GetSessionAlert", "application/cap+xml"),
            ("GetConclusionNotice", "application/pdf"),
            ("GetProvinceOverviewWorkbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("GetSessionDocument", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        })
        {
            Assert.True(Find(document, operation).GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty(type, out _), $"{operation}: {type}");
        }
    }

    [Fact]
    public async Task An_answer_the_contract_does_not_declare_is_reported()
    {
        var document = await platform.ContractAsync();
        var answered = new AnsweredStatuses();
        answered.Record("ScheduleSession", 201, "POST /api/communes/x/sessions");
        answered.Record("ScheduleSession", 422, "POST /api/communes/x/sessions");
        Assert.Empty(answered.Undeclared(document));

        answered.Record("GetMe", 404, "GET /api/me");
        Assert.Equal(["GetMe answered 404 (e.g. GET /api/me)"], answered.Undeclared(document));
    }

    [Fact]
    public async Task The_reference_page_leads_nowhere_off_this_machine()
    {
        using var client = platform.CreateAnonymousClient();
        using var page = await client.Get("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"hideClientButton\":true", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"preferredSecurityScheme\":[\"Bearer\"]", html);
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
    }

    private static JsonElement Find(JsonElement document, string operationId) =>
        Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name, path.Name, operation.Value)));
}
