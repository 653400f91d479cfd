using System.Net;
using DoiThoai.TestServers;

namespace DoiThoai.Benchmarks.Peers;

/// <summary>
/// The SMS job every peer runs: one sendsms through the same Kannel with the platform's text and delivery report
/// request (the reports go to the raw loop's listener; the reminders ask none, as the platform's). Static because the job libraries build their jobs
/// themselves (Hangfire from an expression, Quartz from a type) and hand them only serializable arguments.
/// </summary>
public static class PeerSms
{
    private static Target? _target;

    /// <summary>Points the jobs at this Kannel (and report listener, if delivery reports are asked) until disposed.</summary>
    public static IDisposable Use(KannelGateway kannel, DeliveryReportSink? reports)
    {
        var http = new HttpClient();
        _target = new Target(http, kannel.SendUrl, reports?.Url);
        return http;
    }

    /// <summary>One sendsms; a refusal throws, so the library retries it.</summary>
    public static async Task SendAsync(int number)
    {
        var target = _target ?? throw new InvalidOperationException("The peers have no SMS target.");
        var url = $"{target.SendUrl}?username={KannelGateway.Username}&password={KannelGateway.Password}&from=UBND" +
            $"&to=%2B8497{number % 10_000_000:D7}&charset=UTF-8&coding=0&text={Uri.EscapeDataString(FanoutScenario.SmsText)}" +
            (target.ReportUrl is { } reports ? $"&dlr-mask=19&dlr-url={Uri.EscapeDataString(reports + $"?k=p{number}&type=%d")}" : "");
        using var response = await target.Http.GetAsync(url);
        if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            throw new HttpRequestException($"Kannel refused the message: {(int)response.StatusCode}");
        }

        PeerRun.Done();
    }

    private sealed record Target(HttpClient Http, string SendUrl, string? ReportUrl);
}
