using System.Text;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// Quartz's own tables, from the create scripts the Quartz package carries (it knows its schema; we do not copy it):
/// SQLite's created beside the embedded store at start, PostgreSQL's applied by <c>migrate</c> as a numbered migration.
/// </summary>
public static class QuartzSchema
{
    /// <summary>The prefix of Quartz's tables (its default).</summary>
    public const string TablePrefix = "QRTZ_";

    /// <summary>The statements of the package's create script for a dialect ("sqlite", "postgres"), prefix filled in.</summary>
    public static IReadOnlyList<string> Statements(string dialect)
    {
        var resource = $"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Quartz package carries no '{resource}'.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);

        // The script separates its statements by a line reading exactly "--;;"; pieces of comments only are dropped.
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            if (line.TrimEnd() == "--;;")
            {
                Flush();
            }
            else
            {
                current.Append(line).Append('\n');
            }
        }

        Flush();
        return statements;

        void Flush()
        {
            var text = current.ToString();
            current.Clear();
            if (text.Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            {
                statements.Add(text.Trim());
            }
        }
    }

    /// <summary>The PostgreSQL migration: the whole script, each statement ending with a semicolon.</summary>
    public static string PostgresMigration() =>
        "-- Quartz's job store, from the create script of the Quartz package (QuartzSchema).\n"
        + string.Join("\n", Statements("postgres").Select(s => s.TrimEnd().EndsWith(';') ? s : s + ";"));

    /// <summary>Creates what is missing of the SQLite job store (every statement is "if not exists"); WAL journal.</summary>
    public static void CreateSqlite(string path)
    {
        Storage.PrivateFiles.Prepare(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var statement in Statements("sqlite"))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        wal.ExecuteNonQuery();
    }
}
