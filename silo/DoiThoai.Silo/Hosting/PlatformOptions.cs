namespace DoiThoai.Silo.Hosting;

/// <summary>The embedded platform: one silo hosting the HTTP API, state in a local folder.</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Where the embedded store keeps its files (command line: --data-dir).</summary>
    public string DataDir { get; set; } = "./.doithoai-data";

    /// <summary>Orleans silo-to-silo port on 127.0.0.1.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port on 127.0.0.1.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address residents and hamlet heads open the pages at, for the links in messages (e.g.
    /// "https://doithoai.danang.gov.vn/"); unset, the first of --urls.
    /// </summary>
    public string? PublicUrl { get; set; }

    public string DatabasePath => Path.Combine(DataDir, "doithoai.db");
}
