using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// The platform as a user runs it: the silo program started with --urls and --data-dir, killed with SIGKILL,
/// and started again over the same folder.
/// </summary>
public sealed class EmbeddedPlatformRestartTests : IAsyncDisposable
{
    private readonly SiloProcess _silo = new();

    [Fact]
    public async Task A_session_scheduled_before_a_kill_9_is_there_after_the_restart()
    {
        using var client = _silo.CreateClient();
        var startsAt = DateTimeOffset.UtcNow.AddDays(30).ToOffset(TimeSpan.FromHours(7));
        var body = $$"""
            {"kind": "periodic", "form": "in-person", "title": "Hội nghị đối thoại định kỳ",
             "startsAt": "{{startsAt:yyyy-MM-dd'T'HH:mm:00zzz}}", "durationMinutes": 120, "venue": "Hội trường UBND xã"}
            """;

        await _silo.StartAsync();
        var created = await (await client.PostJsonAsync("/api/communes/10993/sessions", body)).JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        await _silo.KillAsync();

        await _silo.StartAsync();
        var session = await (await client.Get($"/api/communes/10993/sessions/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("scheduled", "Hội nghị đối thoại định kỳ"), (session.Str("status"), session.Str("title")));
        // The province, activated again, sees the commune's session among those to come. (Not "without a periodic
        // dialogue": that list is of this year's, and from December a session 30 days ahead is next year's.)
        var overview = await (await client.Get("/api/provinces/31/overview")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(overview.GetProperty("upcoming").EnumerateArray(), s => (s.Str("communeCode"), s.Str("sessionId")) == ("10993", id));
    }

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
