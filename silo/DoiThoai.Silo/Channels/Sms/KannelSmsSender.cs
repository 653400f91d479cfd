using System.Net;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DoiThoai.Silo.Channels.Sms;

/// <summary>
/// SMS through Kannel's HTTP sendsms interface: GSM-7 text as is, anything else as UCS-2 (coding=2), with a delivery
/// report URL signed for this message. Kannel accepting the message (202) is "sent"; its later report says delivered
/// or failed. A refused number (400) is permanent; the gateway down or overloaded is transient.
/// </summary>
public sealed class KannelSmsSender(IHttpClientFactory http, IOptions<KannelOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : IChannelSender
{
    public const string HttpClientName = "kannel";

    /// <summary>
    /// Delivered (1), failed (2), rejected by the SMSC (16). Not "accepted by the SMSC" (8): it changes nothing the
    /// platform records, and asking for it doubled the reports Kannel makes and the silo answers in a fan-out.
    /// </summary>
    private const string DlrMask = "19";

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public int MaxConcurrency => Math.Max(1, options.Value.MaxConcurrency);

    public string? NotConfigured => options.Value.IsConfigured ? null
        : "Kênh SMS chưa được cấu hình (Sms:Kannel:SendUrl, Username, Password).";

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = new Dictionary<string, string?>
        {
            ["username"] = settings.Username,
            ["password"] = settings.Password,
            ["from"] = settings.From,
            ["to"] = message.Address,
            ["text"] = message.Body,
            ["charset"] = "UTF-8",
            ["coding"] = SmsText.IsGsm7(message.Body) ? "0" : "2",
        };
        if (!string.IsNullOrWhiteSpace(settings.DlrUrl) && !string.IsNullOrWhiteSpace(settings.DlrSecret))
        {
            var (key, sentAt, signature) = DeliveryReceiptToken.Create(settings.DlrSecret, message.SessionKey, message.Notice, message.RecipientId, time.GetUtcNow());
            query["dlr-mask"] = DlrMask;
            query["dlr-url"] = $"{settings.DlrUrl}?k={key}&t={sentAt}&sig={signature}&type=%d&reply=%A";
        }

        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(QueryHelpers.AddQueryString(settings.SendUrl!, query), cancellationToken);
            var reply = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted or HttpStatusCode.OK => SendOutcome.Ok($"kannel: {reply}"),
                HttpStatusCode.BadRequest => SendOutcome.Fail($"Kannel từ chối tin: {reply}"),
                _ => SendOutcome.Retry($"Kannel {(int)response.StatusCode}: {reply}"),
            };
        }
        catch (HttpRequestException error)
        {
            return SendOutcome.Retry($"Không kết nối được Kannel: {error.Message}");
        }
    }
}
