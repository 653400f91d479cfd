using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Channels.Email;
using DoiThoai.Silo.Channels.Loudspeaker;
using DoiThoai.Silo.Channels.Sms;
using DoiThoai.Silo.Delivery;
using DoiThoai.Silo.Jobs;
using DoiThoai.Grains.Timing;
using DoiThoai.Silo.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DoiThoai.Silo.Hosting;

/// <summary>
/// What every silo of the platform needs, whatever its clustering and store (<see cref="TopologySetup"/>,
/// <see cref="StoreSetup"/>): used by the host and by the tests.
/// </summary>
public static class SiloSetup
{
    public static ISiloBuilder AddDoiThoaiGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(AdminUnitRegistry.Official);
        silo.Services.TryAddKeyedSingleton(PlatformClock.Key, TimeProvider.System);
        silo.Services.TryAddSingleton(services => PublicSiteOf(services.GetRequiredService<IConfiguration>()));
        silo.AddDelivery();
        silo.AddJobs();
        silo.AddActivityPropagation(); // a trace follows a request from the API through the grains it calls
        GrainInterfaceTypeCache.AddTo(silo.Services);
        return silo;
    }

    /// <summary>
    /// The address in the links messages carry: Platform:PublicUrl when set (a cluster behind its public name), else
    /// the first address the host listens on (--urls), a wildcard host read as this machine.
    /// </summary>
    public static PublicSite PublicSiteOf(IConfiguration configuration)
    {
        var configured = configuration[$"{PlatformOptions.Section}:{nameof(PlatformOptions.PublicUrl)}"]
            ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? "http://127.0.0.1:5080/";
        var builder = new UriBuilder(configured.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        if (builder.Host == "0.0.0.0")
        {
            builder.Host = "localhost";
        }

        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return new PublicSite(builder.Uri);
    }

    /// <summary>The job scheduler that owns timed work (its store is registered with the platform's store).</summary>
    private static void AddJobs(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        silo.Services.AddSingleton<JobScheduler>();
        silo.Services.AddSingleton<ITimedWork>(services => services.GetRequiredService<JobScheduler>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<JobScheduler>());
    }

    /// <summary>The outbox, the channels (each says when it is not configured) and the dispatcher that drains it.</summary>
    private static void AddDelivery(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        silo.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        silo.Services.AddSingleton<PublishedDocuments>();
        silo.Services.AddSingleton<IChannelSender, SmtpEmailSender>();
        silo.Services.AddOptions<KannelOptions>().BindConfiguration(KannelOptions.Section);
        silo.Services.AddHttpClient(KannelSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(KannelSmsSender.CreateHandler);
        silo.Services.AddSingleton<IChannelSender, KannelSmsSender>();
        silo.Services.AddOptions<LoudspeakerOptions>().BindConfiguration(LoudspeakerOptions.Section);
        silo.Services.AddSingleton<IChannelSender, IcecastLoudspeakerSender>();
        silo.Services.TryAddSingleton<DeliveryMetrics>();
        silo.Services.AddHostedService<DeliveryDispatcher>();
        silo.Services.AddHostedService<BacklogMonitor>();
    }
}
