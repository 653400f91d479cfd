using System.Collections.Frozen;
using System.Globalization;

namespace DoiThoai.Domain.AdminUnits;

/// <summary>
/// The 34 provinces and 3,321 communes of Vietnam after the 1 July 2025 reorganisation (Quyết định 19/2025/QĐ-TTg),
/// read from the copy of vn-admin-units-2026.csv built into this assembly, so nothing outside is needed at run time.
/// </summary>
public sealed class AdminUnitRegistry
{
    private const string ResourceName = "vn-admin-units-2026.csv";
    private static readonly Lazy<AdminUnitRegistry> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<string, Province> _provinces;
    private readonly FrozenDictionary<string, Commune> _communes;

    private AdminUnitRegistry(IReadOnlyList<Province> provinces)
    {
        Provinces = provinces;
        _provinces = provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _communes = provinces.SelectMany(p => p.Communes).ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
    }

    /// <summary>The registry of the official units shipped with the platform.</summary>
    public static AdminUnitRegistry Official => Embedded.Value;

    public IReadOnlyList<Province> Provinces { get; }

    public int CommuneCount => _communes.Count;

    public IEnumerable<Commune> Communes => Provinces.SelectMany(p => p.Communes);

    public Province? FindProvince(string code) => _provinces.GetValueOrDefault(code);

    public Commune? FindCommune(string code) => _communes.GetValueOrDefault(code);

    /// <summary>The commune a grain is keyed by: routing has already refused unknown codes, so one here is a bug.</summary>
    public Commune GetCommune(string code) =>
        FindCommune(code) ?? throw new InvalidOperationException($"Unknown commune code '{code}'.");

    /// <summary>Parses the CSV: province_code, province_name, commune_code, commune_name, commune_kind.</summary>
    public static AdminUnitRegistry Parse(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header?.Trim() != "province_code,province_name,commune_code,commune_name,commune_kind")
        {
            throw new FormatException($"Unexpected header in the administrative units file: '{header}'.");
        }

        var communesByProvince = new Dictionary<string, (string Name, List<Commune> Communes)>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 5 || fields[0].Length != 2 || fields[2].Length != 5)
            {
                throw new FormatException($"Line {lineNumber} of the administrative units file is malformed.");
            }

            var kind = fields[4] switch
            {
                "xa" => CommuneKind.Xa,
                "phuong" => CommuneKind.Phuong,
                "dac_khu" => CommuneKind.DacKhu,
                _ => throw new FormatException($"Line {lineNumber}: unknown commune kind '{fields[4]}'."),
            };
            if (!communesByProvince.TryGetValue(fields[0], out var province))
            {
                province = (fields[1], []);
                communesByProvince.Add(fields[0], province);
            }

            province.Communes.Add(new Commune(fields[2], fields[3], kind, fields[0], fields[1]));
        }

        var provinces = communesByProvince
            .OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture))
            .Select(p => new Province(p.Key, p.Value.Name, p.Value.Communes.OrderBy(c => c.Code, StringComparer.Ordinal).ToList()))
            .ToList();
        return new AdminUnitRegistry(provinces);
    }

    private static AdminUnitRegistry LoadEmbedded()
    {
        using var stream = typeof(AdminUnitRegistry).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
