using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Calendar;

namespace DoiThoai.Grains.Abstractions.Delivery;

/// <summary>A commune's loudspeaker system (its clusters per hamlet and daily broadcast slots), keyed by the commune's code.</summary>
[Alias("DoiThoai.ILoudspeakerSystemGrain")]
public interface ILoudspeakerSystemGrain : IGrainWithStringKey
{
    [Alias("Get"), ReadOnly]
    Task<LoudspeakerSystem> GetAsync();

    /// <summary>Replaces the system; refused whole, with the reasons, when any part is wrong. Planned broadcasts keep their slots.</summary>
    [Alias("Set")]
    Task<CommandResult<LoudspeakerSystem>> SetAsync(LoudspeakerSystem system);
}
