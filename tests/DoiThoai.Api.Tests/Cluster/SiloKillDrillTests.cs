using System.Net;

namespace DoiThoai.Api.Tests.Cluster;

/// <summary>
/// Ten communes of Đà Nẵng announce urgent dialogues at once to 1,000 residents each (10,000 recipients, e-mail and SMS)
/// on a 3-silo cluster, and one silo is killed with SIGKILL in the middle of the fan-out. The other silos take over what
/// it held once its lease runs out: every resident gets the invitation on both channels, each recorded once, and a
/// message sent twice is one the dead silo had in hand (sent, not yet recorded) at the moment of the kill.
/// </summary>
[Collection(ClusterDrills.Name)]
public class SiloKillDrillTests : IAsyncLifetime
{
    private const int CommuneCount = 10;
    private const int People = 1000;

    private readonly ClusterDrill _drill;

    public SiloKillDrillTests()
        : this(azure: false)
    {
    }

    protected SiloKillDrillTests(bool azure) => _drill = new ClusterDrill(azure: azure);

    /// <summary>The topology the drill's figures are reported for.</summary>
    protected virtual string Topology => "PostgreSQL";

    public ValueTask InitializeAsync() => new(_drill.StartAsync());

    public ValueTask DisposeAsync() => _drill.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_during_a_10000_recipient_fanout_loses_nothing_and_repeats_only_what_it_held()
    {
        var communes = ClusterDrill.Communes(CommuneCount);
        for (var c = 0; c < CommuneCount; c++)
        {
            await _drill.ImportResidentsAsync(c, communes[c], People, _drill.ClientFor(c));
        }

        var startsAt = DateTimeOffset.UtcNow.AddHours(3);
        var sessions = new List<string>();
        for (var c = 0; c < CommuneCount; c++)
        {
            sessions.Add(await _drill.ScheduleUrgentAsync(communes[c], startsAt, _drill.ClientFor(c)));
        }

        // The communes' grains live on more than one silo.
        var silos = await (await _drill.Client.Get("/api/cluster/silos")).JsonAsync(HttpStatusCode.OK);
        var hosting = silos.EnumerateArray()
            .Where(s => s.Str("status") == "Active" && s.GetProperty("activationsByType").TryGetProperty("CommuneGrain", out var n) && n.GetInt32() > 0)
            .Select(s => s.Str("name")).ToList();
        Assert.True(hosting.Count >= 2, $"Commune grains on {string.Join(", ", hosting)} only: {silos}");
        // Each active silo tells the operator how much managed memory it holds.
        Assert.All(silos.EnumerateArray().Where(s => s.Str("status") == "Active"),
            s => Assert.True(s.GetProperty("managedMemoryBytes").GetInt64() > 1_000_000, $"{s}"));


        const int total = 2 * CommuneCount * People;
        await Eventually.ReachedAsync(() => Task.FromResult(_drill.Smtp.Count() + _drill.Kannel.Received.Count), n => n >= total / 4,
            TimeSpan.FromMinutes(3), "a quarter of the messages sent");
        await _drill.Cluster.KillSiloAsync(1);
        var atKill = (Email: _drill.Smtp.Count(), Sms: _drill.Kannel.Received.Count);
        var killedAt = DateTime.UtcNow;

        for (var c = 0; c < CommuneCount; c++)
        {
            var (code, id) = (communes[c], sessions[c]);
            await Eventually.ReachedAsync(() => _drill.TallyAsync(code, id),
                t => t is not null && t["email"].Done == People && t["sms"].Delivered == People, TimeSpan.FromMinutes(4), $"every invitation of {code} sent and delivered");
        }

        var recovered = DateTime.UtcNow - killedAt;
        for (var c = 0; c < CommuneCount; c++)
        {
            var tally = (await _drill.TallyAsync(communes[c], sessions[c]))!;
            Assert.Equal(new Tally(0, People, 0, 0, 0), tally["email"]);
            Assert.Equal(new Tally(0, 0, People, 0, 0), tally["sms"]);
        }

        var emails = _drill.Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToList();
        var texts = _drill.Kannel.Received.Select(m => ClusterDrill.Last9(m.To)).ToList();
        var expectedEmails = Enumerable.Range(0, CommuneCount).SelectMany(c => Enumerable.Range(0, People).Select(i => ClusterDrill.Email(c, i)));
        var expectedTexts = Enumerable.Range(0, CommuneCount).SelectMany(c => Enumerable.Range(0, People).Select(i => ClusterDrill.Last9(ClusterDrill.Mobile(c, i))));
        Assert.Equal(expectedEmails.Order(StringComparer.Ordinal), emails.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(expectedTexts.Order(StringComparer.Ordinal), texts.Distinct().Order(StringComparer.Ordinal));

        var (emailTwice, smsTwice) = (emails.Count - emails.Distinct().Count(), texts.Count - texts.Distinct().Count());
        var peaks = _drill.Cluster.Silos.Where(s => s.ProcessId is not null).Select(s => PeakResidentMebibytes(s.ProcessId!.Value)).ToList();
        TestContext.Current.SendDiagnosticMessage(
            $"Silo kill drill ({Topology}): killed with {atKill.Email} e-mails and {atKill.Sms} SMS of {total / 2} each sent; lost 0; " +
            $"sent twice: {emailTwice} e-mails, {smsTwice} SMS; all recorded {recovered.TotalSeconds:F0} s after the kill; " +
            $"peak resident memory of the surviving silos: {string.Join(", ", peaks)} MiB.");
        Assert.InRange(emailTwice, 0, ClusterDrill.EmailInHandPerSilo);
        Assert.InRange(smsTwice, 0, ClusterDrill.SmsInHandPerSilo);
    }

    /// <summary>The most memory the process has held resident (VmHWM), what a container's memory request must cover.</summary>
    private static long PeakResidentMebibytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}

/// <summary>The same drill on the Azure topology: membership and grain state in Azure Storage (Azurite), the outbox in PostgreSQL.</summary>
[Collection(ClusterDrills.Name)]
public sealed class AzureSiloKillDrillTests() : SiloKillDrillTests(azure: true)
{
    protected override string Topology => "Azure Storage";
}
