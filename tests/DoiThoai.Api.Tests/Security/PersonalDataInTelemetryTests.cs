using System.Net;
using System.Text;
using System.Text.Json;
using DoiThoai.TestServers;

namespace DoiThoai.Api.Tests.Security;

/// <summary>
/// Residents' phone numbers and e-mail addresses never reach logs, traces or metrics in clear: a whole fan-out
/// through the real SMTP server and SMS gateway (with delivery reports coming back over HTTP), then a consent
/// withdrawal, an export and a deletion, with every log level, span and metric captured.
/// </summary>
public sealed class PersonalDataInTelemetryTests : IAsyncLifetime
{
    private const string Commune = "00340"; // Phường Yên Sở, Hà Nội
    private const int People = 30;

    private readonly SmtpSink _smtp = new();
    private readonly KannelGateway _kannel = new();
    private readonly TelemetryCapture _capture = new();
    private readonly PlatformFactory _platform = new();
    private readonly int _port = Ports.Free();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        await _smtp.StartAsync();
        await _kannel.StartAsync();
        _platform.Settings["Email:Smtp:Host"] = "127.0.0.1";
        _platform.Settings["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _platform.Settings["Email:Smtp:From"] = "UBND phường Yên Sở <ubnd@yenso.hanoi.gov.vn>";
        _platform.Settings["Sms:Kannel:SendUrl"] = _kannel.SendUrl;
        _platform.Settings["Sms:Kannel:Username"] = KannelGateway.Username;
        _platform.Settings["Sms:Kannel:Password"] = KannelGateway.Password;
        _platform.Settings["Sms:Kannel:DlrSecret"] = "dlr-telemetry-secret";
        _platform.Settings["Sms:Kannel:DlrUrl"] = $"http://127.0.0.1:{_port}/api/sms/dlr";
        _platform.Settings["Delivery:PollInterval"] = "00:00:00.100";
        _platform.LogCapture = _capture;
        _platform.UseKestrel(_port);
        _platform.StartServer();
        _client = _platform.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _platform.DisposeAsync();
        _capture.Dispose();
        await _kannel.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static string Phone(int i) => $"0987650{i:D3}";

    private static string Email(int i) => $"cu.dan.yen.so.{i}@example.vn";

    [Fact]
    public async Task A_whole_fan_out_and_a_persons_requests_leave_no_phone_number_or_address_in_clear()
    {
        var csv = new StringBuilder("Họ và tên,Vai trò,Thôn/Tổ dân phố,Số điện thoại,Email,Đồng ý SMS,Đồng ý email\n");
        for (var i = 0; i < People; i++)
        {
            csv.Append($"Cư dân {i},{(i < 5 ? "đại biểu" : "người dân")},Tổ dân phố {i % 3 + 1},{Phone(i)},{Email(i)},có,có\n");
        }

        // One bad line: the refusal names the line, not the number in clear.
        csv.Append($"Cư dân trùng,người dân,Tổ dân phố 1,{Phone(0)},,có,\n");
        await (await _client.PostAsync($"/api/communes/{Commune}/contacts/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken))
            .JsonAsync(HttpStatusCode.OK);
        var session = (await (await _client.PostJsonAsync($"/api/communes/{Commune}/sessions", """
            {"kind": "periodic", "form": "in-person", "title": "Đối thoại định kỳ", "startsAt": "2026-11-20T08:00:00+07:00",
             "durationMinutes": 120, "venue": "Hội trường UBND phường Yên Sở"}
            """)).JsonAsync(HttpStatusCode.Created)).Str("id");

        await Eventually.ReachedAsync(async () =>
            {
                var report = await (await _client.Get($"/api/communes/{Commune}/sessions/{session}/deliveries")).JsonAsync(HttpStatusCode.OK);
                var tallies = report.GetProperty("byChannel").EnumerateArray().ToDictionary(t => t.Str("channel"));
                return (Email: tallies.TryGetValue("email", out var e) ? e.GetProperty("sent").GetInt32() : 0,
                        Sms: tallies.TryGetValue("sms", out var s) ? s.GetProperty("delivered").GetInt32() : 0);
            },
            counts => counts.Email == People && counts.Sms == People, TimeSpan.FromSeconds(60), "every invitation e-mailed and every SMS reported delivered");
        Assert.Equal(People, _smtp.Count());

        var contacts = await (await _client.Get($"/api/communes/{Commune}/contacts?pageSize=200")).JsonAsync(HttpStatusCode.OK);
        var first = contacts.GetProperty("items")[0].Str("id");
        await (await _client.PutJsonAsync($"/api/communes/{Commune}/contacts/{first}/consent", """{"sms": false, "email": false}""")).JsonAsync(HttpStatusCode.OK);
        await (await _client.Get($"/api/communes/{Commune}/contacts/{first}/export")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.Delete($"/api/communes/{Commune}/contacts/{first}")).StatusCode);

        var text = _capture.Text;
        Assert.True(_capture.Count > 500, $"Only {_capture.Count} records captured: the capture is not seeing the platform.");
        Assert.Contains($"Commune {Commune} deleted contact {first}", text, StringComparison.Ordinal); // the platform's own logs are seen
        for (var i = 0; i < People; i++)
        {
            var national = Phone(i);
            foreach (var form in new[] { national, "+84" + national[1..], "84" + national[1..], "%2B84" + national[1..] })
            {
                Assert.False(text.Contains(form, StringComparison.Ordinal), $"{form} appears in clear:\n{Around(text, form)}");
            }

            Assert.False(text.Contains(Email(i).Split('@')[0], StringComparison.OrdinalIgnoreCase), $"{Email(i)} appears in clear:\n{Around(text, Email(i).Split('@')[0])}");
        }
    }

    private static string Around(string text, string what)
    {
        var at = text.IndexOf(what, StringComparison.OrdinalIgnoreCase);
        return text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 300)];
    }
}
