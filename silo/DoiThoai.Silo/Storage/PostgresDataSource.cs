using Npgsql;

namespace DoiThoai.Silo.Storage;

/// <summary>
/// The silo's pool of PostgreSQL connections. By default Npgsql resets a connection each time it goes back to the pool
/// (DISCARD ALL), which also drops what the server had parsed and planned: in the `cluster` benchmark that was about
/// one reset for every statement (8,390 in 15 s), each statement parsed and planned again.
/// The platform leaves nothing on a connection between uses (no temporary tables, session settings or advisory locks),
/// so connections go back as they are, and the statements it repeats are prepared once per connection. An operator's
/// connection string that sets either option keeps its own value.
/// </summary>
public static class PostgresDataSource
{
    public const int AutoPreparedStatements = 64;

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (!Mentions(connectionString, "Reset On Close"))
        {
            settings.NoResetOnClose = true;
        }

        if (!Mentions(connectionString, "Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.Build();
    }

    private static bool Mentions(string connectionString, string option) =>
        connectionString.Replace(" ", "", StringComparison.Ordinal).Contains(option.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
