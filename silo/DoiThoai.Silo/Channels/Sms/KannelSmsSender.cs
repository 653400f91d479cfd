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
/// SMS through Kannel's HTTP sendsms interface: GSM-7 text as is, anything else as UCS-2 (coding=2), with a signed
/// delivery report URL. Kannel accepting the message (202) is "sent"; its later report says delivered or failed. A
/// refused number (400) is permanent; the gateway down or overloaded is transient. The same text to several phones (a
/// notice's fan-out) goes as one request with their numbers in <c>to</c>: Kannel makes one SMS per number, and its
/// report URL names the request's outbox rows and, through %p, the phone; per number, smsbox then does a fraction
/// of the work of a request of its own, and so does the silo.
/// </summary>
public sealed partial class KannelSmsSender(IHttpClientFactory http, IOptions<KannelOptions> options,
    [FromKeyedServices(PlatformClock.Key)] TimeProvider time) : IBatchChannelSender
{
    public const string HttpClientName = "kannel";

    /// <summary>
    /// Delivered (1), failed (2), rejected by the SMSC (16). Not "accepted by the SMSC" (8): it changes nothing the
    /// platform records, and asking for it doubled the reports Kannel makes and the silo answers in a fan-out.
    /// </summary>
    private const string DlrMask = "19";

    /// <summary>What smsbox answers when it could not queue some numbers of a request: the numbers follow.</summary>
    private const string FailedTo = "Failed to send to:";

    /// <summary>
    /// The connections to Kannel close abortively (linger 0: a reset, unsent bytes dropped). A request given up after
    /// its timeout while the network is silent would otherwise stay in the kernel, retransmitted, and reach Kannel
    /// once the network heals, after the message was queued again: every timed-out attempt would become one more SMS.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = async (context, cancellation) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
            {
                NoDelay = true,
                LingerState = new System.Net.Sockets.LingerOption(true, 0),
            };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public DeliveryChannel Channel => DeliveryChannel.Sms;

    public int MaxConcurrency => Math.Max(1, options.Value.MaxConcurrency);

    public int MaxRecipients => Math.Max(1, options.Value.MaxRecipientsPerRequest);

    public string? NotConfigured => options.Value.IsConfigured ? null
        : "Kênh SMS chưa được cấu hình (Sms:Kannel:SendUrl, Username, Password).";

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = Query(settings, message.Address, message.Body);
        if (ReportsWanted(settings))
        {
            var (key, sentAt, signature) = DeliveryReceiptToken.Create(settings.DlrSecret!, message.SessionKey, message.Notice, message.RecipientId, time.GetUtcNow());
            query["dlr-mask"] = DlrMask;
            query["dlr-url"] = $"{settings.DlrUrl}?k={key}&t={sentAt}&sig={signature}&type=%d&reply=%A";
        }

        var (status, reply) = await PostAsync(settings, query, cancellationToken);
        return Outcome(status, reply);
    }

    /// <summary>What Kannel's answer to a request means for the messages it carried.</summary>
    private static SendOutcome Outcome(HttpStatusCode? status, string reply) => status switch
    {
        HttpStatusCode.Accepted or HttpStatusCode.OK => SendOutcome.Ok($"kannel: {reply}"),
        HttpStatusCode.BadRequest => SendOutcome.Fail($"Kannel từ chối tin: {reply}"),
        null => SendOutcome.Retry(reply),
        _ => SendOutcome.Retry($"Kannel {(int)status}: {reply}"),
    };

    public async Task<IReadOnlyList<SendOutcome>> SendBatchAsync(IReadOnlyList<ClaimedMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 1)
        {
            return [await SendAsync(messages[0].Message, cancellationToken)];
        }

        // smsbox drops a number with characters it does not take and still answers 202 for the rest: such a number
        // would be "sent" and never reported, so it is refused here, as Kannel refuses it when it is alone.
        var outcomes = new SendOutcome?[messages.Count];
        var numbers = new List<string>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            if (PhoneNumber().IsMatch(messages[i].Message.Address))
            {
                numbers.Add(messages[i].Message.Address);
            }
            else
            {
                outcomes[i] = SendOutcome.Fail("Kannel từ chối tin: số điện thoại không hợp lệ.");
            }
        }

        if (numbers.Count > 0)
        {
            var settings = options.Value;
            var first = messages[0].Message;
            var query = Query(settings, string.Join(' ', numbers), first.Body);
            if (ReportsWanted(settings))
            {
                var (key, sentAt, signature) = DeliveryReceiptToken.CreateForRows(settings.DlrSecret!, first.SessionKey, first.Notice,
                    messages.Min(m => m.Id), messages.Max(m => m.Id), time.GetUtcNow());
                query["dlr-mask"] = DlrMask;
                query["dlr-url"] = $"{settings.DlrUrl}?k={key}&t={sentAt}&sig={signature}&p=%p&type=%d&reply=%A";
            }

            var (status, reply) = await PostAsync(settings, query, cancellationToken);
            var notQueued = reply.Contains(FailedTo, StringComparison.Ordinal)
                ? reply[(reply.IndexOf(FailedTo, StringComparison.Ordinal) + FailedTo.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()
                : null;
            var whole = notQueued is null ? Outcome(status, reply) : null;
            for (var i = 0; i < messages.Count; i++)
            {
                outcomes[i] ??= whole ?? (notQueued!.Contains(messages[i].Message.Address)
                    ? SendOutcome.Retry("Kannel chưa nhận tin cho số này (hàng đợi đầy).")
                    : SendOutcome.Ok("kannel: 0: Accepted for delivery"));
            }
        }

        return [.. outcomes.Select(outcome => outcome!)];
    }

    private static Dictionary<string, string?> Query(KannelOptions settings, string to, string text) => new()
    {
        ["username"] = settings.Username,
        ["password"] = settings.Password,
        ["from"] = settings.From,
        ["to"] = to,
        ["text"] = text,
        ["charset"] = "UTF-8",
        ["coding"] = SmsText.IsGsm7(text) ? "0" : "2",
    };

    private static bool ReportsWanted(KannelOptions settings) =>
        !string.IsNullOrWhiteSpace(settings.DlrUrl) && !string.IsNullOrWhiteSpace(settings.DlrSecret);

    /// <summary>Kannel's status and reply, or no status and why it could not be reached.</summary>
    private async Task<(HttpStatusCode? Status, string Reply)> PostAsync(KannelOptions settings, Dictionary<string, string?> query, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(QueryHelpers.AddQueryString(settings.SendUrl!, query), cancellationToken);
            return (response.StatusCode, (await response.Content.ReadAsStringAsync(cancellationToken)).Trim());
        }
        catch (HttpRequestException error)
        {
            return (null, $"Không kết nối được Kannel: {error.Message}");
        }
    }

    /// <summary>What smsbox takes as a number by default (its sendsms-chars, without the space that separates numbers).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\+?[0-9][0-9-]{2,30}$")]
    private static partial System.Text.RegularExpressions.Regex PhoneNumber();
}
