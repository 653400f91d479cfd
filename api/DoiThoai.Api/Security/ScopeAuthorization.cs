using DoiThoai.Api.Infrastructure;
using DoiThoai.Domain.AdminUnits;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace DoiThoai.Api.Security;

/// <summary>The access an endpoint needs when it is not what its HTTP method implies (GET reads, others operate).</summary>
public sealed record AccessMetadata(Access Access);

/// <summary>Every endpoint that is not public is checked against this: the caller's role and unit, the endpoint's scope and access.</summary>
public sealed class ScopeRequirement : IAuthorizationRequirement;

/// <summary>
/// Decides before the request body is read: an endpoint that declares no scope is refused to everyone but the national
/// administrator (deny by default); an unknown unit code is left to the endpoint's own 404 for the national
/// administrator and refused to others.
/// </summary>
public sealed class ScopeAuthorizationHandler(AdminUnitRegistry registry) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.Resource is not HttpContext http || Caller.Find(http) is not { } caller)
        {
            return Task.CompletedTask;
        }

        var endpoint = http.GetEndpoint();
        if (endpoint is not RouteEndpoint)
        {
            // Routing's own refusals (405 wrong method, 415 wrong media type) touch nothing; a signed-in caller sees them.
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var level = endpoint?.Metadata.OfType<ScopeLevel>().Cast<ScopeLevel?>().LastOrDefault();
        var access = AccessOf(endpoint, http.Request.Method);
        var scope = level is { } l ? UnitScope.Resolve(l, http.Request.RouteValues["code"] as string, registry) : null;
        if (scope is not null)
        {
            http.Items[typeof(UnitScope)] = scope; // the endpoint's scope filter takes it from here
        }

        var allowed = scope is null ? caller.IsNationalAdmin : AccessRules.Allows(caller, scope, access);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static Access AccessOf(Endpoint? endpoint, string method) =>
        endpoint?.Metadata.GetMetadata<AccessMetadata>()?.Access
        ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Access.Read : Access.Operate);

    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder()
        .AddRequirements(new DenyAnonymousAuthorizationRequirement(), new ScopeRequirement())
        .Build();
}

public static class AccessExtensions
{
    /// <summary>Declares the access the endpoints of a builder need, when it is not what their method implies.</summary>
    public static TBuilder Needs<TBuilder>(this TBuilder builder, Access access)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessMetadata(access));
}
