namespace DoiThoai.Grains;

/// <summary>
/// Where residents and hamlet heads reach the platform's pages (setting Platform:PublicUrl): the links messages carry.
/// </summary>
public sealed record PublicSite(Uri BaseUrl)
{
    /// <summary>An absolute link to a page of the platform, e.g. "moi.html?xa=…".</summary>
    public string Link(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();
}
