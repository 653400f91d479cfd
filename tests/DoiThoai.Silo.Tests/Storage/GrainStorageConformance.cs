using Orleans.Runtime;
using Orleans.Storage;

namespace DoiThoai.Silo.Tests.Storage;

/// <summary>A state as grains keep them: nested records, lists, Vietnamese text, dates.</summary>
public sealed class SampleState
{
    public string Title { get; set; } = "";

    public List<string> Hamlets { get; set; } = [];

    public DateTimeOffset? StartsAt { get; set; }

    public DateOnly Day { get; set; }

    public int Counter { get; set; }
}

/// <summary>
/// What every grain storage of the platform must do, whatever backs it: the embedded store passes it here, and the
/// production store runs the same cases against its own database.
/// </summary>
public abstract class GrainStorageConformance
{
    private const string StateName = "sample";

    /// <summary>A storage over a fresh, empty store; <paramref name="reopen"/> gives another instance over the same store.</summary>
    protected abstract IGrainStorage CreateStorage(bool reopen = false);

    private static GrainId NewGrain() => GrainId.Create("commune", Guid.NewGuid().ToString("N"));

    private static TestState Empty() => new();

    [Fact]
    public async Task Reading_a_state_never_written_gives_a_fresh_state_without_etag()
    {
        var storage = CreateStorage();
        var state = Empty();
        state.State.Title = "stale";

        await storage.ReadStateAsync(StateName, NewGrain(), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("", state.State.Title);
    }

    [Fact]
    public async Task A_written_state_reads_back_equal_from_another_instance()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var written = Empty();
        written.State = new SampleState
        {
            Title = "Hội nghị đối thoại định kỳ – Phường Cẩm Lệ",
            Hamlets = ["Tổ dân phố 1", "Thôn Hòa Thọ"],
            StartsAt = new DateTimeOffset(2026, 12, 10, 8, 0, 0, TimeSpan.FromHours(7)),
            Day = new DateOnly(2026, 11, 24),
            Counter = 42,
        };
        await storage.WriteStateAsync(StateName, grain, written);

        var read = Empty();
        await CreateStorage(reopen: true).ReadStateAsync(StateName, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State.Title, read.State.Title);
        Assert.Equal(written.State.Hamlets, read.State.Hamlets);
        Assert.Equal(written.State.StartsAt, read.State.StartsAt);
        Assert.Equal(written.State.StartsAt!.Value.Offset, read.State.StartsAt!.Value.Offset);
        Assert.Equal((written.State.Day, written.State.Counter), (read.State.Day, read.State.Counter));
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var state = Empty();

        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;
        state.State.Counter++;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_state_is_unchanged()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var winner = Empty();
        await storage.WriteStateAsync(StateName, grain, winner);
        var loser = Empty();
        await storage.ReadStateAsync(StateName, grain, loser);

        winner.State.Title = "winner";
        await storage.WriteStateAsync(StateName, grain, winner);
        loser.State.Title = "loser";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, loser));

        var read = Empty();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(("winner", winner.ETag), (read.State.Title, read.ETag));
    }

    [Fact]
    public async Task Writing_as_new_over_an_existing_state_is_refused()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, Empty());

        var unaware = Empty();
        unaware.State.Title = "created elsewhere";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, unaware));
    }

    [Fact]
    public async Task Clearing_removes_the_state_and_a_stale_clear_is_refused()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var state = Empty();
        state.State.Title = "to be removed";
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = Empty();
        await storage.ReadStateAsync(StateName, grain, stale);
        state.State.Counter = 1;
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));
        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = Empty();
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        await storage.WriteStateAsync(StateName, grain, read); // a cleared state can be written anew
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task States_of_different_names_and_grains_do_not_mix()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var calendar = Empty();
        calendar.State.Title = "calendar";
        await storage.WriteStateAsync("calendar", grain, calendar);
        var other = Empty();
        await storage.ReadStateAsync("contacts", grain, other);
        var otherGrain = Empty();
        await storage.ReadStateAsync("calendar", NewGrain(), otherGrain);

        Assert.False(other.RecordExists);
        Assert.False(otherGrain.RecordExists);
    }

    [Fact]
    public async Task A_large_state_of_several_megabytes_round_trips()
    {
        var storage = CreateStorage();
        var grain = NewGrain();
        var state = Empty();
        state.State.Hamlets = Enumerable.Range(0, 50_000).Select(i => $"Tổ dân phố số {i} – khu phố Hòa Xuân").ToList();
        await storage.WriteStateAsync(StateName, grain, state);

        var read = Empty();
        await CreateStorage(reopen: true).ReadStateAsync(StateName, grain, read);

        Assert.Equal(50_000, read.State.Hamlets.Count);
        Assert.Equal(state.State.Hamlets[^1], read.State.Hamlets[^1]);
    }

    [Fact]
    public async Task Of_concurrent_writers_holding_the_same_etag_exactly_one_wins()
    {
        var grain = NewGrain();
        var seed = Empty();
        await CreateStorage().WriteStateAsync(StateName, grain, seed);

        var writers = Enumerable.Range(0, 16).Select(i =>
        {
            var state = new TestState { State = new SampleState { Title = $"writer {i}" }, ETag = seed.ETag, RecordExists = true };
            return (Storage: CreateStorage(reopen: true), State: state);
        }).ToList();
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await w.Storage.WriteStateAsync(StateName, grain, w.State);
                return w.State.State.Title;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, o => o is not null);
        var read = Empty();
        await CreateStorage(reopen: true).ReadStateAsync(StateName, grain, read);
        Assert.Equal(winner, read.State.Title);
    }

    [Fact]
    public async Task Many_grains_written_concurrently_are_all_kept()
    {
        var storage = CreateStorage();
        var grains = Enumerable.Range(0, 300).Select(_ => NewGrain()).ToList();
        await Task.WhenAll(grains.Select(async (grain, i) =>
        {
            var state = Empty();
            for (var write = 1; write <= 3; write++)
            {
                state.State.Counter = i * 10 + write;
                await storage.WriteStateAsync(StateName, grain, state);
            }
        }));

        var reopened = CreateStorage(reopen: true);
        for (var i = 0; i < grains.Count; i++)
        {
            var read = Empty();
            await reopened.ReadStateAsync(StateName, grains[i], read);
            Assert.Equal(i * 10 + 3, read.State.Counter);
        }
    }

    public sealed class TestState : IGrainState<SampleState>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public SampleState State
        {
            get => field;
            set => field = value ?? new SampleState();
        }

            = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
