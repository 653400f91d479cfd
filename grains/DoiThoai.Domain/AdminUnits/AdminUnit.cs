namespace DoiThoai.Domain.AdminUnits;

public enum CommuneKind
{
    /// <summary>xã</summary>
    Xa,

    /// <summary>phường</summary>
    Phuong,

    /// <summary>đặc khu</summary>
    DacKhu,
}

/// <summary>A province or centrally-run city (tỉnh / thành phố), by its official 2-digit code.</summary>
public sealed record Province(string Code, string Name, IReadOnlyList<Commune> Communes);

/// <summary>A commune, ward or special zone (xã / phường / đặc khu), by its official 5-digit code.</summary>
public sealed record Commune(string Code, string Name, CommuneKind Kind, string ProvinceCode, string ProvinceName);
