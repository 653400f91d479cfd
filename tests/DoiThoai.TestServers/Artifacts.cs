namespace DoiThoai.TestServers;

/// <summary>artifacts/ at the repository root: what the tests leave for a person to look at (screenshots, document pages).</summary>
public static class Artifacts
{
    /// <summary>The repository the tests run from (the folder of DoiThoaiCluster.sln); the temporary folder when run elsewhere.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory(string name)
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DoiThoaiCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }
}
