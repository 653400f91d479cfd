using System.Diagnostics;
using System.Net;

namespace DoiThoai.Api.Tests;

/// <summary>
/// The platform as a user runs it: the silo program started with --urls and --data-dir, killed with SIGKILL,
/// and started again over the same folder.
/// </summary>
public sealed class EmbeddedPlatformRestartTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "doithoai-restart-" + Guid.NewGuid().ToString("N"));
    private readonly int _httpPort = PlatformFactory.FreePort();
    private readonly int _siloPort = PlatformFactory.FreePort();
    private readonly int _gatewayPort = PlatformFactory.FreePort();

    [Fact]
    public async Task A_session_scheduled_before_a_kill_9_is_there_after_the_restart()
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}") };
        var startsAt = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(7));
        var body = $$"""
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ",
             "startsAt": "{{startsAt:yyyy-MM-dd'T'HH:mm:00zzz}}", "durationMinutes": 120, "venue": "Hội trường UBND xã"}
            """;

        string id;
        using (var first = await StartAsync(client))
        {
            var created = await (await client.PostJsonAsync("/api/communes/10993/sessions", body)).JsonAsync(HttpStatusCode.Created);
            id = created.Str("id");
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        using var second = await StartAsync(client);
        try
        {
            var session = await (await client.Get($"/api/communes/10993/sessions/{id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(("scheduled", "Hội nghị đối thoại định kỳ"), (session.Str("status"), session.Str("title")));
            var overview = await (await client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(overview.GetProperty("withoutPeriodicDialogue").EnumerateArray(), c => c.Str("code") == "10993");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private async Task<Process> StartAsync(HttpClient client)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                SiloAssembly(), "--urls", client.BaseAddress!.ToString().TrimEnd('/'), "--data-dir", _dataDir,
                $"--Platform:SiloPort={_siloPort}", $"--Platform:GatewayPort={_gatewayPort}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready means /health answers 200; the deadline only bounds a silo that never comes up.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"The platform did not become healthy (exited: {process.HasExited}).");
    }

    /// <summary>The silo program built beside this test project, in the same configuration.</summary>
    private static string SiloAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory); // tests/DoiThoai.Api.Tests/bin/<Configuration>/net10.0/
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "silo", "DoiThoai.Silo", "bin", configuration, framework, "DoiThoai.Silo.dll");
        Assert.True(File.Exists(path), $"The silo is built as a dependency of the tests: {path}");
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
