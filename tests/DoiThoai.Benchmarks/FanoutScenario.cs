using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DoiThoai.Benchmarks;

/// <summary>
/// An urgent session in one commune reaching N people on one channel, end to end through the running platform (the
/// silo program, its outbox and dispatcher), against the same channel driven raw in the same run with the same
/// concurrency: MailKit over kept-open connections to the same SMTP server; HTTP sendsms to the same Kannel.
/// Urgent, so that quiet hours never hold the run; the time runs from the request that schedules the session to the
/// moment every message is recorded sent (accepted by the SMTP server, or by Kannel).
/// </summary>
public static class FanoutScenario
{
    private const string Commune = "20260"; // Phường Cẩm Lệ, Đà Nẵng
    private const string WarmUpCommune = "20257"; // Phường Hoà Cường, Đà Nẵng: the platform's warm-up, not counted
    private const int WarmUp = 1_000; // messages, on each side, before anything is timed
    private const int SmtpConnections = 4; // SmtpOptions.MaxConnections by default
    private const int KannelConcurrency = 16; // KannelOptions.MaxConcurrency by default
    private const int KannelPerRequest = 50; // KannelOptions.MaxRecipientsPerRequest by default

    /// <summary>The sendsms requests at a time and the phones in each, the platform's and the raw loop's alike.</summary>
    private static (int Concurrency, int PerRequest) _kannel = (KannelConcurrency, KannelPerRequest);

    /// <summary>The text the raw loop and the peers send: an urgent invitation without diacritics, as the platform's.</summary>
    internal const string SmsText = "UBND phuong Cam Le moi Ong/Ba du hoi nghi doi thoai dot xuat luc 14:00 20/11/2026 tai Nha van hoa to dan pho 3.";

    public static async Task<BenchmarkReport> EmailAsync(BenchmarkArguments arguments)
    {
        var n = arguments.Recipients;
        await using var smtp = new SmtpSink();
        await smtp.StartAsync();
        await using var silo = new SiloProcess();
        silo.Settings["Email:Smtp:Host"] = "127.0.0.1";
        silo.Settings["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        silo.Settings["Email:Smtp:From"] = "UBND phường Cẩm Lệ <ubnd@camle.danang.gov.vn>";
        PrepareSilo(silo);
        await silo.StartAsync();
        using var client = silo.CreateClient(TimeSpan.FromMinutes(5));
        await ImportAsync(client, n, i => ("", $"nguoi{i}@example.vn"));
        await ImportAsync(client, WarmUp, i => ("", $"khoi{i}@example.vn"), WarmUpCommune);

        // Both sides warm up first (the JIT, first connections), not counted: the raw loop, then the platform with a
        // session of its own in another commune.
        Console.WriteLine($"warming up: {WarmUp} e-mails raw, then {WarmUp} from the platform (not counted)…");
        await RawEmailAsync(smtp.Port, WarmUp);
        await PlatformAsync(client, "email", WarmUp, WarmUpCommune);
        Require.That(smtp.Count() == 2 * WarmUp, $"The SMTP server holds {smtp.Count()} messages after the warm-up, not {2 * WarmUp}.");

        Console.WriteLine($"raw: {n} e-mails through MailKit over {SmtpConnections} connections…");
        var raw = await RawEmailAsync(smtp.Port, n);
        Require.That(smtp.Count() == 2 * WarmUp + n, $"The SMTP server holds {smtp.Count() - 2 * WarmUp} messages after the raw run, not {n}.");

        Console.WriteLine($"platform: an urgent session to {n} e-mail addresses…");
        var platform = await PlatformAsync(client, "email", n);
        Require.That(smtp.Count() == 2 * WarmUp + 2 * n, $"The SMTP server holds {smtp.Count() - 2 * WarmUp - n} messages from the platform, not {n}.");

        await using (await Peers.PeerEmail.UseAsync(smtp.Port, SmtpConnections))
        {
            var peerRows = await PeersAsync(Peers.PeerChannel.Email, n, smtp.Count, n / platform.Total.TotalSeconds);
            return Report("fanout-email", n, raw, platform, $"SMTP: aiosmtpd (Maildir), {SmtpConnections} connections on both sides; " +
                $"each side sent {WarmUp} first, not counted. " + PeersSetup + $" Their jobs share {SmtpConnections} kept-open connections.", extraRows: peerRows);
        }
    }

    public static async Task<BenchmarkReport> SmsAsync(BenchmarkArguments arguments)
    {
        var n = arguments.Recipients;
        _kannel = arguments.Kannel ?? (KannelConcurrency, KannelPerRequest);
        await using var kannel = new KannelGateway();
        await kannel.StartAsync();
        await using var silo = new SiloProcess();
        UseKannel(silo, kannel, deliveryReports: true);
        silo.Settings["Sms:Kannel:MaxConcurrency"] = _kannel.Concurrency.ToString(CultureInfo.InvariantCulture);
        silo.Settings["Sms:Kannel:MaxRecipientsPerRequest"] = _kannel.PerRequest.ToString(CultureInfo.InvariantCulture);
        PrepareSilo(silo);
        await silo.StartAsync();
        using var client = silo.CreateClient(TimeSpan.FromMinutes(5));
        await ImportAsync(client, n, Phone);
        await ImportAsync(client, WarmUp, i => Phone(50_000_000 + i), WarmUpCommune);

        // Both sides warm up first (the JIT, first connections), not counted: the raw loop, then the platform with a
        // session of its own in another commune, each until Kannel has reported every message delivered, and each in
        // rounds until a round leaves its process's JIT compiler nearly idle.
        using var reports = new DeliveryReportSink();
        Console.WriteLine($"warming up: rounds of {WarmUp} SMS raw, then of {WarmUp} from the platform (not counted)…");
        var warmUp = await JitSettling.WarmUpAsync(Environment.ProcessId, "harness", () => RawSmsRunAsync(kannel, reports, WarmUp));
        warmUp += "; " + await JitSettling.WarmUpAsync(silo.ProcessId!.Value, "silo", () => PlatformAsync(client, "sms", WarmUp, WarmUpCommune, untilDelivered: true));

        // The raw loop runs before and after the platform and the ratio is taken against the two together: on
        // these 2 cores the same raw loop measured anywhere from 780 to 1,330 messages/s from one run to the next.
        var before = await RawSmsRunAsync(kannel, reports, n);

        Console.WriteLine($"platform: an urgent session to {n} phones…");
        var atSmscBefore = kannel.Received.Count;
        var (cpu, jit) = (CpuShare.Start(), JitSettling.Measure(silo.ProcessId!.Value));
        var platform = await PlatformAsync(client, "sms", n);
        List<Measurement> cpuRows = [.. cpu.StopRows("platform"), new("platform: CPU, the silo's JIT compiler (part of silos)", jit(), "% of a core")];
        var atSmsc = await WaitAsync(() => kannel.Received.Count >= atSmscBefore + n, TimeSpan.FromMinutes(10), "the simulated SMSC receiving the platform's run");
        // Its delivery reports recorded before the raw loop runs again, which would otherwise share the machine with them.
        await PlatformDeliveredAsync(client, platform.Session, n);

        var after = await RawSmsRunAsync(kannel, reports, n);

        using var peerTarget = Peers.PeerSms.Use(kannel, reports);
        var peerRows = arguments.Peers ? await PeersAsync(Peers.PeerChannel.Sms, n, () => kannel.Received.Count, n / platform.Total.TotalSeconds) : [];
        return Report("fanout-sms", n, before + after, platform,
            $"Kannel bearerbox + smsbox (with TCP_NODELAY, infra/kannel/tcp-nodelay.c), fakesmsc as the SMSC; {_kannel.Concurrency} sendsms requests at a time " +
            $"of up to {_kannel.PerRequest} phones each (the same text) on both sides, both asking for delivery reports (the platform records them; the raw loop's go to a bare HTTP listener). " +
            $"The raw loop ran before and after the platform ({n / before.TotalSeconds:0} and {n / after.TotalSeconds:0} messages/s); " +
            $"its figure is the two runs together. Warm-up, not counted: {warmUp}. " +
            $"All {n} of the platform's SMS were at the simulated SMSC {atSmsc.TotalSeconds:0.0} s after the last was handed over. " +
            PeersSetup + " Their delivery reports go to the raw loop's listener.",
            rawRuns: 2, [.. cpuRows, .. peerRows]);
    }

    private static readonly string PeersSetup =
        $"Peers (after the platform; configurations in BENCHMARKS.md, Peers): in the harness's process, {Peers.PeerRun.Workers} jobs at a time, " +
        $"{Peers.PeerRun.Producers} threads creating them, timed from the first created to the last done (the server accepted its message), " +
        $"each after {Peers.PeerRun.WarmUp} jobs not counted.";

    /// <summary>
    /// The same N messages through the same server as one job each, in the job libraries a team would pick instead
    /// of the platform (Peers/), each on its durable store: each peer's rate and the platform's against it.
    /// </summary>
    private static async Task<List<Measurement>> PeersAsync(Peers.PeerChannel channel, int n, Func<int> atServer, double platformRate)
    {
        var what = channel == Peers.PeerChannel.Sms ? "SMS" : "e-mails";
        List<Measurement> rows = [];
        Console.WriteLine($"peer: {n} {what} as Hangfire jobs on SQLite…");
        Add("Hangfire 1.8 on SQLite", await Peers.HangfirePeer.OnSqliteAsync((peer, store) => Peers.HangfirePeer.FanoutAsync(peer, store, channel, n, atServer)));
        await using var postgres = new PostgresServer();
        await postgres.StartAsync();
        Console.WriteLine($"peer: {n} {what} as Hangfire jobs on PostgreSQL…");
        Add("Hangfire 1.8 on PostgreSQL", await Peers.HangfirePeer.OnPostgresAsync(postgres, (peer, store) => Peers.HangfirePeer.FanoutAsync(peer, store, channel, n, atServer)));
        Console.WriteLine($"peer: {n} {what} as Quartz one-shot triggers on PostgreSQL…");
        Add("Quartz 4.7 on PostgreSQL", await Peers.QuartzPeer.OnPostgresAsync(postgres, (peer, scheduler) => Peers.QuartzPeer.FanoutAsync(peer, scheduler, channel, n, atServer)));
        return rows;

        void Add(string peer, TimeSpan elapsed)
        {
            rows.Add(new($"peer: {peer} (one job per message)", n / elapsed.TotalSeconds, "messages/s"));
            rows.Add(new($"ratio platform / {peer}", platformRate / (n / elapsed.TotalSeconds), ""));
        }
    }

    /// <summary>N raw SMS, then the wait until the simulated SMSC has them and Kannel has reported each (not timed).</summary>
    private static async Task<TimeSpan> RawSmsRunAsync(KannelGateway kannel, DeliveryReportSink reports, int n)
    {
        Console.WriteLine($"raw: {n} SMS through HTTP sendsms, {_kannel.Concurrency} requests of {_kannel.PerRequest} phones at a time…");
        var (atSmscBefore, reportedBefore) = (kannel.Received.Count, reports.Count);
        var elapsed = await RawSmsAsync(kannel, reports, n);
        await WaitAsync(() => kannel.Received.Count >= atSmscBefore + n && reports.Count >= reportedBefore + n, TimeSpan.FromMinutes(10),
            "the simulated SMSC receiving the raw run, and its delivery reports");
        return elapsed;
    }

    /// <summary>The i-th resident's mobile number, for an SMS fan-out's contact list.</summary>
    internal static (string Phone, string Email) Phone(int i) => ($"09{i % 100_000_000:D8}", "");

    /// <summary>The silo sends SMS through this Kannel; with delivery reports, Kannel calls the silo back for each.</summary>
    public static void UseKannel(SiloProcess silo, KannelGateway kannel, bool deliveryReports)
    {
        silo.Settings["Sms:Kannel:SendUrl"] = kannel.SendUrl;
        silo.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        silo.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        if (deliveryReports)
        {
            silo.Settings["Sms:Kannel:DlrUrl"] = new Uri(silo.BaseAddress, "/api/sms/dlr").ToString();
            silo.Settings["Sms:Kannel:DlrSecret"] = "benchmark-dlr-secret";
        }
    }

    internal static void PrepareSilo(SiloProcess silo)
    {
        silo.Settings["Delivery:PollInterval"] = "00:00:00.050";
        silo.Settings["Logging:LogLevel:Default"] = "Warning";
    }

    private static BenchmarkReport Report(string scenario, int n, TimeSpan raw, (TimeSpan Total, TimeSpan FirstSent, string Session) platform, string setup,
        int rawRuns = 1, IEnumerable<Measurement>? extraRows = null)
    {
        var rawRate = rawRuns * n / raw.TotalSeconds;
        var platformRate = n / platform.Total.TotalSeconds;
        return new BenchmarkReport(scenario, setup,
        [
            new("recipients", n, "messages"),
            new("raw channel", rawRate, "messages/s"),
            new("platform, schedule → all sent", platformRate, "messages/s"),
            new("ratio platform / raw", platformRate / rawRate, ""),
            new("platform, schedule → first sent", platform.FirstSent.TotalSeconds, "s"),
            .. extraRows ?? [],
        ],
        ["Target (issue 7): ratio ≥ 0.9."]);
    }

    /// <summary>The commune's contact list: N people in 8 hamlets, each agreeing to the channel they gave.</summary>
    internal static async Task ImportAsync(HttpClient client, int people, Func<int, (string Phone, string Email)> address, string commune = Commune)
    {
        const int PerFile = 20_000; // within the import's 4 MiB limit
        for (var first = 0; first < people; first += PerFile)
        {
            var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
            for (var i = first; i < Math.Min(people, first + PerFile); i++)
            {
                var (phone, email) = address(i);
                csv.Append(CultureInfo.InvariantCulture,
                    $"Nguyễn Văn An {i},người dân,Tổ dân phố {i % 8 + 1},{phone},{email},{(phone.Length > 0 ? "có" : "không")},{(email.Length > 0 ? "có" : "không")}\n");
            }

            using var response = await client.PostAsync($"/api/communes/{commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            Require.That(response.StatusCode == HttpStatusCode.OK && report.GetProperty("rejected").GetInt32() == 0,
                $"The contact import failed: {(int)response.StatusCode} {report}");
        }
    }

    /// <summary>How many sessions the benchmark has scheduled: each starts two hours after the one before.</summary>
    private static int _sessions;

    /// <summary>
    /// Schedules an urgent session and waits until every message of the channel is sent (or delivered; with
    /// <paramref name="untilDelivered"/>, until each is reported delivered).
    /// </summary>
    internal static async Task<(TimeSpan Total, TimeSpan FirstSent, string Session)> PlatformAsync(HttpClient client, string channel, int n, string commune = Commune, bool untilDelivered = false)
    {
        // Three hours ahead (urgent: ordinary notice could not reach it), each session in a hall of its own: no clash.
        var round = Interlocked.Increment(ref _sessions);
        var startsAt = DateTimeOffset.UtcNow.AddHours(3).ToOffset(TimeSpan.FromHours(7));
        var body = $$"""
            {"kind": "urgent", "form": "in-person", "title": "Đối thoại về ngập úng khu dân cư sau mưa lớn",
             "startsAt": "{{startsAt:yyyy-MM-dd'T'HH:mm:00zzz}}", "durationMinutes": 90, "venue": "Nhà văn hóa tổ dân phố 3, lượt {{round}}",
             "urgentReason": "Mưa lớn gây ngập sâu nhiều tuyến đường, người dân kiến nghị khẩn"}
            """;
        var clock = Stopwatch.StartNew();
        using var created = await client.PostAsync($"/api/communes/{commune}/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        var session = await created.Content.ReadFromJsonAsync<JsonElement>();
        Require.That(created.StatusCode == HttpStatusCode.Created, $"Scheduling failed: {(int)created.StatusCode} {session}");
        var id = session.GetProperty("id").GetString()!;
        var (total, first) = await WatchAsync(client, commune, id, channel, n, untilDelivered, clock);
        return (total, first, id);
    }

    /// <summary>Waits until every SMS of the benchmark commune's session is reported delivered.</summary>
    private static Task PlatformDeliveredAsync(HttpClient client, string session, int n) =>
        WatchAsync(client, Commune, session, "sms", n, untilDelivered: true, Stopwatch.StartNew());

    /// <summary>
    /// Reads the session's deliveries until N messages of the channel are sent (or delivered): when the first was,
    /// and when the last, on the given clock.
    /// </summary>
    private static async Task<(TimeSpan Total, TimeSpan FirstSent)> WatchAsync(HttpClient client, string commune, string session, string channel, int n,
        bool untilDelivered, Stopwatch clock)
    {
        TimeSpan? first = null;
        while (true)
        {
            var report = await client.GetFromJsonAsync<JsonElement>($"/api/communes/{commune}/sessions/{session}/deliveries?channel={channel}&pageSize=1");
            var tally = report.GetProperty("byChannel").EnumerateArray().FirstOrDefault(t => t.GetProperty("channel").GetString() == channel);
            var delivered = tally.ValueKind == JsonValueKind.Undefined ? 0 : tally.GetProperty("delivered").GetInt32();
            var sent = tally.ValueKind == JsonValueKind.Undefined ? 0 : tally.GetProperty("sent").GetInt32() + delivered;
            var failed = tally.ValueKind == JsonValueKind.Undefined ? 0 : tally.GetProperty("failed").GetInt32();
            Require.That(failed == 0, $"{failed} messages failed: the run does not measure a healthy channel.");
            first ??= sent > 0 ? clock.Elapsed : null;
            if ((untilDelivered ? delivered : sent) >= n)
            {
                return (clock.Elapsed, first ?? clock.Elapsed);
            }

            Require.That(clock.Elapsed < TimeSpan.FromMinutes(30), $"Only {sent} of {n} sent ({delivered} delivered) after 30 minutes.");
            // Each look counts the session's messages in the silo under test: four a second while most are still to
            // go, then every 20 ms to catch the end.
            await Task.Delay(sent < 0.9 * n ? 250 : 20);
        }
    }

    private static readonly byte[] InvitationCalendar =
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("BEGIN:VEVENT DTSTART:20261120T010000Z SUMMARY:Hội nghị đối thoại\r\n", 10)));

    private static readonly string InvitationText = string.Concat(Enumerable.Repeat("Ủy ban nhân dân phường Cẩm Lệ trân trọng kính mời Ông/Bà dự hội nghị đối thoại. ", 12));

    /// <summary>
    /// An invitation of the size and shape the platform sends (text and HTML letters and the calendar as
    /// alternatives), for the raw loop and the peers.
    /// </summary>
    internal static MimeMessage Invitation(string to, string messageId)
    {
        var html = $"<!DOCTYPE html><html lang=\"vi\"><body style=\"font-family:serif\"><table><tr><td>ỦY BAN NHÂN DÂN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr></table><h1>GIẤY MỜI</h1><p>{InvitationText}</p></body></html>";
        var mail = new MimeMessage { Subject = "Giấy mời: Hội nghị đối thoại – phường Cẩm Lệ", MessageId = messageId };
        mail.From.Add(MailboxAddress.Parse("ubnd@camle.danang.gov.vn"));
        mail.To.Add(MailboxAddress.Parse(to));
        var calendar = new MimePart("text", "calendar") { Content = new MimeContent(new MemoryStream(InvitationCalendar)), ContentTransferEncoding = ContentEncoding.Base64 };
        calendar.ContentType.Parameters.Add("method", "REQUEST");
        mail.Body = new MultipartAlternative { new TextPart("plain") { Text = InvitationText }, new TextPart("html") { Text = html }, calendar };
        return mail;
    }

    private static async Task<TimeSpan> RawEmailAsync(int port, int n)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, SmtpConnections).Select(async _ =>
        {
            using var smtp = new SmtpClient();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }; // as the platform connects

            await socket.ConnectAsync(IPAddress.Loopback, port);
            await smtp.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < n)
            {
                await smtp.SendAsync(Invitation($"raw{i}@example.vn", $"raw-{i}@doithoai.vn"));
            }

            await smtp.DisconnectAsync(quit: true);
        }));
        return clock.Elapsed;
    }

    /// <summary>HTTP sendsms with what the platform asks of Kannel too: a delivery report to a URL of the caller's.</summary>
    private static async Task<TimeSpan> RawSmsAsync(KannelGateway kannel, DeliveryReportSink reports, int n)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var requests = (n + _kannel.PerRequest - 1) / _kannel.PerRequest;
        await Task.WhenAll(Enumerable.Range(0, _kannel.Concurrency).Select(async _ =>
        {
            int r;
            while ((r = Interlocked.Increment(ref next)) < requests)
            {
                // As the platform's: one request for several phones, the report URL naming the request, %p the phone.
                var to = string.Join(' ', Enumerable.Range(r * _kannel.PerRequest, Math.Min(_kannel.PerRequest, n - r * _kannel.PerRequest))
                    .Select(i => $"+8498{i % 10_000_000:D7}"));
                var url = $"{kannel.SendUrl}?username={KannelGateway.Username}&password={KannelGateway.Password}&from=UBND" +
                    $"&to={Uri.EscapeDataString(to)}&charset=UTF-8&coding=0&text={Uri.EscapeDataString(SmsText)}" +
                    $"&dlr-mask=19&dlr-url={Uri.EscapeDataString(reports.Url + $"?k={r}&p=%p&type=%d")}";
                using var response = await http.GetAsync(url);
                Require.That(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"Kannel refused a raw SMS: {(int)response.StatusCode}");
            }
        }));
        return clock.Elapsed;
    }

    /// <summary>Looks every 50 ms until the condition holds, failing the run after <paramref name="within"/>; how long it took.</summary>
    internal static async Task<TimeSpan> WaitAsync(Func<bool> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Require.That(clock.Elapsed < within, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }

        return clock.Elapsed;
    }
}

/// <summary>A bare HTTP listener that answers Kannel's delivery reports for the raw loop and counts them.</summary>
public sealed class DeliveryReportSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _count;

    public DeliveryReportSink()
    {
        var port = Ports.Free();
        Url = $"http://127.0.0.1:{port}/dlr/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public string Url { get; }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Close();

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                Interlocked.Increment(ref _count);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
