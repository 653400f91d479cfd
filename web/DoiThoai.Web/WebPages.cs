using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace DoiThoai.Web;

/// <summary>
/// Serves the pages. They hold no data of their own: every figure comes from the API, called with the officer's
/// token, so the pages see exactly what the token may see. The pages themselves are public, like a login screen.
/// </summary>
public static class WebPages
{
    /// <summary>Scripts and styles from this origin only; no inline script, no frames, no third party.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /// <summary>Before authentication: the pages are served to everyone, the data behind them only to a token.</summary>
    public static WebApplication UseDoiThoaiWeb(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(WebPages).Assembly, "DoiThoai.Web.wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers[HeaderNames.CacheControl] = "no-cache"; // revalidated (ETag), so an upgrade shows at once
            },
        });
        return app;
    }
}
