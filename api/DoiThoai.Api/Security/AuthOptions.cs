namespace DoiThoai.Api.Security;

/// <summary>
/// Who may call the API (section "Auth"). Tokens are JWTs carrying a role and the unit it is given for; they come from
/// the platform itself (signed with <see cref="SigningKey"/>, issued by <c>POST /api/tokens</c>) and, in production,
/// from an external OpenID Connect issuer (<see cref="Authority"/>, <see cref="Audience"/>). The bootstrap national
/// administrator holds an opaque token (<see cref="AdminToken"/> or the environment variable DOITHOAI_ADMIN_TOKEN).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The issuer and audience of the tokens the platform signs itself.</summary>
    public const string LocalIssuer = "doithoai";

    public const string LocalAudience = "doithoai-api";

    /// <summary>An external OpenID Connect issuer whose tokens are accepted (its discovery document and keys).</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the external issuer puts in tokens meant for this API.</summary>
    public string? Audience { get; set; }

    /// <summary>False only to reach a development issuer over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// The key (base64, at least 32 bytes) that signs the platform's own tokens; every silo of a cluster needs the same.
    /// Absent in the embedded platform: one is generated into the data folder on first start.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The bootstrap national administrator's token. Absent: generated on first start and printed once.</summary>
    public string? AdminToken { get; set; }

    /// <summary>How long a token issued by the platform is valid unless the request asks for less.</summary>
    public int DefaultTokenDays { get; set; } = 30;

    /// <summary>Requests a minute one address may make to the public endpoints (calendar feeds, alerts).</summary>
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>Petition lookups a minute one address may make (a case number and four phone digits: a guess is slow).</summary>
    public int LookupRequestsPerMinute { get; set; } = 10;

    /// <summary>Requests with a token refused (401) one address may make in a minute before it is answered 429 (<see cref="SignInThrottle"/>).</summary>
    public int FailedSignInsPerMinute { get; set; } = 10;

    /// <summary>Delivery reports a minute the SMS gateway's address may send (a 100,000-phone alert's reports come within minutes).</summary>
    public int SmsReportsPerMinute { get; set; } = 60_000;

    /// <summary>Requests a minute one address may make to the health endpoints (probes ask every few seconds).</summary>
    public int HealthRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// The reverse proxies (load balancer, ingress) whose X-Forwarded-For and X-Forwarded-Proto are believed, their
    /// addresses separated by commas. Behind them each resident gets a rate-limit bucket of their own and the
    /// dashboard cookie its Secure flag; from anyone else the headers are ignored (a client cannot pick its address).
    /// </summary>
    public string? KnownProxies { get; set; }

    /// <summary>Every configuration key the authentication reads (deployment manifests are checked against them).</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "Auth:Authority", "Auth:Audience", "Auth:RequireHttpsMetadata", "Auth:SigningKey", "Auth:AdminToken",
        "Auth:DefaultTokenDays", "Auth:PublicRequestsPerMinute", "Auth:HealthRequestsPerMinute",
        "Auth:LookupRequestsPerMinute", "Auth:FailedSignInsPerMinute", "Auth:SmsReportsPerMinute", "Auth:KnownProxies",
    ];
}
