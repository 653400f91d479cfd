using System.Text.Encodings.Web;
using System.Text.Json;
using DoiThoai.Api.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// The readiness report: each check with its status, and for a signed-in administrator (national or province) what
/// it found. What it found names servers, ports and counts (the SMTP host, Kannel's address, how many jobs wait),
/// which an orchestrator's probe does not need and nobody else should learn: without such a token, statuses only.
/// </summary>
public static class HealthReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var detailed = Caller.Find(context) is { Role: Roles.NationalAdmin or Roles.ProvinceAdmin };
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = detailed ? e.Value.Description : null }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
