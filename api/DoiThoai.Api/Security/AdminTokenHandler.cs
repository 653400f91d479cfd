using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DoiThoai.Api.Security;

/// <summary>
/// The bootstrap national administrator: an opaque bearer token (not a JWT) whose SHA-256 hash the platform keeps.
/// It exists so a new installation can be used at once and can issue the first scoped tokens.
/// </summary>
public sealed class AdminTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PlatformSecrets secrets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "admin-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        if (!CryptographicOperations.FixedTimeEquals(hash, secrets.AdminTokenHash))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is not valid."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimNames.Role, Roles.NationalAdmin), new Claim(ClaimNames.Name, "admin"), new Claim(ClaimNames.Subject, "admin")],
            SchemeName, ClaimNames.Name, ClaimNames.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>The token of an "Authorization: Bearer …" header, or null.</summary>
    /// <summary>
    /// The caller's token: the Authorization header; on the Orleans dashboard's pages only, which a browser opens
    /// without headers, the HttpOnly cookie that <c>POST /api/dashboard/session</c> set for that path.
    /// </summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7)
        {
            return header[7..].Trim();
        }

        return request.Path.StartsWithSegments(DashboardCookie.Path) && request.Cookies[DashboardCookie.Name] is { Length: > 0 } cookie ? cookie : null;
    }

    /// <summary>A JWT has three dot-separated parts; anything else is taken for the bootstrap token.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
