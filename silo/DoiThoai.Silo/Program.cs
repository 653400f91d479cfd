using DoiThoai.Api;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Silo.Channels.Email;
using DoiThoai.Silo.Channels.Loudspeaker;
using DoiThoai.Silo.Channels.Sms;
using DoiThoai.Silo.Hosting;
using DoiThoai.Silo.Telemetry;
using DoiThoai.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

// `migrate`: applies the production schema (infra/postgres/migrations) to ConnectionStrings:Postgres, then exits.
if (args is ["migrate", .. var migrateArgs])
{
    return await SchemaCommand.MigrateAsync(migrateArgs);
}

// `reset-admin-token [--data-dir …]`: the embedded platform's administrator token lost: a new one, shown once; then exits.
if (args is ["reset-admin-token", .. var resetArgs])
{
    var dataDir = new ConfigurationBuilder().AddCommandLine(resetArgs, new Dictionary<string, string> { ["--data-dir"] = "DataDir" }).Build()["DataDir"]
        ?? new PlatformOptions().DataDir;
    Console.WriteLine($"New national administrator token (shown once; restart the platform to use it): {PlatformSecrets.ResetAdminToken(dataDir)}");
    return 0;
}

// Configuration is read once, at start: reloading it on change watches the whole working folder (which usually holds
// the data folder, written thousands of times a second) on a thread that took a tenth of a core at 500 requests/s.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.Configuration.AddQuietLoggingDefaults();
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--data-dir"] = $"{PlatformOptions.Section}:{nameof(PlatformOptions.DataDir)}",
});
var platform = builder.Configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();
var topology = Topology.From(builder.Configuration);
builder.Configuration.AddInMemoryCollection(topology.OrleansProviderSettings);
if (topology.UsesPostgres)
{
    await SchemaCommand.RequireCurrentAsync(topology.PostgresConnectionString!);
}

builder.UseOrleans(silo => silo
    .UseTopology(topology, platform)
    .AddDoiThoaiGrains()
    .AddDoiThoaiDashboard());

// A cluster is given its token secrets (the same on every silo); the embedded platform keeps generated ones in its folder.
builder.Services.AddDoiThoaiApi(builder.Configuration, topology.UsesPostgres ? null : platform.DataDir);
builder.Services.AddDoiThoaiApiContract();
builder.Services.AddDoiThoaiTelemetry(builder.Configuration);
builder.Services.AddHealthChecks()
    .AddCheck<SiloHealthCheck>("silo", tags: ["live"])
    .AddCheck<SmtpHealthCheck>("email")
    .AddCheck<KannelHealthCheck>("sms")
    .AddCheck<LoudspeakerHealthCheck>("loudspeaker")
    .AddCheck<DispatcherHealthCheck>("reminders")
    .AddCheck<JobSchedulerHealthCheck>("jobs");

var app = builder.Build();
app.UseDoiThoaiWeb(); // the pages (public, like a login screen); their data comes from the API below
app.UseDoiThoaiApi();
app.MapDoiThoaiApiContract();
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") })
    .Public(SecuritySetup.HealthPolicy);
app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthReport.WriteAsync })
    .Public(SecuritySetup.HealthPolicy);
app.MapDoiThoaiApi();
app.MapDoiThoaiDashboard();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the API tests.</summary>
public partial class Program;
