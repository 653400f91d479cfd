using System.Threading.Channels;
using DoiThoai.Grains.Abstractions.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Api.Security;

/// <summary>
/// Writes audit entries, and keeps those the database could not take (it is restarting) to write them as soon as it
/// can, with the time the change happened. A change that succeeded is never answered with an error because its audit
/// entry could not be written at that moment: the caller would retry it and do it twice.
/// </summary>
public sealed partial class AuditBacklog(IGrainFactory grains, TimeProvider time, ILogger<AuditBacklog> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private readonly Channel<(string Log, AuditRecord Record)> _pending = Channel.CreateUnbounded<(string, AuditRecord)>();

    public async Task RecordAsync(string log, AuditRecord record)
    {
        try
        {
            await grains.GetGrain<IAuditLogGrain>(log).RecordAsync(record);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogDeferred(logger, record.Action, log, error.GetType().Name);
            _pending.Writer.TryWrite((log, record with { OccurredAt = record.OccurredAt ?? time.GetUtcNow() }));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (log, record) in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            while (true)
            {
                try
                {
                    await grains.GetGrain<IAuditLogGrain>(log).RecordAsync(record);
                    break;
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    await Task.Delay(RetryEvery, time, stoppingToken);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit entry {Action} for {Log} could not be written now ({Error}); it will be written when storage answers")]
    private static partial void LogDeferred(ILogger logger, string action, string log, string error);
}
