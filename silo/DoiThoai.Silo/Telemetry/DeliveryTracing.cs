using System.Diagnostics;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// A span around each request to a channel ("deliver email"), tagged with the channel, the notice, how many recipients
/// it carried and the outcome: never an address or the text, which are personal data.
/// </summary>
public static class DeliveryTracing
{
    public const string SourceName = "DoiThoai.Delivery";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(OutboxMessage message, int recipients = 1)
    {
        var activity = Source.StartActivity($"deliver {message.Channel.ToString().ToLowerInvariant()}", ActivityKind.Producer);
        activity?.SetTag("doithoai.channel", message.Channel.ToString().ToLowerInvariant());
        activity?.SetTag("doithoai.notice", message.Notice);
        activity?.SetTag("doithoai.recipients", recipients);
        return activity;
    }
}
