using Marketplace.Grains.Tests.Harness;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Tests.Listings;
using Npgsql;

namespace Marketplace.Grains.Tests.Analytics;

/// <summary>
/// The aggregates' facts through <see cref="MarketFactsKeeper"/> on each store: exact under duplicated and shuffled
/// delivery, reloaded exactly by a new activation, never acknowledged when the write failed, one writer per
/// aggregate, and a write per event whose size does not grow with the facts already stored. The keeper runs on
/// one exclusive scheduler, as on a grain's turns.
/// </summary>
public abstract class AggregateFactStoreContract
{
    private static readonly DateTimeOffset Now = MarketStatsCalculatorTests.Now;
    private readonly TaskScheduler _turns = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

    protected abstract Task<IAggregateFactStore> CreateStoreAsync();

    private Task<T> OnTurns<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _turns).Unwrap();

    private Task OnTurns(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.None, _turns).Unwrap();

    private Task<MarketFactsKeeper> LoadedAsync(IAggregateFactStore store, string key = "platform/platform") => OnTurns(async () =>
    {
        var keeper = new MarketFactsKeeper(store, key);
        await keeper.LoadAsync(CancellationToken.None);
        return keeper;
    });

    /// <summary>Applies the events (each its own write, or all in one when <paramref name="oneWrite"/>); answers which were new.</summary>
    private Task<List<bool>> ApplyAsync(MarketFactsKeeper keeper, IEnumerable<MarketEvent> events, bool oneWrite = false) => OnTurns(async () =>
    {
        var applied = new List<bool>();
        foreach (var e in events)
        {
            applied.Add(keeper.Apply(e));
            if (!oneWrite) await keeper.Commit.CommitAsync();
        }
        if (oneWrite) await keeper.Commit.CommitAsync();
        return applied;
    });

    [Fact]
    public async Task A_new_activation_reloads_the_facts_exactly_and_recognises_replays()
    {
        var store = await CreateStoreAsync();
        var scenario = MarketStatsCalculatorTests.Scenario();
        // Every kind of fact: seller levels and self-purchase attempts as well.
        scenario.Events.Add(new SellerLevelChanged("s1", 3, Now.AddDays(-1), SellerLevel.BELOW_STANDARD, SellerLevel.ABOVE_STANDARD));
        scenario.Events.Add(new SelfPurchaseAttempted("att-1", Now.AddHours(-1), "a", "s1", "phones", ["electronics", "phones"], "north"));
        var keeper = await LoadedAsync(store);
        await ApplyAsync(keeper, scenario.Events);
        var expectedFacts = scenario.Facts();
        var expected = MarketFactsApplierTests.Figures(expectedFacts);
        var alerts = new AlertDetector(new MarketFiguresOptions()).Detect(expectedFacts, Now, 100).Select(a => a.Kind).ToList();
        Assert.Contains(AlertKind.SELF_DEALING, alerts);
        Assert.Contains(AlertKind.SELLER_BELOW_STANDARD, alerts);
        Assert.Equal(expected, MarketFactsApplierTests.Figures(keeper.Facts));

        var reloaded = await LoadedAsync(store);
        Assert.Equal(expected, MarketFactsApplierTests.Figures(reloaded.Facts));
        Assert.Equal(keeper.Facts.Items["a"].ViewTimes, reloaded.Facts.Items["a"].ViewTimes);
        Assert.All(await ApplyAsync(reloaded, scenario.Events), Assert.False);
        Assert.Equal(expected, MarketFactsApplierTests.Figures(reloaded.Facts));
    }

    [Fact]
    public async Task Duplicated_and_shuffled_delivery_stores_the_same_facts_as_in_order_delivery()
    {
        var store = await CreateStoreAsync();
        var events = MarketStatsCalculatorTests.Scenario().Events;
        var expected = MarketFactsApplierTests.Figures(MarketStatsCalculatorTests.Scenario().Facts());
        for (var seed = 0; seed < 5; seed++)
        {
            var random = new Random(seed);
            var delivery = events.SelectMany(e => Enumerable.Repeat(e, random.Next(1, 4))).OrderBy(_ => random.Next()).ToList();
            var key = $"category/shuffled-{seed}";
            var keeper = await LoadedAsync(store, key);
            // Some events in shared writes, some alone: batching must not change what is stored.
            await ApplyAsync(keeper, delivery.Take(delivery.Count / 2), oneWrite: true);
            await ApplyAsync(keeper, delivery.Skip(delivery.Count / 2));
            Assert.Equal(expected, MarketFactsApplierTests.Figures(keeper.Facts));
            Assert.Equal(expected, MarketFactsApplierTests.Figures((await LoadedAsync(store, key)).Facts));
        }
    }

    [Fact]
    public async Task A_failed_write_is_not_acknowledged_and_the_redelivery_applies_once()
    {
        var flaky = new FlakyStore(await CreateStoreAsync());
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 3);
        m.View("a", 1);
        var keeper = await LoadedAsync(flaky);
        await ApplyAsync(keeper, [m.Events[0]]);

        flaky.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => ApplyAsync(keeper, [m.Events[1]]));
        Assert.Empty(keeper.Facts.Items["a"].ViewTimes); // the change that was not durable is undone

        Assert.Equal([true], await ApplyAsync(keeper, [m.Events[1]])); // the publisher's redelivery
        Assert.Equal([false], await ApplyAsync(keeper, [m.Events[1]]));
        var expected = MarketFactsApplierTests.Figures(m.Facts());
        Assert.Equal(expected, MarketFactsApplierTests.Figures(keeper.Facts));
        Assert.Equal(expected, MarketFactsApplierTests.Figures((await LoadedAsync(flaky)).Facts));
    }

    [Fact]
    public async Task A_second_writer_of_the_same_aggregate_is_refused_and_catches_up()
    {
        var store = await CreateStoreAsync();
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 3);
        m.List("b", 200m, 2);
        var first = await LoadedAsync(store);
        var second = await LoadedAsync(store); // e.g. a duplicate activation during a membership change
        await ApplyAsync(first, [m.Events[0]]);
        await Assert.ThrowsAsync<AggregateFactConflictException>(() => ApplyAsync(second, [m.Events[1]]));
        Assert.True(second.Facts.Items.ContainsKey("a")); // reloaded: it now holds what the first one wrote
        Assert.Equal([true], await ApplyAsync(second, [m.Events[1]]));
        Assert.Equal(MarketFactsApplierTests.Figures(m.Facts()), MarketFactsApplierTests.Figures((await LoadedAsync(store)).Facts));
    }

    [Fact]
    public async Task Bytes_written_per_event_do_not_grow_with_the_items_already_applied()
    {
        var store = await CreateStoreAsync();
        var m = new MarketEventBuilder(Now);
        var keeper = await LoadedAsync(store);
        var loaded = 0;

        async Task LoadItemsAsync(int upTo)
        {
            var events = new List<MarketEvent>();
            for (; loaded < upTo; loaded++)
            {
                var before = m.Events.Count;
                m.List($"i{loaded:D6}", 100m + loaded % 500, 1 + loaded % 80, seller: $"s{loaded % 50:D3}", title: "A phone", description: new string('x', 400));
                if (loaded % 3 == 0) m.View($"i{loaded:D6}", 0.5);
                events.AddRange(m.Events.Skip(before));
            }
            foreach (var chunk in events.Chunk(1000)) await ApplyAsync(keeper, chunk, oneWrite: true);
        }

        // One event of each kind that writes, alone: a listing, a view, a sale (order placed, paid, completed).
        async Task<(long Rows, long Bytes)> OneOfEachAsync(string tag)
        {
            var rows = keeper.RowsWritten;
            var bytes = keeper.BytesWritten;
            var before = m.Events.Count;
            m.List($"new-{tag}", 150m, 0.5);
            m.View($"new-{tag}", 0.2);
            m.Sale($"sold-{tag}", 300m, 2, 0.1);
            Assert.All(await ApplyAsync(keeper, m.Events.Skip(before).ToList()), Assert.True);
            return (keeper.RowsWritten - rows, keeper.BytesWritten - bytes);
        }

        await LoadItemsAsync(100);
        var small = await OneOfEachAsync("small");
        var storedSmall = await store.MeasureAsync(keeper.AggregateKey);
        await LoadItemsAsync(5_000);
        var large = await OneOfEachAsync("large");
        var storedLarge = await store.MeasureAsync(keeper.AggregateKey);

        Assert.True(storedLarge.Bytes > 20 * storedSmall.Bytes, $"the stored facts grew ({storedSmall} -> {storedLarge})");
        Assert.Equal(small.Rows, large.Rows);
        Assert.InRange(large.Bytes, small.Bytes - 16, small.Bytes + 16); // same events, ids of the same length
        Console.WriteLine($"{GetType().Name}: one listing, view and sale wrote {small.Rows} rows / {small.Bytes} bytes after 100 items " +
            $"({storedSmall.Bytes} stored), {large.Rows} rows / {large.Bytes} bytes after 5,000 ({storedLarge.Bytes} stored)");
        Assert.True(small.Bytes / small.Rows < 1_000, $"{small.Bytes} bytes in {small.Rows} rows");
        // The description (400 bytes per item) is not kept: the aggregate stores what figures read.
        Assert.True(storedLarge.Bytes / storedLarge.Rows < 600, $"{storedLarge}");
        Assert.Equal(MarketFactsApplierTests.Figures(m.Facts()), MarketFactsApplierTests.Figures((await LoadedAsync(store)).Facts));
    }

    [Fact]
    public async Task Largest_aggregates_are_measured_from_the_stored_rows()
    {
        var store = await CreateStoreAsync();
        var m = new MarketEventBuilder(Now);
        m.List("a", 100m, 3);
        m.List("b", 200m, 2);
        await ApplyAsync(await LoadedAsync(store, "region/big"), m.Events, oneWrite: true);
        await ApplyAsync(await LoadedAsync(store, "region/small"), m.Events.Take(1));
        var largest = await store.LargestAsync(5);
        Assert.Equal(["region/big", "region/small"], largest.Select(s => s.AggregateKey));
        Assert.Equal(2, largest[0].Rows);
        Assert.Equal(largest[0], await store.MeasureAsync("region/big"));
    }

    /// <summary>Fails the next write when told to (before it reaches the store).</summary>
    internal sealed class FlakyStore(IAggregateFactStore inner) : IAggregateFactStore
    {
        public volatile bool FailNext;

        public Task<long> LoadAsync(string aggregateKey, Action<FactRow> onRow, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(aggregateKey, onRow, cancellationToken);

        public Task WriteAsync(FactWrite write, CancellationToken cancellationToken = default)
        {
            if (FailNext)
            {
                FailNext = false;
                return Task.FromException(new IOException("The database went away."));
            }
            return inner.WriteAsync(write, cancellationToken);
        }

        public Task<AggregateSize> MeasureAsync(string aggregateKey, CancellationToken cancellationToken = default) => inner.MeasureAsync(aggregateKey, cancellationToken);
        public Task<IReadOnlyList<AggregateSize>> LargestAsync(int first, CancellationToken cancellationToken = default) => inner.LargestAsync(first, cancellationToken);
    }
}

public sealed class MemoryAggregateFactStoreTests : AggregateFactStoreContract
{
    protected override Task<IAggregateFactStore> CreateStoreAsync() => Task.FromResult<IAggregateFactStore>(new MemoryAggregateFactStore());
}

public sealed class SqliteAggregateFactStoreTests : AggregateFactStoreContract, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-facts-" + Guid.NewGuid().ToString("N"));
    private readonly List<SqlAggregateFactStore> _stores = [];

    protected override Task<IAggregateFactStore> CreateStoreAsync()
    {
        var store = new SqlAggregateFactStore(new SqliteAggregateFactDialect(Path.Combine(_directory, $"marketplace-{_stores.Count}.aggregates.db")));
        _stores.Add(store);
        return Task.FromResult<IAggregateFactStore>(store);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Needs MARKETPLACE_TEST_POSTGRES (scripts/postgres.sh start); fails clearly without it. Each test gets its own database.</summary>
public sealed class PostgresAggregateFactStoreTests : AggregateFactStoreContract, IAsyncLifetime
{
    private readonly List<SqlAggregateFactStore> _stores = [];
    private readonly ScratchPostgres _databases = new();

    protected override async Task<IAggregateFactStore> CreateStoreAsync()
    {
        var store = new SqlAggregateFactStore(new PostgresAggregateFactDialect(await _databases.CreateAsync("facts")));
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
        await _databases.DisposeAsync();
    }
}
