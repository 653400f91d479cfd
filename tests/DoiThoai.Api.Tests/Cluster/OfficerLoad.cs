using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// Officers at work on every silo while a drill breaks something: each worker schedules an urgent dialogue (a write
/// with a title of its own), then reads the commune's calendar, silo after silo, as a load balancer would spread them;
/// every answer is recorded. A silo that has stopped or is still starting is passed over, as a load balancer's health
/// check would; a request cut off by its silo stopping is counted apart. Then the drill checks the answers: only 200, 201 or a 503
/// problem that says whether anything changed, and what was answered 201 is stored, what was answered "nothing
/// changed" is not.
/// </summary>
internal sealed class OfficerLoad(ClusterDrill drill, IReadOnlyList<string> communes, int workers)
{
    public const string Unavailable = "https://doithoai.gov.vn/problems/temporarily-unavailable";

    public const string OutcomeUnknown = "https://doithoai.gov.vn/problems/outcome-unknown";

    /// <summary>What a request got; <see cref="Status"/> 0 when no answer came (<see cref="Problem"/> says why).</summary>
    public sealed record Outcome(DateTime At, int Silo, string Code, string Title, bool Write, HttpStatusCode Status, string? Problem);

    private readonly ConcurrentBag<Outcome> _outcomes = [];

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes.OrderBy(o => o.At)];

    /// <summary>Requests cut off because their silo stopped (or was starting again) under them.</summary>
    public IEnumerable<Outcome> CutOff => _outcomes.Where(o => o.Status == 0 && o.Problem == SiloStopped);

    private const string SiloStopped = "silo process stopped";

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkAsync(w, stop)));

    /// <summary>Every answer was 200, 201 or a 503 problem (retryable, or outcome unknown) with Retry-After.</summary>
    public void AssertOnlyRightAnswers()
    {
        Assert.All(Outcomes.Where(o => !(o.Status == 0 && o.Problem == SiloStopped)), o => Assert.True(
            o.Status is HttpStatusCode.OK or HttpStatusCode.Created || (o.Status == HttpStatusCode.ServiceUnavailable && o.Problem is Unavailable or OutcomeUnknown),
            $"{(int)o.Status} {o.Problem} from silo {o.Silo + 1} at {o.At:HH:mm:ss.fff}\n{string.Join("\n", drill.Cluster.Silos.Select(s => s.RecentOutput))}"));
    }

    /// <summary>
    /// Answered 201: stored. Answered "nothing changed": not stored. Answered "outcome unknown" or cut off: either.
    /// Returns the titles stored.
    /// </summary>
    public async Task<HashSet<string>> AssertStoredAsAnsweredAsync(DateTime since)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in communes)
        {
            var sessions = JsonDocument.Parse(await drill.ReadAsync($"/api/communes/{code}/sessions")).RootElement;
            stored.UnionWith(sessions.EnumerateArray().Select(s => s.Str("title")));
        }

        var wrong = Outcomes.Where(o => o.Write && o.Status != 0 && o.Problem != OutcomeUnknown && (o.Status == HttpStatusCode.Created) != stored.Contains(o.Title))
            .Select(o => $"{o.Title} answered {(int)o.Status} {o.Problem} by silo {o.Silo + 1} at {o.At:HH:mm:ss.fff} ({(o.At - since).TotalSeconds:F1} s after the fault began), {(stored.Contains(o.Title) ? "stored" : "not stored")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        return stored;
    }

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        var startsAt = DateTimeOffset.UtcNow.AddDays(2);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var silo = Enumerable.Range(worker + n, drill.Clients.Count).Select(k => k % drill.Clients.Count)
                .FirstOrDefault(k => drill.Cluster.Silos[k].Ready, -1);
            if (silo < 0)
            {
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            var client = drill.Clients[silo];
            var code = communes[(worker * 7 + n) % communes.Count];
            var title = $"Đối thoại {worker}-{n}";
            // Two days ahead, inside the reach of urgency (ordinary notice needs 7); each request its own hall: no clash.
            var local = startsAt.ToOffset(TimeSpan.FromHours(7));
            await RecordAsync(silo, code, title, write: true, () => client.PostJsonAsync($"/api/communes/{code}/sessions", $$"""
                {"kind": "urgent", "form": "in-person", "title": "{{title}}", "startsAt": "{{local:yyyy-MM-dd'T'HH:mm}}:00+07:00",
                 "durationMinutes": 60, "venue": "Hội trường số {{worker + 1}}-{{n}}", "urgentReason": "Sự cố sạt lở bờ sông cần đối thoại ngay với người dân"}
                """));
            await RecordAsync(silo, code, title, write: false, () => client.Get($"/api/communes/{code}/sessions"));
        }
    }

    /// <summary>Whether the silo is down or going down: a silo declared dead closes its connections, then its process ends.</summary>
    private async Task<bool> StopsAsync(int silo)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (drill.Cluster.Silos[silo].Ready && DateTime.UtcNow < until)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        return !drill.Cluster.Silos[silo].Ready;
    }

    private async Task RecordAsync(int silo, string code, string title, bool write, Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            var why = await StopsAsync(silo) ? SiloStopped : $"no answer: {error.GetType().Name} {error.Message}";
            _outcomes.Add(new Outcome(DateTime.UtcNow, silo, code, title, write, 0, why));
            return;
        }

        using (response)
        {
            string? problem = null;
            if ((int)response.StatusCode >= 400)
            {
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                problem = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString() : body;
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.NotNull(response.Headers.RetryAfter);
                }
            }

            _outcomes.Add(new Outcome(DateTime.UtcNow, silo, code, title, write, response.StatusCode, problem));
        }
    }
}
