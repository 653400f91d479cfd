using DoiThoai.Domain.AdminUnits;

namespace DoiThoai.Domain.Tests;

public sealed class AdminUnitRegistryTests
{
    private readonly AdminUnitRegistry _registry = AdminUnitRegistry.Official;

    [Fact]
    public void The_shipped_registry_has_34_provinces_and_3321_communes_of_three_kinds()
    {
        Assert.Equal(34, _registry.Provinces.Count);
        Assert.Equal(3321, _registry.CommuneCount);
        Assert.Equal(2611, _registry.Communes.Count(c => c.Kind == CommuneKind.Xa));
        Assert.Equal(697, _registry.Communes.Count(c => c.Kind == CommuneKind.Phuong));
        Assert.Equal(13, _registry.Communes.Count(c => c.Kind == CommuneKind.DacKhu));
        Assert.Equal(168, _registry.Provinces.Max(p => p.Communes.Count));
        Assert.Equal("Thành phố Hồ Chí Minh", _registry.Provinces.MaxBy(p => p.Communes.Count)!.Name);
    }

    [Theory]
    [InlineData("20260", "Phường Cẩm Lệ", "48")]
    [InlineData("19009", "Phường Ba Đồn", "44")]
    [InlineData("00634", "Phường Tây Mỗ", "01")]
    [InlineData("10714", "Phường Nhị Chiểu", "31")]
    [InlineData("10993", "Xã Thượng Hồng", "31")]
    public void The_communes_of_the_seed_plans_are_found_by_code(string code, string name, string province)
    {
        var commune = _registry.FindCommune(code);
        Assert.NotNull(commune);
        Assert.Equal(name, commune.Name);
        Assert.Equal(province, commune.ProvinceCode);
        Assert.Contains(commune, _registry.FindProvince(province)!.Communes);
    }

    [Fact]
    public void Unknown_codes_are_not_found()
    {
        Assert.Null(_registry.FindCommune("99999"));
        Assert.Null(_registry.FindProvince("00"));
    }

    [Fact]
    public void The_shipped_copy_is_identical_to_the_shared_data_file()
    {
        var shared = Path.Combine(RepositoryRoot(), "..", "shared", "data", "vn-admin-units-2026.csv");
        Assert.True(File.Exists(shared), $"The shared data file is expected beside the repository: {shared}");
        using var reader = File.OpenText(shared);
        var fromShared = AdminUnitRegistry.Parse(reader);
        Assert.Equal(fromShared.Communes, _registry.Communes);
    }

    [Fact]
    public void A_malformed_file_is_refused_with_its_line_number()
    {
        var csv = "province_code,province_name,commune_code,commune_name,commune_kind\n01,Hà Nội,0004,Ba Đình,phuong\n";
        var error = Assert.Throws<FormatException>(() => AdminUnitRegistry.Parse(new StringReader(csv)));
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DoiThoaiCluster.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DoiThoaiCluster.sln not found above the test binaries.");
    }
}
