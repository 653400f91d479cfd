using DoiThoai.Api.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DoiThoai.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo: traces from the HTTP API through the grain calls (Orleans carries the trace context
/// from grain to grain) to the channel senders; metrics of Orleans, ASP.NET Core, the delivery and the API. Exported
/// by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; without a collector the meters are read locally with
/// <c>dotnet-counters monitor -n DoiThoai.Silo --counters DoiThoai.Delivery,DoiThoai.Api,Microsoft.Orleans</c>.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>The trace sources: Orleans' own, and the platform's spans around what leaves it.</summary>
    public static readonly string[] Sources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", DeliveryTracing.SourceName];

    public static readonly string[] Meters = ["Microsoft.Orleans", DeliveryMetrics.MeterName, ApiMetrics.MeterName];

    public static IServiceCollection AddDoiThoaiTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("doithoai-silo", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Spans only when something collects them: without a collector every request, grain call and message
            // would still build its spans to throw them away (a tenth of the silo's CPU in an SMS fan-out).
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(Sources)
                    .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health")))
                .UseOtlpExporter();
        }

        return services;
    }
}
