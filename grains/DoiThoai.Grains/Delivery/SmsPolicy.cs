using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Messaging;
using DoiThoai.Grains.Abstractions.Province;

namespace DoiThoai.Grains.Delivery;

/// <summary>An SMS text as the commune's province sends it (with or without diacritics, by its policy).</summary>
internal static class SmsPolicy
{
    public static async Task<string> PrepareAsync(IGrainFactory grains, Commune commune, string text)
    {
        var policy = await grains.GetGrain<IProvinceGrain>(commune.ProvinceCode).GetSmsTextPolicyAsync();
        return SmsText.Prepare(text, policy).Text;
    }
}
