using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Tests.Storage;

public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"doithoai-group-{Guid.NewGuid():N}.db");
    private SqliteDatabase _database = null!;
    private SqliteGroupCommit _writes = null!;

    public ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(_path);
        _database.Execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0));");
        _database.Execute(string.Join(' ', Enumerable.Range(1, 100).Select(i => $"INSERT INTO counter VALUES ({i}, 0);")));
        _writes = new SqliteGroupCommit(_database);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task Thousands_of_concurrent_writes_are_each_committed_once_and_each_caller_gets_its_own_row_count()
    {
        var changed = await Task.WhenAll(Enumerable.Range(0, 5000).Select(i =>
            Task.Run(() => _writes.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = $id", ("$id", i % 100 + 1)))));
        var missing = await _writes.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 999");

        Assert.All(changed, c => Assert.Equal(1, c));
        Assert.Equal(0, missing);
        var totals = await ReadAsync("SELECT SUM(value), MIN(value), MAX(value) FROM counter");
        Assert.Equal([5000L, 50L, 50L], totals);
    }

    [Fact]
    public async Task A_write_that_breaks_a_rule_fails_alone_and_the_others_in_its_group_are_committed()
    {
        var writes = Enumerable.Range(1, 200)
            .Select(i => _writes.ExecuteAsync("UPDATE counter SET value = value + $delta WHERE id = $id", ("$delta", i == 50 ? -1 : 1), ("$id", i % 100 + 1)))
            .ToList();

        var failed = await Assert.ThrowsAsync<SqliteException>(() => writes[49]);
        Assert.Contains("CHECK constraint failed", failed.Message, StringComparison.Ordinal);
        Assert.All(writes.Where((_, i) => i != 49), w => Assert.Equal(1, w.Result));
        var total = await ReadAsync("SELECT SUM(value) FROM counter");
        Assert.Equal([199L], total);
    }

    [Fact]
    public async Task Claims_that_read_what_they_write_share_the_group_with_plain_writes_and_never_take_the_same_row_twice()
    {
        // 50 claimers each take up to 3 rows still at 0 and mark them, while plain writes add to rows 91–100.
        var claims = Enumerable.Range(0, 50).Select(_ => _writes.RunAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE counter SET value = 7 WHERE id IN (SELECT id FROM counter WHERE value = 0 AND id <= 90 ORDER BY id LIMIT 3) RETURNING id";
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }

            return ids;
        })).ToList();
        var writes = Enumerable.Range(0, 50).Select(i => _writes.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = $id", ("$id", 91 + i % 10))).ToList();
        await Task.WhenAll(writes);
        var claimed = (await Task.WhenAll(claims)).SelectMany(ids => ids).ToList();

        Assert.Equal(90, claimed.Count); // 30 claims found 3 rows each; the 20 after them found none left
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        var total = await ReadAsync("SELECT SUM(value) FROM counter");
        Assert.Equal([(90 * 7) + 50L], total);
    }

    private async Task<long[]> ReadAsync(string sql)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64).ToArray();
    }

    [Fact]
    public async Task What_is_committed_reaches_the_database_file_itself_without_a_commit_carrying_a_checkpoint()
    {
        // 1 MB in 256-odd pages: far below SQLite's own checkpoint (twice RestartFrom), so only the checkpoints beside
        // the writer can copy it from the log into the file.
        _database.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
        var before = new FileInfo(_path).Length;
        await Task.WhenAll(Enumerable.Range(0, 250).Select(i =>
            _writes.ExecuteAsync("INSERT INTO notes (text) VALUES ($text)", ("$text", new string('đ', 2000)))));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (new FileInfo(_path).Length < before + 1_000_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(new FileInfo(_path).Length >= before + 1_000_000, $"the file grew from {before} to {new FileInfo(_path).Length} bytes");
    }

    [Fact]
    public async Task Under_a_steady_stream_of_writes_the_log_starts_over_instead_of_growing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"doithoai-restart-{Guid.NewGuid():N}.db");
        await using (var database = new SqliteDatabase(path, restartFrom: 256))
        {
            database.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");

            // 40 MB written in 20,000 writes queued at once, so the writer is never idle between its transactions.
            await Task.WhenAll(Enumerable.Range(0, 20_000).Select(i =>
                database.Writes.ExecuteAsync("INSERT INTO notes (text) VALUES ($text)", ("$text", new string('ơ', 1000)))));

            var log = new FileInfo(path + "-wal").Length;
            Assert.True(log < 24_000_000, $"the log is {log} bytes after 40 MB of writes"); // without starting over: over 40 MB
        }

        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
