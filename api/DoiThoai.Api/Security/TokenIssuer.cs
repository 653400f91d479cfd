using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DoiThoai.Api.Security;

/// <summary>Signs the platform's own tokens (HMAC-SHA256 with the platform's signing key).</summary>
public sealed class TokenIssuer(PlatformSecrets secrets, TimeProvider time)
{
    private readonly SigningCredentials _credentials = new(KeyOf(secrets), SecurityAlgorithms.HmacSha256);

    /// <summary>The platform's key, named so that an external issuer's keys and it are told apart by the token's "kid".</summary>
    public static SecurityKey KeyOf(PlatformSecrets secrets) => new SymmetricSecurityKey(secrets.SigningKey) { KeyId = AuthOptions.LocalIssuer };

    /// <summary>A signed token and its id (claim "jti", by which it is listed and revoked).</summary>
    public (string Token, string Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt) Issue(string name, string role, string? province, string? commune, TimeSpan validFor,
        bool personalData)
    {
        var now = time.GetUtcNow();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var claims = new Dictionary<string, object>
        {
            [ClaimNames.TokenId] = id,
            [ClaimNames.Subject] = name,
            [ClaimNames.Name] = name,
            [ClaimNames.Role] = role,
        };
        if (province is not null)
        {
            claims[ClaimNames.Province] = province;
        }

        if (commune is not null)
        {
            claims[ClaimNames.Commune] = commune;
        }

        if (personalData)
        {
            claims[ClaimNames.PersonalData] = "true";
        }

        var expires = now + validFor;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.LocalIssuer,
            Audience = AuthOptions.LocalAudience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return (token, id, now, expires);
    }
}
