using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// The embedded platform's SQLite file: grain state, the audit log and the delivery outbox live in it side by side.
/// WAL journal, synchronous=NORMAL: a committed write survives the process being killed. Every write goes through
/// <see cref="Writes"/>, one writer for the file: SQLite lets one transaction write at a time, and writers that
/// meet on its lock wait in its busy handler, which sleeps in steps of up to 25 ms (the schedule benchmark's tail).
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;

    /// <param name="path">The file, created with its folder if missing, both its owner's only (<see cref="PrivateFiles"/>).</param>
    /// <param name="restartFrom">See <see cref="SqliteGroupCommit.RestartFrom"/> (tests give fewer pages).</param>
    public SqliteDatabase(string path, int restartFrom = SqliteGroupCommit.RestartFrom)
    {
        Path = System.IO.Path.GetFullPath(path);
        PrivateFiles.Prepare(Path);

        _connectionString = ConnectionStringOf(Path);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        Writes = new SqliteGroupCommit(this, restartFrom);
    }

    /// <summary>How the platform's SQLite files are opened: read-write, created if missing, pooled, 30 s for a busy file.</summary>
    public static string ConnectionStringOf(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>What every connection to them sets once open: a busy timeout, and commits that survive a killed process without waiting for the disk.</summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public string Path { get; }

    /// <summary>The file's one writer: each write joins the next group transaction and is answered once committed.</summary>
    public SqliteGroupCommit Writes { get; }

    public ValueTask DisposeAsync() => Writes.DisposeAsync();

    /// <summary>
    /// A connection to the file. SQLite's own checkpoint (inside a commit) is pushed back to twice
    /// <see cref="SqliteGroupCommit.RestartFrom"/>: the group commit checkpoints beside the writer instead.
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"{ConnectionPragmas} PRAGMA wal_autocheckpoint = {2 * SqliteGroupCommit.RestartFrom};";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The same as <see cref="Open"/>: SQLite has no asynchronous I/O, its async methods run synchronously.</summary>
    public Task<SqliteConnection> OpenAsync() => Task.FromResult(Open());

    /// <summary>
    /// Makes the index <paramref name="name"/> the one <paramref name="definition"/> (a CREATE INDEX statement)
    /// describes: created if missing, rebuilt if a file from an earlier version holds it with another definition.
    /// </summary>
    public void EnsureIndex(string name, string definition)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = $name";
        lookup.Parameters.AddWithValue("$name", name);
        var stored = lookup.ExecuteScalar() as string;
        if (stored is not null && Normalized(stored) == Normalized(definition))
        {
            return;
        }

        using var change = connection.CreateCommand();
        change.CommandText = stored is null ? definition : $"DROP INDEX \"{name}\"; {definition}";
        change.ExecuteNonQuery();
        transaction.Commit();

        static string Normalized(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Adds a column a file from an earlier version lacks (ALTER TABLE … ADD COLUMN); nothing when it is there.</summary>
    public void EnsureColumn(string table, string column, string definition)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        lookup.Parameters.AddWithValue("$table", table);
        lookup.Parameters.AddWithValue("$column", column);
        if ((long)lookup.ExecuteScalar()! > 0)
        {
            return;
        }

        using var change = connection.CreateCommand();
        change.CommandText = $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {definition}";
        change.ExecuteNonQuery();
    }

    /// <summary>Runs schema statements once at start-up (CREATE … IF NOT EXISTS).</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
