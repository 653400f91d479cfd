using System.Globalization;
using DoiThoai.Api.Infrastructure;
using DoiThoai.Api.Security;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Delivery;

namespace DoiThoai.Api.Apis;

/// <summary>One loudspeaker cluster (cụm loa) and the hamlets it reaches; no hamlets: the whole commune.</summary>
public sealed record LoudspeakerClusterBody(string Id, string Name, IReadOnlyList<string>? Hamlets = null);

/// <summary>A commune's loudspeaker system: daily broadcast slots as "HH:mm" (local time), and its clusters.</summary>
public sealed record LoudspeakerSystemBody(IReadOnlyList<string> Slots, IReadOnlyList<LoudspeakerClusterBody> Clusters)
{
    public static LoudspeakerSystemBody From(LoudspeakerSystem system) => new(
        system.Slots.Select(LoudspeakerSystem.Format).ToList(),
        system.Clusters.Select(c => new LoudspeakerClusterBody(c.Id, c.Name, c.Hamlets)).ToList());
}

public static class LoudspeakersApi
{
    public static IEndpointRouteBuilder MapLoudspeakersApi(this IEndpointRouteBuilder app)
    {
        var loudspeakers = app.MapGroup("/api/communes/{code}/loudspeakers")
            .TouchesScope(ScopeLevel.Commune)
            .WithTags("Loudspeakers");
        loudspeakers.MapGet("", Get).Describe("GetLoudspeakers", "The commune's loudspeaker stations");
        loudspeakers.MapPut("", Set).Audited("loudspeakers.set").Describe("SetLoudspeakers", "Set the commune's loudspeaker stations");
        return app;
    }

    private static async Task<Ok<LoudspeakerSystemBody>> Get(string code, IGrainFactory grains) =>
        TypedResults.Ok(LoudspeakerSystemBody.From(await grains.GetGrain<ILoudspeakerSystemGrain>(code).GetAsync()));

    private static async Task<Results<Ok<LoudspeakerSystemBody>, ProblemHttpResult>> Set(string code, LoudspeakerSystemBody body, IGrainFactory grains)
    {
        var slots = new List<TimeOnly>();
        foreach (var slot in body.Slots)
        {
            if (!TimeOnly.TryParseExact(slot, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problems.Invalid("slots", $"Giờ phát thanh '{Problems.Echo(slot)}' không hợp lệ: viết theo dạng HH:mm, ví dụ 06:00 hoặc 17:30.");
            }

            slots.Add(parsed);
        }

        var system = new LoudspeakerSystem(slots, body.Clusters.Select(c => new LoudspeakerCluster(c.Id, c.Name, c.Hamlets ?? [])).ToList());
        var result = await grains.GetGrain<ILoudspeakerSystemGrain>(code).SetAsync(system);
        return result.Succeeded ? TypedResults.Ok(LoudspeakerSystemBody.From(result.Value!)) : Problems.From(result.Problem!);
    }
}
