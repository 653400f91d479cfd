using System.Data;
using System.Data.Common;
using DoiThoai.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace DoiThoai.Silo.Jobs;

/// <summary>
/// The connections Quartz opens to the embedded job store, opened and set as the platform's own SQLite store's are
/// (<see cref="SqliteDatabase.ConnectionStringOf"/>, <see cref="SqliteDatabase.ConnectionPragmas"/>). Quartz takes a
/// <see cref="DbDataSource"/>, and Microsoft.Data.Sqlite has none, hence this one.
/// </summary>
public sealed class SqliteJobsDataSource(string path) : DbDataSource
{
    public override string ConnectionString { get; } = SqliteDatabase.ConnectionStringOf(path);

    protected override DbConnection CreateDbConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Open)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = SqliteDatabase.ConnectionPragmas;
                pragma.ExecuteNonQuery();
            }
        };
        return connection;
    }
}
