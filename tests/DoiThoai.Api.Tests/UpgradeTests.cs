using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests;

/// <summary>
/// Data written by an earlier version of the real program, read by this one. Each fixture is the embedded
/// platform's data folder as that version left it (Fixtures/, with what it holds said in its test).
/// </summary>
public sealed class UpgradeTests
{
    private const string MuongGion = "03694"; // Xã Mường Giôn, Sơn La

    /// <summary>
    /// Written before residents' requests left the commune's calendar for a grain of their own: Mường Giôn holds one
    /// request (DN-2026-001, 180 of 1,500 voters, so a dialogue is owed) in its calendar's state.
    /// </summary>
    [Fact]
    public async Task Residents_requests_kept_in_the_calendar_by_the_earlier_version_are_taken_over_and_still_counted_owed()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "doithoai-upgrade-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "before-dialogue-requests-grain", "doithoai.db"), Path.Combine(dataDir, "doithoai.db"));
        try
        {
            await using (var silo = new SiloProcess(dataDir))
            {
                await silo.StartAsync();
                using var client = silo.CreateClient();

                // The province sees the owed dialogue before anyone opens the requests, and after.
                Assert.Equal(1, await OwedAsync(client));
                var requests = await (await client.Get($"/api/communes/{MuongGion}/dialogue-requests")).JsonAsync(HttpStatusCode.OK);
                var request = Assert.Single(requests.EnumerateArray());
                Assert.Equal(("DN-2026-001", "Ô nhiễm nguồn nước suối Nậm La", 180, true), (request.Str("id"), request.Str("subject"),
                    request.GetProperty("signatures").GetInt32(), request.GetProperty("owed").GetBoolean()));
                Assert.Equal(1, await OwedAsync(client));

                // Numbering goes on from the request taken over.
                var next = await (await client.PostJsonAsync($"/api/communes/{MuongGion}/dialogue-requests", """
                    {"subject": "Đường vào bản Nà Tấu sạt lở", "signatures": 200, "voters": 1500, "receivedOn": "2026-11-25"}
                    """)).JsonAsync(HttpStatusCode.Created);
                Assert.Equal("DN-2026-002", next.Str("id"));
                await Eventually.ReachedAsync(() => OwedAsync(client), owed => owed == 2, TimeSpan.FromSeconds(10), "two dialogues owed");
            }

            // Taken over once: after a restart both are there, not three.
            await using (var again = new SiloProcess(dataDir))
            {
                await again.StartAsync();
                using var client = again.CreateClient();
                var requests = await (await client.Get($"/api/communes/{MuongGion}/dialogue-requests")).JsonAsync(HttpStatusCode.OK);
                Assert.Equal(["DN-2026-002", "DN-2026-001"], requests.EnumerateArray().Select(r => r.Str("id")));
                Assert.Equal(2, await OwedAsync(client));
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<int> OwedAsync(HttpClient client)
    {
        var overview = await (await client.Get("/api/provinces/14/overview")).JsonAsync(HttpStatusCode.OK);
        return overview.GetProperty("communes").EnumerateArray().Single(c => c.Str("code") == MuongGion).GetProperty("dialogueRequestsOwed").GetInt32();
    }
}
