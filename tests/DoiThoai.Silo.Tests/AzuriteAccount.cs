using DoiThoai.Silo.Storage;
using DoiThoai.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace DoiThoai.Silo.Tests;

/// <summary>A real Azurite (Azure Storage emulator) for the class, and grain storage wired over it as the silo wires it.</summary>
public sealed class AzuriteAccount : IAsyncLifetime
{
    public AzuriteServer Server { get; } = new();

    public AzureStorageAccount Account => new(Server.ConnectionString, null, null);

    public ValueTask InitializeAsync() => new(Server.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>
    /// The platform's grain storage in the Azure topology (<see cref="StoreSetup.AddAzureGrainState"/>), each call a new
    /// instance with its own clients, started as a silo starts it (the provider creates its container at start).
    /// </summary>
    public async Task<IGrainStorage> CreateGrainStorageAsync()
    {
        var services = new ServiceCollection().AddLogging().AddSerializer(_ => { }).AddAzureGrainState(Account).BuildServiceProvider();
        var lifecycle = new StartingLifecycle();
        foreach (var participant in services.GetServices<ILifecycleParticipant<ISiloLifecycle>>())
        {
            participant.Participate(lifecycle);
        }

        foreach (var (_, observer) in lifecycle.Observers.OrderBy(o => o.Stage))
        {
            await observer.OnStart(CancellationToken.None);
        }

        return services.GetRequiredKeyedService<IGrainStorage>(DoiThoai.Grains.GrainStorage.Name);
    }

    private sealed class StartingLifecycle : ISiloLifecycle
    {
        public List<(int Stage, ILifecycleObserver Observer)> Observers { get; } = [];

        public int HighestCompletedStage => 0;

        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observers.Add((stage, observer));
            return new NoSubscription();
        }

        private sealed class NoSubscription : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
