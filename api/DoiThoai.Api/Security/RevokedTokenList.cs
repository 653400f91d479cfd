using DoiThoai.Grains.Abstractions.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Api.Security;

/// <summary>
/// The revoked tokens this silo refuses. Read from the country's list (<see cref="IRevokedTokensGrain"/>) before the
/// first token is checked and every few seconds after, so a token revoked on any silo is refused on every silo within
/// <see cref="RefreshEvery"/>, and at once on the silo where it was revoked.
/// </summary>
public sealed partial class RevokedTokenList(IGrainFactory grains, ILogger<RevokedTokenList> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private volatile HashSet<string>? _revoked;
    private bool _failing;

    public async ValueTask<bool> IsRevokedAsync(string tokenId) => (_revoked ?? await LoadAsync()).Contains(tokenId);

    /// <summary>A revocation made here: refused here at once, before the next reading of the list.</summary>
    public void Add(string tokenId) => _revoked = [.. _revoked ?? [], tokenId];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LoadAsync();
                _failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Said once, when it starts failing: the last list read stays in force meanwhile.
                if (!_failing)
                {
                    LogRefreshFailed(logger, error);
                }

                _failing = true;
            }
        }
    }

    private async Task<HashSet<string>> LoadAsync()
    {
        var list = await grains.GetGrain<IRevokedTokensGrain>(IRevokedTokensGrain.Key).ListAsync();
        var revoked = list.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        _revoked = revoked;
        return revoked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The list of revoked tokens could not be read; the last one read stays in force until it can")]
    private static partial void LogRefreshFailed(ILogger logger, Exception error);
}
