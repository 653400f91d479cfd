using System.Net;

namespace DoiThoai.Api.Tests;

[Collection(PlatformCollection.Name)]
public sealed class AdminUnitsApiTests(PlatformFactory platform)
{
    private readonly HttpClient _client = platform.CreateClient();

    [Fact]
    public async Task The_34_provinces_are_listed_with_their_commune_counts()
    {
        var provinces = await (await _client.Get("/api/provinces")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(34, provinces.GetArrayLength());
        Assert.Equal(3321, provinces.EnumerateArray().Sum(p => p.GetProperty("communeCount").GetInt32()));
        var hcm = provinces.EnumerateArray().Single(p => p.Str("code") == "79");
        Assert.Equal(("Thành phố Hồ Chí Minh", 168), (hcm.Str("name"), hcm.GetProperty("communeCount").GetInt32()));
    }

    [Fact]
    public async Task A_province_lists_its_communes_with_their_kind()
    {
        var communes = await (await _client.Get("/api/provinces/31/communes")).JsonAsync(HttpStatusCode.OK);

        var thuongHong = communes.EnumerateArray().Single(c => c.Str("code") == "10993");
        Assert.Equal(("Xã Thượng Hồng", "xa"), (thuongHong.Str("name"), thuongHong.Str("kind")));
    }

    [Fact]
    public async Task A_commune_shows_its_province_and_effective_notice_policy()
    {
        var commune = await (await _client.Get("/api/communes/20260")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(("Phường Cẩm Lệ", "phuong", "48"), (commune.Str("name"), commune.Str("kind"), commune.Str("provinceCode")));
        var effective = commune.GetProperty("effectivePolicies")[0];
        Assert.Equal((7, "calendar"), (effective.GetProperty("minimumNoticeDays").GetInt32(), effective.Str("dayKind")));
    }

    [Theory]
    [InlineData("/api/provinces/99/communes")]
    [InlineData("/api/provinces/99/overview")]
    [InlineData("/api/communes/99999")]
    [InlineData("/api/communes/2026")]
    [InlineData("/api/communes/%3Cscript%3E/sessions")]
    public async Task Unknown_units_are_a_404_problem_in_Vietnamese(string url)
    {
        var problem = await (await _client.Get(url)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.StartsWith("Không có", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_are_a_404_problem_too()
    {
        await (await _client.Get("/api/nothing-here")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
