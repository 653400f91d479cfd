using System.Globalization;

namespace DoiThoai.Domain.AdminUnits;

/// <summary>
/// How a unit's name is written in running Vietnamese text: its type in lower case inside a sentence ("UBND xã Thượng
/// Hồng", "thành phố Hải Phòng", "đặc khu Côn Đảo"), capitalised only where a sentence starts, and upper case in a
/// document's heading.
/// </summary>
public static class UnitNames
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly string[] Types = ["Đặc khu ", "Phường ", "Xã ", "Thành phố ", "Tỉnh "];

    /// <summary>"Xã Thượng Hồng" → "xã Thượng Hồng"; "Thành phố Hải Phòng" → "thành phố Hải Phòng".</summary>
    public static string InSentence(string name)
    {
        foreach (var type in Types)
        {
            if (name.StartsWith(type, StringComparison.Ordinal))
            {
                return type.ToLower(Vietnamese) + name[type.Length..];
            }
        }

        return name;
    }

    /// <summary>The name without its type, as the place in a document's date line: "Thượng Hồng".</summary>
    public static string Place(string name)
    {
        foreach (var type in Types)
        {
            if (name.StartsWith(type, StringComparison.Ordinal))
            {
                return name[type.Length..];
            }
        }

        return name;
    }

    /// <summary>"ỦY BAN NHÂN DÂN XÃ THƯỢNG HỒNG" and the like: a heading in capitals.</summary>
    public static string Upper(string text) => text.ToUpper(Vietnamese);

    /// <summary>The commune's People's Committee as a sentence names it: "UBND xã Thượng Hồng".</summary>
    public static string Committee(Commune commune) => $"UBND {InSentence(commune.Name)}";

    /// <summary>In full: "Ủy ban nhân dân xã Thượng Hồng".</summary>
    public static string CommitteeInFull(Commune commune) => $"Ủy ban nhân dân {InSentence(commune.Name)}";

    /// <summary>The type alone, as a sentence names it: "xã", "phường", "đặc khu".</summary>
    public static string Type(CommuneKind kind) => kind switch
    {
        CommuneKind.Phuong => "phường",
        CommuneKind.DacKhu => "đặc khu",
        _ => "xã",
    };
}
