using System.Threading.RateLimiting;
using DoiThoai.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace DoiThoai.Api.Security;

public static class SecuritySetup
{
    /// <summary>The rate limit of the public endpoints (calendar feeds, alerts): per client address.</summary>
    public const string PublicPolicy = "public";

    /// <summary>The rate limit of the health endpoints: per client address, generous enough for probes.</summary>
    public const string HealthPolicy = "health";

    /// <summary>The rate limit of lookups that a guess could abuse (a petition by its number and phone digits).</summary>
    public const string LookupPolicy = "lookup";

    /// <summary>The SMS gateway's delivery reports: a fan-out's worth a minute from the gateway's address.</summary>
    public const string SmsGatewayPolicy = "sms-gateway";

    private const string SelectorScheme = "bearer";

    /// <param name="secretsDir">Where the embedded platform keeps secrets it generated; null in a cluster (then configured).</param>
    public static IServiceCollection AddDoiThoaiSecurity(this IServiceCollection services, IConfiguration configuration, string? secretsDir)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var secrets = PlatformSecrets.Load(options, secretsDir, token => Console.WriteLine(
            $"""

             The national administrator's token (shown this once; keep it safe, it is not stored in clear):
                 {token}
             Use it as "Authorization: Bearer <token>", and issue scoped tokens with POST /api/tokens.

            """));
        services.AddSingleton(options);
        services.AddSingleton(secrets);
        services.AddSingleton(sp => new TokenIssuer(secrets, sp.GetService<TimeProvider>() ?? TimeProvider.System));

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "JWT or the bootstrap token", policy => policy.ForwardDefaultSelector = context =>
                AdminTokenHandler.BearerToken(context.Request) is { } token && !AdminTokenHandler.LooksLikeJwt(token)
                    ? AdminTokenHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(AdminTokenHandler.SchemeName, null)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        context.Token = AdminTokenHandler.BearerToken(context.Request);
                        return Task.CompletedTask;
                    },

                    // A token the platform issued and an administrator revoked is refused, though its signature is good.
                    OnTokenValidated = async context =>
                    {
                        if (context.Principal?.FindFirst(ClaimNames.TokenId)?.Value is { } id
                            && await context.HttpContext.RequestServices.GetRequiredService<RevokedTokenList>().IsRevokedAsync(id))
                        {
                            context.Fail("The token was revoked.");
                        }
                    },
                };
                if (!string.IsNullOrEmpty(options.Authority))
                {
                    jwt.Authority = options.Authority;
                    jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                }

                // The external issuer's own issuer name and keys are added to these from its discovery document.
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuers = [AuthOptions.LocalIssuer],
                    ValidAudiences = options.Audience is { Length: > 0 } audience ? [AuthOptions.LocalAudience, audience] : [AuthOptions.LocalAudience],
                    IssuerSigningKeys = [TokenIssuer.KeyOf(secrets)],
                    NameClaimType = ClaimNames.Name,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromMinutes(1),
                };
            });

        services.AddSingleton<RevokedTokenList>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedTokenList>());
        services.AddSingleton<AuditBacklog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditBacklog>());
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddAuthorization(authorization => authorization.FallbackPolicy = ScopeAuthorizationHandler.Policy);

        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PublicPolicy, context => PerClient(context, options.PublicRequestsPerMinute));
            limiter.AddPolicy(HealthPolicy, context => PerClient(context, options.HealthRequestsPerMinute));
            limiter.AddPolicy(LookupPolicy, context => PerClient(context, options.LookupRequestsPerMinute));
            limiter.AddPolicy(SmsGatewayPolicy, context => PerClient(context, options.SmsReportsPerMinute));
            limiter.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Type = Problems.TypeBase + "too-many-requests",
                    Title = "Quá nhiều yêu cầu",
                    Detail = "Địa chỉ này đã gửi quá nhiều yêu cầu trong một phút. Hãy thử lại sau ít phút.",
                }).ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    public static WebApplication UseDoiThoaiSecurity(this WebApplication app)
    {
        // No proxy configured, no forwarded header believed: the middleware, given an empty list, would believe anyone.
        if (ForwardedHeadersFrom(app.Services.GetRequiredService<AuthOptions>()) is { KnownProxies.Count: > 0 } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        app.Use(app.Services.GetRequiredService<SignInThrottle>().InvokeAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>X-Forwarded-For and -Proto from the configured proxies only (none: the headers are never believed).</summary>
    private static ForwardedHeadersOptions ForwardedHeadersFrom(AuthOptions auth)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear(); // ASP.NET Core believes the loopback address by default
        options.KnownIPNetworks.Clear();
        foreach (var address in (auth.KnownProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ip = System.Net.IPAddress.TryParse(address, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Auth:KnownProxies: '{address}' is not an IP address.");
            options.KnownProxies.Add(ip);
            if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                options.KnownProxies.Add(ip.MapToIPv6()); // as a dual-stack socket sees the same proxy
            }
        }

        return options;
    }

    /// <summary>Marks endpoints public: no token, and a per-address rate limit.</summary>
    public static TBuilder Public<TBuilder>(this TBuilder builder, string policy = PublicPolicy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().RequireRateLimiting(policy);

    private static RateLimitPartition<string> PerClient(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
