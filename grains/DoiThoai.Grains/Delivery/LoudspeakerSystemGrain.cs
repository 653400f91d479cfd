using DoiThoai.Grains.Abstractions;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Grains.Delivery;

[GenerateSerializer, Alias("DoiThoai.LoudspeakerSystemState")]
public sealed class LoudspeakerSystemState
{
    /// <summary>Null until the office describes its system: the default applies.</summary>
    [Id(0)] public LoudspeakerSystem? System { get; set; }
}

public sealed partial class LoudspeakerSystemGrain(
    [PersistentState(LoudspeakerSystemGrain.StateName, GrainStorage.Name)] IPersistentState<LoudspeakerSystemState> state,
    AdminUnitRegistry registry,
    ILogger<LoudspeakerSystemGrain> logger) : Grain, ILoudspeakerSystemGrain
{
    public const string StateName = "loudspeakers";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = registry.GetCommune(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<LoudspeakerSystem> GetAsync() => Task.FromResult(state.State.System ?? LoudspeakerSystem.Default);

    public async Task<CommandResult<LoudspeakerSystem>> SetAsync(LoudspeakerSystem system)
    {
        var errors = system.Validate();
        if (errors.Count > 0)
        {
            return CommandResult<LoudspeakerSystem>.Fail(new CommandProblem(ProblemKind.Invalid,
                "Hệ thống loa truyền thanh không hợp lệ.", new Dictionary<string, string[]> { ["loudspeakers"] = [.. errors] }));
        }

        var tidy = new LoudspeakerSystem(
            system.Slots.Order().ToList(),
            system.Clusters.Select(c => c with { Name = c.Name.Trim(), Hamlets = c.Hamlets.Select(h => h.Trim()).ToList() }).ToList());
        state.State.System = tidy;
        await state.WriteOrReloadAsync(this);
        LogChanged(logger, this.GetPrimaryKeyString(), tidy.Clusters.Count, string.Join(' ', tidy.Slots.Select(LoudspeakerSystem.Format)));
        return CommandResult<LoudspeakerSystem>.Ok(tidy);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Commune {CommuneCode}: loudspeaker system of {Clusters} clusters, slots {Slots}")]
    private static partial void LogChanged(ILogger logger, string communeCode, int clusters, string slots);
}
