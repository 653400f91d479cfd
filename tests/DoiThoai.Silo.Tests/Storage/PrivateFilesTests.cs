using DoiThoai.Silo.Storage;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The embedded store's files are their owner's only, also those an earlier version left readable by all.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-private-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_new_store_creates_its_folder_and_files_for_its_owner_alone()
    {
        var path = Path.Combine(_directory, "data", "doithoai.db");

        await using (var database = new SqliteDatabase(path))
        {
            using var open = database.Open(); // while a connection is open, SQLite keeps its -wal and -shm files
            using var write = open.CreateCommand();
            write.CommandText = "CREATE TABLE t (x); INSERT INTO t VALUES (1);";
            write.ExecuteNonQuery();
            Assert.Equal(Folder, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.True(File.Exists(path + "-wal"));
            Assert.All([path, path + "-wal", path + "-shm"], f => Assert.Equal(File600, File.GetUnixFileMode(f)));
        }
    }

    [Fact]
    public async Task Files_others_could_read_are_tightened_at_start_and_a_folder_that_existed_is_left_as_it_was()
    {
        var folder = Path.Combine(_directory, "shared");
        Directory.CreateDirectory(folder);
        const UnixFileMode Shared = Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | UnixFileMode.OtherWrite;
        File.SetUnixFileMode(folder, Shared);
        var path = Path.Combine(folder, "doithoai.db");
        await using (new SqliteDatabase(path))
        {
        }

        File.SetUnixFileMode(path, File600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using (new SqliteDatabase(path))
        {
            Assert.Equal(Shared, File.GetUnixFileMode(folder)); // like /tmp: not ours to close
            Assert.Equal(File600, File.GetUnixFileMode(path));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
