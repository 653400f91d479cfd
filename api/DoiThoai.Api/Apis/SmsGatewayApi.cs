using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Grains.Abstractions.Delivery;
using Microsoft.Extensions.Configuration;

namespace DoiThoai.Api.Apis;

/// <summary>
/// Delivery reports from the SMS gateway (Kannel's dlr-url). Only the gateway can call it: each URL carries an
/// HMAC of the message's key under the shared secret Sms:Kannel:DlrSecret; anything else is refused with 403. A
/// report for a request to several phones also names the phone (p), which is looked for only among that request's
/// messages.
/// </summary>
public static class SmsGatewayApi
{
    public static IEndpointRouteBuilder MapSmsGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sms/dlr", ReceiveReport)
            .TouchesScope(ScopeLevel.SmsGateway)
            .AllowAnonymous() // the gateway's identity is the HMAC signature each report carries (Sms:Kannel:DlrSecret)
            .RequireRateLimiting(SecuritySetup.SmsGatewayPolicy)
            .WithTags("SMS gateway")
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> ReceiveReport(
        string? k, string? t, string? sig, string? p, int? type, string? reply, IConfiguration configuration, IGrainFactory grains, HttpContext http)
    {
        var secret = configuration["Sms:Kannel:DlrSecret"] ?? "";
        if (DeliveryReceiptToken.Verify(secret, k, t, sig, RequestClock.Now(http)) is not { } message)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Không được phép",
                detail: "Báo cáo gửi tin không mang chữ ký hợp lệ của cổng SMS, hoặc đã quá thời hạn nhận báo cáo.", type: Problems.TypeBase + "forbidden");
        }

        // Kannel's report types: 1 delivered to the phone, 2 failed at the phone, 8 accepted by the SMSC,
        // 16 rejected by the SMSC, 4 queued at the SMSC.
        DeliveryStatus? status = type switch
        {
            1 => DeliveryStatus.Delivered,
            2 or 16 => DeliveryStatus.Failed,
            _ => null,
        };
        if (status is { } known)
        {
            var detail = known == DeliveryStatus.Failed ? $"Báo cáo từ tổng đài ({type}): {Problems.Echo(reply, 200)}" : null;
            var receipts = grains.GetGrain<IDeliveryReceiptGrain>(0);
            var found = message switch
            {
                { RecipientId: { } recipient } => await receipts.RecordAsync(message.SessionKey, message.Notice, recipient, DeliveryChannel.Sms, known, detail),
                // A request to several phones: Kannel names the phone (%p); only the request's own rows can match it.
                { Rows: var (first, last) } when p is { Length: > 0 and <= 32 } =>
                    await receipts.RecordForAddressAsync(message.SessionKey, message.Notice, first, last, p, DeliveryChannel.Sms, known, detail),
                _ => false,
            };
            if (!found)
            {
                // Never handed to the gateway, cancelled, or already reported (a replay): the first report stands.
                return Problems.NotFound("Không có tin nhắn đang chờ báo cáo tương ứng (chưa gửi qua cổng SMS, đã hủy, hoặc đã có báo cáo).");
            }
        }

        return TypedResults.Ok("OK");
    }
}
