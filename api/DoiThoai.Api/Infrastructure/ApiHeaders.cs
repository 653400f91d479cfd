using Microsoft.Net.Http.Headers;

namespace DoiThoai.Api.Infrastructure;

/// <summary>
/// Headers every API answer carries: <c>X-Content-Type-Options: nosniff</c> (a browser never reads JSON, a document
/// or a calendar as something else), and <c>Cache-Control: no-store</c> unless the endpoint chose its own caching (the
/// public pages' data, cacheable 60 s): what an officer reads, residents' phone numbers and addresses above all, is
/// kept by no browser or proxy cache.
/// </summary>
public static class ApiHeaders
{
    public static Task AddAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/kq"))
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
