using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// The connections Quartz opens to the embedded job store, each set as the platform's own SQLite store is: WAL with
/// synchronous=NORMAL (a committed job survives the process being killed; a commit does not wait for the disk) and a
/// busy timeout. Quartz takes a <see cref="DbDataSource"/>, and Microsoft.Data.Sqlite has none, hence this one.
/// </summary>
public sealed class SqliteJobsDataSource(string path) : DbDataSource
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }
}
