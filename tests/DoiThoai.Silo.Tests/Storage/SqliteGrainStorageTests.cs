using System.Text.Json;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>The embedded store against the conformance suite, each test on a database file of its own.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformance, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "doithoai-storage-" + Guid.NewGuid().ToString("N"));

    private readonly List<SqliteDatabase> _opened = [];

    private string DatabasePath => Path.Combine(_directory, "nested", "doithoai.db");

    protected override IGrainStorage CreateStorage(bool reopen = false)
    {
        var database = new SqliteDatabase(DatabasePath);
        _opened.Add(database);
        return new SqliteGrainStorage(database, NullLogger<SqliteGrainStorage>.Instance);
    }

    [Fact]
    public void The_store_creates_its_folder_and_keeps_a_write_ahead_log()
    {
        CreateStorage();

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_calendar_sized_state_is_stored_deflated_and_a_small_one_as_readable_text()
    {
        var storage = CreateStorage();
        var (large, small) = (GrainId.Create("commune", "large"), GrainId.Create("commune", "small"));
        var calendar = new TestState { State = LargeState() };
        var json = JsonSerializer.SerializeToUtf8Bytes(calendar.State, JsonGrainStorage.SerializerOptions).Length;
        await storage.WriteStateAsync("calendar", large, calendar);
        await storage.WriteStateAsync("calendar", small, new TestState { State = new SampleState { Title = "Thôn Đông" } });

        Assert.True(json > 8_000, $"the sample calendar is {json} bytes of JSON");
        var (largeType, largeBytes) = StoredPayload(large);
        Assert.Equal("blob", largeType);
        Assert.True(largeBytes * 4 < json, $"{json} bytes of JSON stored in {largeBytes}");
        Assert.Equal("text", StoredPayload(small).Type);
        var read = new TestState();
        await CreateStorage(reopen: true).ReadStateAsync("calendar", large, read);
        Assert.Equal(calendar.State.Hamlets, read.State.Hamlets);
        Assert.Equal(calendar.ETag, read.ETag);
    }

    [Fact]
    public async Task A_large_state_a_file_holds_as_text_from_before_compression_reads_back_and_is_deflated_when_next_written()
    {
        CreateStorage();
        var grain = GrainId.Create("commune", "old");
        var before = LargeState();
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at) VALUES ('calendar', $grain, $payload, '7', '2026-11-01')";
            command.Parameters.AddWithValue("$grain", grain.ToString());
            command.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(before, JsonGrainStorage.SerializerOptions));
            command.ExecuteNonQuery();
        }

        var storage = CreateStorage(reopen: true);
        var read = new TestState();
        await storage.ReadStateAsync("calendar", grain, read);
        Assert.Equal("7", read.ETag);
        Assert.Equal(before.Hamlets, read.State.Hamlets);

        read.State.Counter++;
        await storage.WriteStateAsync("calendar", grain, read);
        Assert.Equal("blob", StoredPayload(grain).Type);
    }

    /// <summary>A state the size of a busy commune's calendar: a few dozen records of Vietnamese text.</summary>
    private static SampleState LargeState() => new()
    {
        Title = "Lịch hội nghị đối thoại năm 2026 – Phường Cẩm Lệ",
        Hamlets = [.. Enumerable.Range(1, 120).Select(i => $"Tổ dân phố {i}, khu vực Hòa Thọ Đông – họp tại nhà văn hóa số {i % 7}")],
        Counter = 120,
    };

    private (string Type, long Bytes) StoredPayload(GrainId grain)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(payload), length(CAST(payload AS BLOB)) FROM grain_state WHERE grain_id = $grain";
        command.Parameters.AddWithValue("$grain", grain.ToString());
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetString(0), reader.GetInt64(1));
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
