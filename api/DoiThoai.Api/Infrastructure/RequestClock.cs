using DoiThoai.Grains.Abstractions;

namespace DoiThoai.Api.Infrastructure;

public static class RequestClock
{
    /// <summary>"Now" as the platform's rules see it, so that "overdue" or "open" here means what it means to the grains.</summary>
    public static DateTimeOffset Now(HttpContext http) =>
        (http.RequestServices.GetKeyedService<TimeProvider>(PlatformClock.Key) ?? TimeProvider.System).GetUtcNow();
}
