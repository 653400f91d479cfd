namespace DoiThoai.Api.Security;

/// <summary>
/// The Orleans dashboard is a browser application that sends no Authorization header: a national administrator opens
/// it from the platform's pages, which first hand the administrator's own token to the server to keep in an HttpOnly,
/// SameSite=Strict cookie sent only to the dashboard's path. The dashboard's endpoints then authorize as every other
/// (national administrators only), and the token never reaches the dashboard's scripts.
/// </summary>
public static class DashboardCookie
{
    public const string Name = "doithoai_dashboard";

    public const string Path = "/dashboard";

    /// <summary>How long the cookie lasts; the token's own expiry still applies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Signing out of the pages ends the dashboard too: the cookie is deleted.</summary>
    public static void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(Name, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = Path });

    public static void Set(HttpContext http, string token) =>
        http.Response.Cookies.Append(Name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = Path,
            MaxAge = Lifetime,
        });
}
