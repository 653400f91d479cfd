namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// The SMTP server and the SMS gateway are both down for two minutes while two communes announce urgent dialogues on
/// the cluster. Nothing is lost while they are away: the messages wait, retried with backoff, and once the servers are
/// back every resident gets the e-mail and the SMS exactly once.
/// </summary>
[Collection(ClusterDrills.Name)]
public sealed class ChannelOutageDrillTests : IAsyncLifetime
{
    private const int CommuneCount = 2;
    private const int People = 300;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    private readonly ClusterDrill _drill = new();

    public ValueTask InitializeAsync() => new(_drill.StartAsync());

    public ValueTask DisposeAsync() => _drill.DisposeAsync();

    [Fact]
    public async Task With_SMTP_and_SMS_down_for_two_minutes_every_message_goes_out_once_after_recovery()
    {
        var communes = ClusterDrill.Communes(CommuneCount);
        for (var c = 0; c < CommuneCount; c++)
        {
            await _drill.ImportResidentsAsync(c, communes[c], People, _drill.ClientFor(c));
        }

        await _drill.Smtp.StopAsync();
        await _drill.Kannel.StopSendSmsAsync();
        var down = DateTime.UtcNow;
        var sessions = new List<string>();
        for (var c = 0; c < CommuneCount; c++)
        {
            sessions.Add(await _drill.ScheduleUrgentAsync(communes[c], DateTimeOffset.UtcNow.AddHours(4), _drill.ClientFor(c)));
        }

        // While the servers are away the messages wait, each tried and retried, none given up.
        var retried = await Eventually.ReachedAsync(() => _drill.RowsAsync(communes[0], sessions[0]),
            rows => rows.Count(r => r.Str("channel") != "loudspeaker" && r.GetProperty("attempts").GetInt32() >= 2) == 2 * People,
            Outage, "every message tried again");
        Assert.All(retried.Where(r => r.Str("channel") != "loudspeaker"), r => Assert.Equal("pending", r.Str("status")));

        var rest = Outage - (DateTime.UtcNow - down);
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest, TestContext.Current.CancellationToken); // the outage lasts its two minutes
        }

        await _drill.Smtp.StartAsync();
        await _drill.Kannel.StartSendSmsAsync();
        var back = DateTime.UtcNow;
        for (var c = 0; c < CommuneCount; c++)
        {
            var (code, id) = (communes[c], sessions[c]);
            await Eventually.ReachedAsync(() => _drill.TallyAsync(code, id), t => t is not null && t["email"].Done == People && t["sms"].Delivered == People,
                TimeSpan.FromMinutes(3), $"every message of {code} out after the outage");
        }

        var recovered = DateTime.UtcNow - back;
        var emails = _drill.Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToList();
        var texts = _drill.Kannel.Received.Select(m => ClusterDrill.Last9(m.To)).ToList();
        Assert.Equal(Enumerable.Range(0, CommuneCount).SelectMany(c => Enumerable.Range(0, People).Select(i => ClusterDrill.Email(c, i))).Order(StringComparer.Ordinal),
            emails.Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(0, CommuneCount).SelectMany(c => Enumerable.Range(0, People).Select(i => ClusterDrill.Last9(ClusterDrill.Mobile(c, i)))).Order(StringComparer.Ordinal),
            texts.Order(StringComparer.Ordinal));
        TestContext.Current.SendDiagnosticMessage(
            $"Channel outage drill: SMTP and SMS down {(back - down).TotalSeconds:F0} s; {emails.Count} e-mails and {texts.Count} SMS, " +
            $"every one delivered {recovered.TotalSeconds:F0} s after the servers came back; lost 0, sent twice 0.");
    }
}
