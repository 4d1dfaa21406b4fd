using System.Collections.Concurrent;
using System.Text.Json;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Grains.Tests.Analytics;

/// <summary>
/// The aggregates on a real Orleans silo, fed through the market-events memory streams by the implicit
/// subscription of MarketEventRouterGrain; grain state in the test-owned JSON storage (it outlives restarts).
/// </summary>
public sealed class MarketAggregateSiloTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(manualClock: false); // the expected figures are computed at real time

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task PublishAsync(IEnumerable<MarketEvent> events)
    {
        var provider = _silo.Client.GetStreamProvider(MarketStreams.ProviderName);
        foreach (var e in events) await provider.PublishMarketEventAsync(e);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Polls until the grain's answer equals the expected one (figures settle after delivery).</summary>
    private static async Task EventuallyEqualAsync(string expected, Func<Task<object>> actual)
    {
        var deadline = DateTime.UtcNow + Patience;
        string last;
        do
        {
            last = Json(await actual());
            if (last == expected) return;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, last);
    }

    private MarketEventBuilder Market()
    {
        var m = new MarketEventBuilder(_now);
        m.List("a", 100m, 5, category: "phones", path: ["electronics", "phones"]);
        m.View("a", 1);
        m.List("b", 900m, 3, category: "laptops", path: ["electronics", "laptops"], region: "south");
        m.Sale("c", 300m, listedDaysAgo: 20, soldDaysAgo: 2);
        m.List("d", 50m, 1, category: "books", path: ["books"]);
        return m;
    }

    private MarketFacts FactsWhere(MarketEventBuilder m, Func<MarketEvent, bool> filter)
    {
        var facts = new MarketFacts();
        foreach (var e in m.Events.Where(filter)) MarketFactsApplier.Apply(facts, e);
        return facts;
    }

    private static bool InCategory(MarketEvent e, string id) => e switch
    {
        ItemEvent i => i.Item.CategoryPath.Contains(id) || i.Item.CategoryId == id,
        OrderEvent o => o.Order.CategoryPath.Contains(id) || o.Order.CategoryId == id,
        _ => false,
    };

    private string Expected(MarketFacts facts) =>
        Json(new MarketStatsCalculator(new MarketFiguresOptions()).Calculate(facts, new StatsQuery(StatsWindow.Days30, DailyDays: 3), DateTimeOffset.UtcNow));

    [Fact]
    public async Task Streams_feed_categories_with_their_sub_categories_regions_platform_and_listings_exactly_once()
    {
        var m = Market();
        // Every event twice, the second round in reverse order: at-least-once and reordered delivery.
        await PublishAsync(m.Events.Concat(Enumerable.Reverse(m.Events)));
        var query = new StatsQuery(StatsWindow.Days30, DailyDays: 3);
        var grains = _silo.GrainFactory;

        await EventuallyEqualAsync(Expected(FactsWhere(m, e => InCategory(e, "electronics"))),
            async () => await grains.GetGrain<ICategoryStatsGrain>("electronics").GetStatsAsync(query));
        await EventuallyEqualAsync(Expected(FactsWhere(m, e => InCategory(e, "phones"))),
            async () => await grains.GetGrain<ICategoryStatsGrain>("phones").GetStatsAsync(query));
        await EventuallyEqualAsync(Expected(FactsWhere(m, e => e is ItemEvent { Item.RegionId: "south" })),
            async () => await grains.GetGrain<IRegionStatsGrain>("south").GetStatsAsync(query));
        await EventuallyEqualAsync(Expected(m.Facts()),
            async () => await grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetStatsAsync(query));

        var electronics = await grains.GetGrain<ICategoryStatsGrain>("electronics").GetStatsAsync(query);
        Assert.Equal((2, 1, 300m, 1), (electronics.ActiveListings, electronics.Sold, electronics.Gmv, electronics.Views));
        var top = await grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetTopCategoriesAsync(5);
        Assert.Equal([new MarketRanking("phones", 300m, 1)], top);
        var reference = await grains.GetGrain<ICategoryStatsGrain>("electronics").GetReferencePriceAsync(Grade.GOOD);
        Assert.Equal((1, 300m), (reference.SampleSize, reference.Median));

        var store = _silo.Services.GetRequiredService<IListingStore>();
        var deadline = DateTime.UtcNow + Patience;
        ListingPage page;
        do page = await store.QueryAsync(new ListingQuery(CategoryId: "electronics", Status: ItemStatus.LISTED));
        while (page.TotalCount != 2 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        Assert.Equal(["b", "a"], page.Edges.Select(e => e.Item.ItemId));

        // The index grains the gateway asks are fed by the same writer, right after the projection.
        var listed = new ListingQuery(CategoryId: "electronics", Status: ItemStatus.LISTED);
        ListingPage indexed;
        do indexed = await grains.GetGrain<IListingIndexGrain>(ListingIndexKeys.For(listed)).QueryAsync(listed);
        while (indexed.TotalCount != 2 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        Assert.Equal(2, indexed.TotalCount);
        Assert.Equal(["b", "a"], indexed.Edges.Select(e => e.Item.ItemId));
        var everything = await grains.GetGrain<IListingIndexGrain>(ListingIndexKeys.All).QueryAsync(new ListingQuery(Status: ItemStatus.LISTED));
        Assert.Equal((await store.QueryAsync(new ListingQuery(Status: ItemStatus.LISTED))).TotalCount, everything.TotalCount);
    }

    [Fact]
    public async Task Figures_survive_a_silo_restart_and_replays_change_nothing()
    {
        var m = Market();
        await PublishAsync(m.Events);
        var query = new StatsQuery(StatsWindow.Days30, DailyDays: 3);
        var expected = Expected(m.Facts());
        await EventuallyEqualAsync(expected,
            async () => await _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetStatsAsync(query));
        // Figures show an applied event before its write committed; a replay is acknowledged only once the original
        // is durable, so after these every event is stored (a restart during the last write leaves it unacknowledged,
        // for the stream to deliver again, and the replay below would then apply it).
        foreach (var e in m.Events) Assert.False(await _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).ApplyAsync(e));

        await _silo.RestartAsync();
        var platform = _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        Assert.Equal(expected, Json(await platform.GetStatsAsync(query)));
        // A replay after the restart is recognised from the persisted sequences.
        foreach (var e in m.Events) Assert.False(await platform.ApplyAsync(e));
        Assert.Equal(expected, Json(await platform.GetStatsAsync(query)));
    }

    [Fact]
    public async Task Events_applied_concurrently_are_each_acknowledged_once_and_all_durable()
    {
        var m = new MarketEventBuilder(_now);
        for (var i = 0; i < 60; i++) m.List($"item{i}", 10m + i, 1 + i % 5, category: "phones", path: ["electronics", "phones"]);
        var platform = _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        // Every event twice at once: the group-committed writes must still apply each exactly once.
        var applied = await Task.WhenAll(m.Events.Concat(m.Events).Select(e => platform.ApplyAsync(e)));
        Assert.Equal(m.Events.Count, applied.Count(a => a));

        var query = new StatsQuery(StatsWindow.Days30, DailyDays: 3);
        var expected = Expected(m.Facts());
        await _silo.RestartAsync();
        Assert.Equal(expected, Json(await _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey).GetStatsAsync(query)));
    }

    [Fact]
    public async Task Subscribers_hear_that_category_and_dashboard_figures_changed()
    {
        var heard = new ConcurrentQueue<MarketStatsChanged>();
        var provider = _silo.Client.GetStreamProvider(MarketStreams.ProviderName);
        await provider.GetStream<MarketStatsChanged>(StreamId.Create(MarketStreams.CategoryStatsChangedNamespace, "electronics"))
            .SubscribeAsync(new Collector(heard));
        await provider.GetStream<MarketStatsChanged>(StreamId.Create(MarketStreams.DashboardChangedNamespace, MarketStreams.PlatformKey))
            .SubscribeAsync(new Collector(heard));

        var m = new MarketEventBuilder(_now);
        m.List("x", 10m, 1, category: "phones", path: ["electronics", "phones"]);
        await PublishAsync(m.Events);

        var deadline = DateTime.UtcNow + Patience;
        while (heard.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(heard, n => n is { Scope: "category", Key: "electronics" });
        Assert.Contains(heard, n => n is { Scope: "platform", Key: MarketStreams.PlatformKey });
    }

    private sealed class Collector(ConcurrentQueue<MarketStatsChanged> heard) : IAsyncObserver<MarketStatsChanged>
    {
        public Task OnNextAsync(MarketStatsChanged item, StreamSequenceToken? token = null)
        {
            heard.Enqueue(item);
            return Task.CompletedTask;
        }

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}

/// <summary>The aggregates on a silo whose fact store fails when told to: nothing is acknowledged that is not durable.</summary>
public sealed class MarketAggregateWriteFailureTests : IAsyncLifetime
{
    private readonly AggregateFactStoreContract.FlakyStore _store = new(new MemoryAggregateFactStore());
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private TestSilo _silo = null!;

    public async Task InitializeAsync() =>
        _silo = await TestSilo.StartAsync(manualClock: false, configure: services => services.AddSingleton<IAggregateFactStore>(_store));

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_failed_write_is_not_acknowledged_and_the_redelivery_applies_once()
    {
        var m = new MarketEventBuilder(_now);
        m.List("a", 100m, 5);
        m.View("a", 1);
        var platform = _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        Assert.True(await platform.ApplyAsync(m.Events[0]));

        _store.FailNext = true;
        await Assert.ThrowsAnyAsync<Exception>(() => platform.ApplyAsync(m.Events[1])); // the router would throw and the stream redeliver
        var query = new StatsQuery(StatsWindow.Days30, DailyDays: 3);
        Assert.Equal(0, (await platform.GetStatsAsync(query)).Views); // not durable, so not kept

        Assert.True(await platform.ApplyAsync(m.Events[1]));
        Assert.False(await platform.ApplyAsync(m.Events[1]));
        var expected = JsonSerializer.Serialize(new MarketStatsCalculator(new MarketFiguresOptions()).Calculate(m.Facts(), query, DateTimeOffset.UtcNow));
        await _silo.RestartAsync();
        platform = _silo.GrainFactory.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        Assert.Equal(expected, JsonSerializer.Serialize(await platform.GetStatsAsync(query)));
        Assert.Equal(1, (await platform.GetStatsAsync(query)).Views);
    }
}
