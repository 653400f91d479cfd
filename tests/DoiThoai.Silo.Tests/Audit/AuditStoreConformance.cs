using System.Data.Common;
using DoiThoai.Grains.Abstractions.Audit;
using DoiThoai.Grains.Audit;

namespace DoiThoai.Silo.Tests.Audit;

/// <summary>What every audit store must do, on SQLite and on PostgreSQL: keep entries in order, and refuse to change them.</summary>
public abstract class AuditStoreConformance
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7));

    protected abstract IAuditStore Store { get; }

    /// <summary>A connection to the store's own database, to try what a careless or hostile operator would.</summary>
    protected abstract Task<DbConnection> OpenAsync();

    private static string NewScope() => "t" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Entries_come_back_newest_first_by_commune_and_page_by_page()
    {
        var scope = NewScope();
        for (var i = 0; i < 5; i++)
        {
            await Store.AppendAsync(scope, new AuditRecord("cán bộ A", "session.scheduled", "01", i % 2 == 0 ? "00004" : "00008", $"s{i}", $"chi tiết {i}"), Now.AddMinutes(i));
        }

        await Store.AppendAsync(NewScope(), new AuditRecord("x", "session.cancelled", "02", null, "other", null), Now);

        var all = await Store.ListAsync(scope, null, null, 100);
        Assert.Equal(["s4", "s3", "s2", "s1", "s0"], all.Select(e => e.Target));
        Assert.Equal(Now.AddMinutes(4), all[0].At);
        Assert.Equal(("cán bộ A", "session.scheduled", "01", "chi tiết 4"), (all[0].Actor, all[0].Action, all[0].ProvinceCode, all[0].Detail));
        Assert.Equal(["s4", "s2", "s0"], (await Store.ListAsync(scope, "00004", null, 100)).Select(e => e.Target));
        var firstPage = await Store.ListAsync(scope, null, null, 2);
        Assert.Equal(["s2", "s1"], (await Store.ListAsync(scope, null, firstPage[^1].Id, 2)).Select(e => e.Target));
    }

    [Fact]
    public async Task An_entry_cannot_be_changed_or_deleted_even_by_hand()
    {
        var scope = NewScope();
        await Store.AppendAsync(scope, new AuditRecord("cán bộ A", "contact.deleted", "01", "00004", "c17", null), Now);
        await using var connection = await OpenAsync();

        foreach (var sql in new[] { $"UPDATE audit_log SET actor = 'ai đó' WHERE scope = '{scope}'", $"DELETE FROM audit_log WHERE scope = '{scope}'" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var entry = Assert.Single(await Store.ListAsync(scope, null, null, 10));
        Assert.Equal("cán bộ A", entry.Actor);
    }
}
