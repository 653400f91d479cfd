using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using Orleans.Dashboard;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// The Orleans dashboard (silos, grain types, calls, latencies, reminders) for national administrators, at
/// <see cref="DashboardCookie.Path"/> on every silo. Its live log view is turned off, and its view of a grain's state
/// is refused: a contact registry's state holds phone numbers and e-mail addresses, which are read through the API,
/// by those allowed, with an audit entry.
/// </summary>
public static class DashboardSetup
{
    /// <summary>
    /// Its counters are gathered from every silo each 5 s rather than each second: on 2 cores shared with the
    /// gateways, a collection a second in every silo is load nobody is watching most of the time.
    /// </summary>
    public static ISiloBuilder AddDoiThoaiDashboard(this ISiloBuilder silo) =>
        silo.AddDashboard(options =>
        {
            options.HideTrace = true;
            options.CounterUpdateIntervalMs = 5000;
        });

    public static WebApplication MapDoiThoaiDashboard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments($"{DashboardCookie.Path}/GrainState", StringComparison.OrdinalIgnoreCase)
                || http.Request.Path.StartsWithSegments($"{DashboardCookie.Path}/Trace", StringComparison.OrdinalIgnoreCase))
            {
                await Problems.NotFound("Bảng điều khiển không hiển thị trạng thái grain hay nhật ký: chúng có thể chứa dữ liệu cá nhân.")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        app.MapOrleansDashboard(routePrefix: DashboardCookie.Path);
        return app;
    }
}
