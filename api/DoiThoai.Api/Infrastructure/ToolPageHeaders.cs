using Microsoft.Net.Http.Headers;
using Scalar.AspNetCore;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// The security headers of the two pages the platform serves from libraries rather than its own folder: the API
/// reference (Scalar, <c>/api/docs</c>) and the operators' dashboard (Orleans, <c>/dashboard</c>), as the platform's
/// own pages have them: nothing from another origin, no framing, no sniffing, no referrer. Both libraries set styles
/// inline; Scalar's one inline script carries the nonce it makes for each request.
/// </summary>
public static class ToolPageHeaders
{
    public const string DocsPath = "/api/docs";
    public const string DashboardPath = "/dashboard";

    private const string Common =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static Task AddAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(DocsPath) || path.StartsWithSegments(DashboardPath))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var nonce = context.Items[ScalarOptions.NonceHttpContextItemKey] as string;
                headers[HeaderNames.ContentSecurityPolicy] = $"script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; {Common}";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
