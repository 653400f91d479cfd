using System.Net;
using DoiThoai.Api.Tests.Servers;

namespace DoiThoai.Api.Tests;

/// <summary>Announcements spoken in Vietnamese (espeak-ng) and streamed to the commune's Icecast mount.</summary>
public sealed class LoudspeakerDeliveryTests : IAsyncLifetime
{
    private readonly IcecastServer _icecast = new();
    private readonly PlatformFactory _platform = new();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _icecast.StartAsync();
        _platform.Settings["Loudspeaker:Icecast:Url"] = _icecast.Url;
        _platform.Settings["Loudspeaker:Icecast:SourcePassword"] = IcecastServer.SourcePassword;
        _platform.Settings["Loudspeaker:Icecast:WordsPerMinute"] = "320";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _client = _platform.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _icecast.DisposeAsync();
    }

    [Fact]
    public async Task An_urgent_session_is_announced_at_once_on_the_communes_loudspeakers_and_can_be_heard()
    {
        var ready = await (await _client.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("loudspeaker").Str("status"));
        var listening = _icecast.ListenAsync("/xa-19009.mp3", TimeSpan.FromSeconds(90));

        var session = await (await _client.PostJsonAsync("/api/communes/19009/sessions", """
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về sạt lở bờ sông Gianh", "startsAt": "2026-11-02T14:00:00+07:00",
             "durationMinutes": 60, "venue": "Nhà văn hóa tổ dân phố 4", "urgentReason": "Sạt lở đe dọa 15 hộ dân ven sông"}
            """)).JsonAsync(HttpStatusCode.Created);

        var (seconds, rms) = await listening;
        Assert.True(seconds > 5, $"Heard only {seconds} s");
        Assert.True(rms > 0.02, $"What played was near silence (RMS {rms})");

        var deliveries = await Eventually.ReachedAsync(
            async () => await (await _client.Get($"/api/communes/19009/sessions/{session.Str("id")}/deliveries?channel=loudspeaker")).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("items").EnumerateArray().Any(i => i.Str("status") == "sent"), TimeSpan.FromSeconds(30), "the broadcast recorded as sent");
        var broadcast = Assert.Single(deliveries.GetProperty("items").EnumerateArray());
        Assert.Equal(("broadcast-20261102-0900", "2026-11-02T09:00:00+07:00"), (broadcast.Str("notice"), broadcast.Str("dueAt")));
    }
}
