using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;

namespace DoiThoai.Api.Apis;

/// <summary>Opens the Orleans dashboard (at <see cref="DashboardCookie.Path"/>) to the national administrator who asks.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        // No scope: national administrators only, as for every endpoint that declares none.
        app.MapPost("/api/dashboard/session", (HttpContext http) =>
            {
                DashboardCookie.Set(http, AdminTokenHandler.BearerToken(http.Request)!);
                return TypedResults.NoContent();
            })
            .Needs(Access.Administer)
            .WithTags("Cluster").Describe("OpenDashboardSession", "Sign the operators' dashboard in (sets its cookie)");
        // Signing out needs no valid token (it may have expired): it only deletes the cookie.
        app.MapDelete("/api/dashboard/session", (HttpContext http) =>
            {
                DashboardCookie.Clear(http);
                return TypedResults.NoContent();
            })
            .Public()
            .WithTags("Cluster").Describe("CloseDashboardSession", "Sign the operators' dashboard out (deletes its cookie)");
        return app;
    }
}
