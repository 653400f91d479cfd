using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Silo.Storage;

/// <summary>Grain storage in one SQLite file: the embedded default, durable with nothing to install.</summary>
/// <remarks>
/// See <see cref="SqliteDatabase"/> for durability: a committed write survives kill -9; only a power failure may lose
/// the last transactions, which the production cluster (PostgreSQL) covers.
/// <para>
/// A state of <see cref="DeflateFrom"/> bytes of JSON or more (a commune's calendar: 6–30 KB) is stored DEFLATE
/// compressed, as a BLOB; a smaller one as text. Every write rewrites whole 4 KiB pages in the write-ahead log, and
/// SQLite keeps only about 1 KB of a row on its page here, the rest on overflow pages: on a copy of the schedule
/// benchmark's file, updating a 16 KB calendar wrote 11 pages to the log and a 30 KB one 18; deflated (1.6 and
/// 2.7 KB), 4 to 5. The column's storage class says which a row holds, so files written
/// before compression read as they are. To read one by hand: <c>SELECT CAST(payload AS TEXT)</c> gives the text ones;
/// a BLOB is raw DEFLATE of the UTF-8 JSON (e.g. <c>python3 -c "import zlib,sys; print(zlib.decompress(sys.stdin.buffer.read(), -15).decode())"</c>).
/// </para>
/// </remarks>
public sealed class SqliteGrainStorage : JsonGrainStorage
{
    /// <summary>The size from which a state's JSON is stored deflated: about where a row stops fitting on its page.</summary>
    public const int DeflateFrom = 768;

    private readonly SqliteDatabase _database;

    public SqliteGrainStorage(SqliteDatabase database, ILogger<SqliteGrainStorage> logger)
        : base(logger)
    {
        _database = database;
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
                state_name TEXT NOT NULL,
                grain_id   TEXT NOT NULL,
                payload    TEXT NOT NULL,
                etag       TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (state_name, grain_id)
            ) WITHOUT ROWID;
            """);
    }

    protected override async Task<(string Payload, long Version)?> ReadAsync(string stateName, string grainId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = Command(connection, "SELECT payload, etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (Payload(reader), long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    protected override Task<bool> InsertAsync(string stateName, string grainId, string payload, long version) => ChangeAsync("""
        INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at) VALUES ($state, $grain, $payload, $etag, $now)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        """, stateName, grainId, ("$payload", Stored(payload)), ("$etag", Text(version)), ("$now", DateTimeOffset.UtcNow.ToString("O")));

    protected override Task<bool> UpdateAsync(string stateName, string grainId, string payload, long version, long expected) => ChangeAsync("""
        UPDATE grain_state SET payload = $payload, etag = $etag, updated_at = $now
        WHERE state_name = $state AND grain_id = $grain AND etag = $expected
        """, stateName, grainId, ("$payload", Stored(payload)), ("$etag", Text(version)), ("$now", DateTimeOffset.UtcNow.ToString("O")), ("$expected", Text(expected)));

    protected override Task<bool> DeleteAsync(string stateName, string grainId, long expected) => ChangeAsync(
        "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag = $expected", stateName, grainId, ("$expected", Text(expected)));

    protected override async Task<long?> StoredVersionAsync(string stateName, string grainId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = Command(connection, "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain", stateName, grainId);
        return await command.ExecuteScalarAsync() is string etag ? long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<bool> ChangeAsync(string sql, string stateName, string grainId, params (string Name, object? Value)[] parameters) =>
        await _database.Writes.ExecuteAsync(sql, [("$state", stateName), ("$grain", grainId), .. parameters]) == 1;

    private static SqliteCommand Command(SqliteConnection connection, string sql, string stateName, string grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId);
        return command;
    }

    /// <summary>What the payload column holds for a state: its JSON as text, or deflated as a BLOB when large.</summary>
    private static object Stored(string payload)
    {
        var json = Encoding.UTF8.GetBytes(payload);
        if (json.Length < DeflateFrom)
        {
            return payload;
        }

        using var compressed = new MemoryStream(json.Length / 4);
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json);
        }

        return compressed.ToArray();
    }

    private static string Payload(SqliteDataReader reader)
    {
        if (reader.GetFieldType(0) != typeof(byte[]))
        {
            return reader.GetString(0);
        }

        using var inflate = new DeflateStream(reader.GetStream(0), CompressionMode.Decompress);
        using var text = new StreamReader(inflate, Encoding.UTF8);
        return text.ReadToEnd();
    }

    private static string Text(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
