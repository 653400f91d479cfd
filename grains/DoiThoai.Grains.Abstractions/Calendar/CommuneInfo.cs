using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;

namespace DoiThoai.Grains.Abstractions.Calendar;

/// <summary>A commune and the notice policy that binds its sessions.</summary>
[GenerateSerializer, Immutable, Alias("DoiThoai.CommuneInfo")]
public sealed record CommuneInfo(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] CommuneKind Kind,
    [property: Id(3)] string ProvinceCode,
    [property: Id(4)] string ProvinceName,
    [property: Id(5)] NoticePolicy ProvinceDefault,
    [property: Id(6)] NoticePolicy? OwnPolicy,
    [property: Id(7)] IReadOnlyList<NoticePolicy> EffectivePolicies);
