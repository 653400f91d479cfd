using System.Net;
using DoiThoai.TestServers;

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
    public async Task An_urgent_session_is_announced_at_once_on_the_clusters_of_its_hamlets_and_can_be_heard()
    {
        var ready = await (await _client.Get("/health/ready")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("loudspeaker").Str("status"));
        await (await _client.PutJsonAsync("/api/communes/19009/loudspeakers", """
            {"slots": ["05:30", "11:00", "17:30"],
             "clusters": [{"id": "to-4", "name": "Cụm loa tổ dân phố 4", "hamlets": ["Tổ dân phố 4"]},
                          {"id": "to-5-6", "name": "Cụm loa tổ dân phố 5 và 6", "hamlets": ["Tổ dân phố 5", "Tổ dân phố 6"]}]}
            """)).JsonAsync(HttpStatusCode.OK);
        var listening = _icecast.ListenAsync("/xa-19009-to-4.mp3", TimeSpan.FromSeconds(90));

        var session = await (await _client.PostJsonAsync("/api/communes/19009/sessions", """
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về sạt lở bờ sông Gianh", "startsAt": "2026-11-02T14:00:00+07:00",
             "durationMinutes": 60, "venue": "Nhà văn hóa tổ dân phố 4", "urgentReason": "Sạt lở đe dọa 15 hộ dân ven sông",
             "audience": {"hamlets": ["Tổ dân phố 4"]}}
            """)).JsonAsync(HttpStatusCode.Created);

        var (seconds, rms) = await listening;
        Assert.True(seconds > 5, $"Heard only {seconds} s");
        Assert.True(rms > 0.02, $"What played was near silence (RMS {rms})");

        var url = $"/api/communes/19009/sessions/{session.Str("id")}/deliveries?channel=loudspeaker";
        var deliveries = await Eventually.ReachedAsync(async () => await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("items").EnumerateArray().Any(i => i.Str("status") == "sent"), TimeSpan.FromSeconds(30), "the broadcast recorded as sent");
        // At once on the hamlet's cluster, then in the commune's own 11:00 slot; never on the other hamlets' cluster.
        Assert.Equal(
            [("broadcast-20261102-0900", "to-4", "2026-11-02T09:00:00+07:00", "sent"), ("broadcast-20261102-1100", "to-4", "2026-11-02T11:00:00+07:00", "pending")],
            deliveries.GetProperty("items").EnumerateArray().Select(i => (i.Str("notice"), i.Str("recipientId"), i.Str("dueAt"), i.Str("status"))).Order().ToList());

        // 11:00: the slot's broadcast plays on the same cluster.
        var slot = _icecast.ListenAsync("/xa-19009-to-4.mp3", TimeSpan.FromSeconds(90));
        _platform.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.FromHours(7)));
        var (slotSeconds, slotRms) = await slot;
        Assert.True(slotSeconds > 5 && slotRms > 0.02, $"The 11:00 broadcast was not heard ({slotSeconds} s, RMS {slotRms})");
        await Eventually.ReachedAsync(async () => await (await _client.Get(url)).JsonAsync(HttpStatusCode.OK),
            r => r.GetProperty("items").EnumerateArray().All(i => i.Str("status") == "sent"), TimeSpan.FromSeconds(30), "both broadcasts sent");
    }

    [Fact]
    public async Task A_loudspeaker_system_with_a_wrong_slot_or_twice_the_same_cluster_is_refused_and_the_old_one_stays()
    {
        var before = await (await _client.Get("/api/communes/19009/loudspeakers")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(["06:00", "17:00"], before.GetProperty("slots").EnumerateArray().Select(s => s.GetString()));

        var badSlot = await (await _client.PutJsonAsync("/api/communes/19009/loudspeakers", """
            {"slots": ["25:00"], "clusters": [{"id": "toan-xa", "name": "Cụm loa toàn xã"}]}
            """)).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("25:00", badSlot.GetProperty("errors").GetProperty("slots")[0].GetString(), StringComparison.Ordinal);
        var twice = await (await _client.PutJsonAsync("/api/communes/19009/loudspeakers", """
            {"slots": ["06:00"], "clusters": [{"id": "thon-1", "name": "Cụm 1"}, {"id": "thon-1", "name": "Cụm 1 bis"}, {"id": "Thôn 2", "name": "Cụm 2"}]}
            """)).JsonAsync(HttpStatusCode.BadRequest);
        var errors = twice.GetProperty("errors").GetProperty("loudspeakers").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("Mã cụm loa không được trùng nhau.", errors);
        Assert.Contains(errors, e => e.Contains("'Thôn 2'", StringComparison.Ordinal));

        var after = await (await _client.Get("/api/communes/19009/loudspeakers")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }
}
