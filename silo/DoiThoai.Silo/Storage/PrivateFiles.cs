namespace DoiThoai.Silo.Storage;

/// <summary>
/// The embedded platform's files hold residents' phone numbers and addresses: a data folder the platform creates is
/// its owner's only (0700), and so are the SQLite files (0600). A file is created empty with that mode before SQLite
/// opens it, and SQLite gives its -wal and -shm files the mode of the database file; the files of an earlier version
/// are tightened at start (group and others lose every right). A folder that already exists is left as it is: it
/// may be shared (a database file put straight into /tmp must not make /tmp private), and the files in it are
/// closed to others anyway.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The folder of <paramref name="databaseFile"/> and the file itself (and its journal files), owner-only.</summary>
    public static void Prepare(string databaseFile)
    {
        var path = Path.GetFullPath(databaseFile);
        var folder = Path.GetDirectoryName(path);
        if (OperatingSystem.IsWindows())
        {
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            return;
        }

        if (folder is not null && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerFolder);
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile });
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
        {
            Tighten(file);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path)
    {
        var mode = File.GetUnixFileMode(path);
        if ((mode & Others) != 0)
        {
            File.SetUnixFileMode(path, mode & ~Others);
        }
    }
}
