using System.Data.Common;
using DoiThoai.Grains.Abstractions.Audit;

namespace DoiThoai.Silo.Audit;

/// <summary>What both audit stores share: the columns they read and how a row becomes an entry.</summary>
internal static class AuditRows
{
    public const string Columns = "id, at, actor, action, province_code, commune_code, target, detail";

    /// <summary>The most entries one read returns.</summary>
    public const int MaxLimit = 500;

    /// <summary>The filter of a page: one scope, one commune when given, older than an id when given.</summary>
    public const string Where = "scope = @scope AND (@commune IS NULL OR commune_code = @commune) AND (@before IS NULL OR id < @before)";

    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(DbDataReader reader, Func<DbDataReader, DateTimeOffset> at)
    {
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0), at(reader), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return entries;
    }
}
