using System.Threading.RateLimiting;
using DoiThoai.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Api.Security;

/// <summary>
/// Failed sign-ins are throttled per address: a request that presents a token and is refused as unauthenticated (401)
/// counts against its address, and once <see cref="AuthOptions.FailedSignInsPerMinute"/> have failed within a minute,
/// every request from that address that presents a token is answered 429 until the minute is over, before its token
/// is even looked at. Guessing tokens is slow, and the officers behind other addresses are not affected. Requests
/// without a token (the public pages) are the public rate limit's business.
/// </summary>
public sealed class SignInThrottle(AuthOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.FailedSignInsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!PresentsCredential(context.Request))
        {
            await next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        using (var left = _failures.AttemptAcquire(address, 0))
        {
            if (!left.IsAcquired)
            {
                context.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Type = Problems.TypeBase + "too-many-failed-sign-ins",
                    Title = "Quá nhiều lần đăng nhập sai",
                    Detail = "Địa chỉ này đã dùng mã truy cập không hợp lệ quá nhiều lần trong một phút. Hãy kiểm tra lại mã và thử lại sau một phút.",
                }).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            _failures.AttemptAcquire(address).Dispose(); // one failure spent from the address's minute
        }
    }

    private static bool PresentsCredential(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Cookies.ContainsKey(DashboardCookie.Name);

    public void Dispose() => _failures.Dispose();
}
