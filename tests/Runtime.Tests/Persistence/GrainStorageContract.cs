using Marketplace.Runtime.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Runtime.Tests.Persistence;

/// <summary>
/// Behaviour every grain storage provider must show, run against each store. CreateStorage returns a
/// new provider instance over the same database, which is how the tests model a process restart.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    private readonly List<IGrainStorage> _created = [];

    protected abstract IGrainStorage NewStorageInstance();

    protected IGrainStorage CreateStorage()
    {
        var storage = NewStorageInstance();
        _created.Add(storage);
        return storage;
    }

    internal static BoundPersistentState<ListingState> Bind(IGrainStorage storage, GrainId grainId, RecordingGrainContext? context = null, string stateName = "listing") =>
        new(context ?? new RecordingGrainContext(grainId), stateName, "Default", storage, new StorageMetrics(), NullLogger.Instance);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _created)
            if (storage is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    [Fact]
    public async Task Missing_record_reads_as_a_new_state_without_etag()
    {
        var state = Bind(CreateStorage(), TestStates.NewGrain());
        await state.ReadStateAsync();

        Assert.False(state.RecordExists);
        Assert.Null(state.Etag);
        Assert.Equal("", state.State.Title);
        Assert.Empty(state.State.Bids);
    }

    [Fact]
    public async Task Written_state_round_trips_through_a_new_provider_instance()
    {
        var grain = TestStates.NewGrain();
        var writer = Bind(CreateStorage(), grain);
        await writer.ReadStateAsync();
        writer.State = TestStates.Sample();
        await writer.WriteStateAsync();

        var reader = Bind(CreateStorage(), grain);
        await reader.ReadStateAsync();

        Assert.True(reader.RecordExists);
        Assert.Equal(writer.Etag, reader.Etag);
        var expected = TestStates.Sample();
        Assert.Equal(expected.Title, reader.State.Title);
        Assert.Equal(expected.Price, reader.State.Price);
        Assert.Equal("1234.5678901234567890123", reader.State.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Bids, reader.State.Bids);
        Assert.Equal(expected.Tags, reader.State.Tags);
        Assert.Equal(expected.Grades.OrderBy(g => g.Key), reader.State.Grades.OrderBy(g => g.Key));
        Assert.Equal(expected.Condition, reader.State.Condition);
    }

    [Fact]
    public async Task Each_write_moves_the_etag_and_a_restarted_activation_continues_from_it()
    {
        var grain = TestStates.NewGrain();
        var first = Bind(CreateStorage(), grain);
        await first.ReadStateAsync();
        first.State = TestStates.Sample(price: 1m);
        await first.WriteStateAsync();
        var etagAfterFirst = first.Etag;
        first.State = first.State with { Price = 2m };
        await first.WriteStateAsync();
        Assert.NotEqual(etagAfterFirst, first.Etag);

        var restarted = Bind(CreateStorage(), grain);
        await restarted.ReadStateAsync();
        restarted.State = restarted.State with { Price = 3m };
        await restarted.WriteStateAsync();

        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal(3m, check.State.Price);
    }

    [Fact]
    public async Task Second_writer_with_a_stale_etag_gets_a_conflict_deactivates_and_changes_nothing()
    {
        var grain = TestStates.NewGrain();
        var storage = CreateStorage();
        var seed = Bind(storage, grain);
        await seed.ReadStateAsync();
        seed.State = TestStates.Sample(price: 10m);
        await seed.WriteStateAsync();

        var contextA = new RecordingGrainContext(grain);
        var contextB = new RecordingGrainContext(grain);
        var a = Bind(storage, grain, contextA);
        var b = Bind(CreateStorage(), grain, contextB);
        await a.ReadStateAsync();
        await b.ReadStateAsync();

        a.State = a.State with { Price = 11m };
        await a.WriteStateAsync();
        b.State = b.State with { Price = 99m };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(b.WriteStateAsync);

        Assert.Contains(grain.ToString(), conflict.Message);
        Assert.Equal(a.Etag, conflict.StoredEtag);
        Assert.Equal(1, contextB.DeactivateOnIdleCalls);
        Assert.Equal(0, contextA.DeactivateOnIdleCalls);
        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal(11m, check.State.Price);
    }

    [Fact]
    public async Task Two_first_writes_of_a_new_record_let_exactly_one_win()
    {
        var grain = TestStates.NewGrain();
        var a = Bind(CreateStorage(), grain);
        var b = Bind(CreateStorage(), grain);
        await a.ReadStateAsync();
        await b.ReadStateAsync();

        a.State = TestStates.Sample("from a");
        await a.WriteStateAsync();
        b.State = TestStates.Sample("from b");
        await Assert.ThrowsAsync<InconsistentStateException>(b.WriteStateAsync);

        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal("from a", check.State.Title);
    }

    [Fact]
    public async Task Concurrent_writers_holding_the_same_etag_produce_exactly_one_success()
    {
        var grain = TestStates.NewGrain();
        var storage = CreateStorage();
        var seed = Bind(storage, grain);
        await seed.ReadStateAsync();
        seed.State = TestStates.Sample();
        await seed.WriteStateAsync();

        var writers = new List<BoundPersistentState<ListingState>>();
        for (var i = 0; i < 8; i++)
        {
            var writer = Bind(storage, grain);
            await writer.ReadStateAsync();
            writer.State = writer.State with { Title = $"writer {i}" };
            writers.Add(writer);
        }
        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try { await Task.Run(w.WriteStateAsync); return true; }
            catch (InconsistentStateException) { return false; }
        }));

        Assert.Single(outcomes, ok => ok);
        var winner = writers[Array.IndexOf(outcomes, true)];
        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal(winner.State.Title, check.State.Title);
    }

    [Fact]
    public async Task Grain_type_is_part_of_the_key()
    {
        var key = Guid.NewGuid().ToString("N");
        var storage = CreateStorage();
        var item = Bind(storage, new GrainId("item", key));
        var seller = Bind(storage, new GrainId("seller", key));
        await item.ReadStateAsync();
        await seller.ReadStateAsync();
        item.State = TestStates.Sample("item state");
        seller.State = TestStates.Sample("seller state");
        await item.WriteStateAsync();
        await seller.WriteStateAsync();

        var itemAgain = Bind(CreateStorage(), new GrainId("item", key));
        var sellerAgain = Bind(CreateStorage(), new GrainId("seller", key));
        await itemAgain.ReadStateAsync();
        await sellerAgain.ReadStateAsync();
        Assert.Equal("item state", itemAgain.State.Title);
        Assert.Equal("seller state", sellerAgain.State.Title);
    }

    [Fact]
    public async Task State_name_is_part_of_the_key()
    {
        var grain = TestStates.NewGrain();
        var storage = CreateStorage();
        var main = Bind(storage, grain, stateName: "main");
        await main.ReadStateAsync();
        main.State = TestStates.Sample("main");
        await main.WriteStateAsync();

        var other = Bind(storage, grain, stateName: "other");
        await other.ReadStateAsync();
        Assert.False(other.RecordExists);
    }

    [Fact]
    public async Task Clear_resets_the_state_survives_restart_and_rejects_writers_from_before_the_clear()
    {
        var grain = TestStates.NewGrain();
        var storage = CreateStorage();
        var state = Bind(storage, grain);
        await state.ReadStateAsync();
        state.State = TestStates.Sample();
        await state.WriteStateAsync();
        var stale = Bind(CreateStorage(), grain);
        await stale.ReadStateAsync();

        await state.ClearStateAsync();
        Assert.False(state.RecordExists);
        Assert.Equal("", state.State.Title);

        var afterRestart = Bind(CreateStorage(), grain);
        await afterRestart.ReadStateAsync();
        Assert.False(afterRestart.RecordExists);
        Assert.Equal("", afterRestart.State.Title);

        stale.State = stale.State with { Title = "stale" };
        await Assert.ThrowsAsync<InconsistentStateException>(stale.WriteStateAsync);

        state.State = TestStates.Sample("after clear");
        await state.WriteStateAsync();
        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.True(check.RecordExists);
        Assert.Equal("after clear", check.State.Title);
    }

    [Fact]
    public async Task A_state_the_serializer_cannot_write_fails_and_leaves_the_stored_state_and_etag_as_they_were()
    {
        var grain = TestStates.NewGrain();
        var state = Bind(CreateStorage(), grain);
        await state.ReadStateAsync();
        state.State = TestStates.Sample("good");
        await state.WriteStateAsync();
        var etag = state.Etag;

        state.State = TestStates.Sample("bad") with { Extra = Cyclic.Create() };
        await Assert.ThrowsAnyAsync<Exception>(state.WriteStateAsync);

        Assert.Equal(etag, state.Etag);
        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal("good", check.State.Title);
        Assert.Equal(etag, check.Etag);

        // The activation can still write once its state is writable again.
        state.State = TestStates.Sample("fixed");
        await state.WriteStateAsync();
    }
}
