namespace DoiThoai.TestServers;

/// <summary>artifacts/ at the repository root: what the tests leave for a person to look at (screenshots, document pages).</summary>
public static class Artifacts
{
    public static string Directory(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DoiThoaiCluster.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
