using DoiThoai.Domain.AdminUnits;
using DoiThoai.Grains;
using DoiThoai.Grains.Abstractions;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Channels.Email;
using DoiThoai.Silo.Channels.Loudspeaker;
using DoiThoai.Silo.Channels.Sms;
using DoiThoai.Silo.Delivery;
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
        silo.AddDelivery();
        return silo;
    }

    /// <summary>The outbox, the channels (each says when it is not configured) and the dispatcher that drains it.</summary>
    private static void AddDelivery(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        silo.Services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        silo.Services.AddSingleton<IChannelSender, PlanJobRunner>();
        silo.Services.AddSingleton<IChannelSender, SmtpEmailSender>();
        silo.Services.AddOptions<KannelOptions>().BindConfiguration(KannelOptions.Section);
        silo.Services.AddHttpClient(KannelSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        silo.Services.AddSingleton<IChannelSender, KannelSmsSender>();
        silo.Services.AddOptions<LoudspeakerOptions>().BindConfiguration(LoudspeakerOptions.Section);
        silo.Services.AddSingleton<IChannelSender, IcecastLoudspeakerSender>();
        silo.Services.AddHostedService<DeliveryDispatcher>();
    }
}
