using System.Diagnostics;
using DoiThoai.Grains.Delivery;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// A span around each message handed to a channel ("deliver email"), tagged with the channel, the notice and the
/// outcome: never the address or the text, which are personal data.
/// </summary>
public static class DeliveryTracing
{
    public const string SourceName = "DoiThoai.Delivery";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(OutboxMessage message)
    {
        var activity = Source.StartActivity($"deliver {message.Channel.ToString().ToLowerInvariant()}", ActivityKind.Producer);
        activity?.SetTag("doithoai.channel", message.Channel.ToString().ToLowerInvariant());
        activity?.SetTag("doithoai.notice", message.Notice);
        return activity;
    }
}
