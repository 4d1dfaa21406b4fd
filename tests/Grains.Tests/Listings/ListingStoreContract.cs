using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Tests.Listings;

/// <summary>The same behaviour asked of every listing store.</summary>
public abstract class ListingStoreContract
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract Task<IListingStore> CreateStoreAsync();

    internal static ItemSnapshot Item(string id, decimal price, int hoursAfterT0, string category = "phones", string region = "north",
        string seller = "s1", Grade grade = Grade.GOOD, ItemStatus status = ItemStatus.LISTED, int views = 0, long version = 1,
        string title = "Phone", string description = "", Grade? verified = null) =>
        new(id, version, seller, category, ["electronics", category], region, title, description, grade, verified, price, status,
            T0.AddHours(hoursAfterT0), null, views, 0);

    private async Task<IListingStore> SeededAsync()
    {
        var store = await CreateStoreAsync();
        await store.UpsertAsync(Item("i1", 100m, 1, views: 5, title: "iPhone 13 Pro", description: "Battery 90%"));
        await store.UpsertAsync(Item("i2", 250m, 2, region: "south", views: 50, grade: Grade.LIKE_NEW));
        await store.UpsertAsync(Item("i3", 80.5m, 3, category: "laptops", views: 20, title: "ThinkPad 50%_off"));
        await store.UpsertAsync(Item("i4", 100m, 4, seller: "s2", status: ItemStatus.SOLD));
        await store.UpsertAsync(Item("i5", 300m, 5, category: "cameras", grade: Grade.FAIR, verified: Grade.EXCELLENT, title: "二手相机 Canon"));
        return store;
    }

    private static async Task<List<string>> Ids(IListingStore store, ListingQuery query) =>
        (await store.QueryAsync(query)).Edges.Select(e => e.Item.ItemId).ToList();

    [Fact]
    public async Task Mode_filters_sale_and_rental_listings()
    {
        var store = await CreateStoreAsync();
        await store.UpsertAsync(Item("sale", 100m, 1));
        await store.UpsertAsync(Item("rent", 100m, 2) with { Mode = ListingMode.RENTAL });
        Assert.Equal(["rent"], await Ids(store, new ListingQuery(Mode: ListingMode.RENTAL)));
        Assert.Equal(["sale"], await Ids(store, new ListingQuery(Mode: ListingMode.SALE)));
        Assert.Equal(["rent", "sale"], await Ids(store, new ListingQuery()));
        Assert.Equal(ListingMode.RENTAL, (await store.GetAsync("rent"))!.Mode);
    }

    [Fact]
    public async Task Orders_newest_by_price_and_by_views()
    {
        var store = await SeededAsync();
        Assert.Equal(["i5", "i4", "i3", "i2", "i1"], await Ids(store, new ListingQuery()));
        Assert.Equal(["i3", "i1", "i4", "i2", "i5"], await Ids(store, new ListingQuery(OrderBy: ListingOrder.PriceAsc)));
        Assert.Equal(["i5", "i2", "i4", "i1", "i3"], await Ids(store, new ListingQuery(OrderBy: ListingOrder.PriceDesc)));
        Assert.Equal(["i2", "i3", "i1", "i5", "i4"], await Ids(store, new ListingQuery(OrderBy: ListingOrder.MostViewed)));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var store = await SeededAsync();
        Assert.Equal(["i3", "i2", "i1"], await Ids(store, new ListingQuery(CategoryId: "electronics", Status: ItemStatus.LISTED, Grades: [Grade.GOOD, Grade.LIKE_NEW])));
        Assert.Equal(["i4", "i2", "i1"], await Ids(store, new ListingQuery(CategoryId: "phones")));
        Assert.Equal(["i2"], await Ids(store, new ListingQuery(RegionId: "south")));
        Assert.Equal(["i4"], await Ids(store, new ListingQuery(SellerId: "s2")));
        Assert.Equal(["i5", "i2"], await Ids(store, new ListingQuery(Grades: [Grade.LIKE_NEW, Grade.EXCELLENT])));
        Assert.Equal(["i4", "i2", "i1"], await Ids(store, new ListingQuery(MinPrice: 100m, MaxPrice: 250m)));
        Assert.Equal(["i3"], await Ids(store, new ListingQuery(MaxPrice: 80.5m)));
        Assert.Equal(["i4"], await Ids(store, new ListingQuery(Status: ItemStatus.SOLD)));
        Assert.Equal(["i1"], await Ids(store, new ListingQuery(Text: "iphone")));
        Assert.Equal(["i1"], await Ids(store, new ListingQuery(Text: "BATTERY")));
        Assert.Equal(["i3"], await Ids(store, new ListingQuery(Text: "50%_")));
        Assert.Empty(await Ids(store, new ListingQuery(Text: "0%x")));
        Assert.Equal(["i5"], await Ids(store, new ListingQuery(Text: "相机")));
        Assert.Equal(["i5", "i4", "i3", "i2", "i1"], await Ids(store, new ListingQuery(CategoryId: "electronics")));
    }

    [Fact]
    public async Task Pages_with_cursors_and_total_count()
    {
        var store = await SeededAsync();
        foreach (var order in Enum.GetValues<ListingOrder>())
        {
            var all = await Ids(store, new ListingQuery(OrderBy: order));
            var seen = new List<string>();
            string? after = null;
            var pages = 0;
            while (true)
            {
                var page = await store.QueryAsync(new ListingQuery(OrderBy: order, First: 2, After: after));
                Assert.Equal(5, page.TotalCount);
                Assert.Equal(after is not null, page.HasPreviousPage);
                seen.AddRange(page.Edges.Select(e => e.Item.ItemId));
                pages++;
                if (!page.HasNextPage) break;
                after = page.EndCursor;
            }
            Assert.Equal(all, seen);
            Assert.Equal(3, pages);
        }
    }

    [Fact]
    public async Task Upserts_are_idempotent_by_version()
    {
        var store = await SeededAsync();
        Assert.True(await store.UpsertAsync(Item("i1", 999m, 1, version: 3)));
        Assert.False(await store.UpsertAsync(Item("i1", 111m, 1, version: 2)));
        Assert.False(await store.UpsertAsync(Item("i1", 111m, 1, version: 3)));
        Assert.Equal(999m, (await store.GetAsync("i1"))!.Price);
        var moved = Item("i1", 999m, 1, version: 4, category: "tablets");
        Assert.True(await store.UpsertAsync(moved));
        Assert.DoesNotContain("i1", await Ids(store, new ListingQuery(CategoryId: "phones")));
        Assert.Contains("i1", await Ids(store, new ListingQuery(CategoryId: "tablets")));
        Assert.Equal(moved, await store.GetAsync("i1"), ItemComparer.Instance);
    }

    [Fact]
    public async Task Shuffled_versions_written_together_leave_the_newest_listing_and_only_its_categories()
    {
        var store = await SeededAsync();
        // Versions 4..40 of two items, each version in another category, submitted at once in shuffled order
        // (so many land in one group-committed batch, some twice): the newest must win, categories included.
        var writes = Enumerable.Range(4, 37).SelectMany(v => new[] { ("i1", v), ("i3", v) }).SelectMany(w => new[] { w, w })
            .OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(writes.Select(w => store.UpsertAsync(Item(w.Item1, w.Item2, 1, version: w.Item2, category: w.Item2 % 2 == 0 ? "tablets" : "phones"))));

        foreach (var id in new[] { "i1", "i3" })
        {
            Assert.Equal(40L, (await store.GetAsync(id))!.Version);
            Assert.Contains(id, await Ids(store, new ListingQuery(CategoryId: "tablets")));
            Assert.DoesNotContain(id, await Ids(store, new ListingQuery(CategoryId: "phones")));
        }
    }

    [Fact]
    public async Task Removal_leaves_a_tombstone_that_stale_upserts_cannot_revive()
    {
        var store = await SeededAsync();
        Assert.True(await store.RemoveAsync("i2", 2));
        Assert.Null(await store.GetAsync("i2"));
        Assert.False(await store.UpsertAsync(Item("i2", 1m, 1, version: 2)));
        Assert.Equal(4, (await store.QueryAsync(new ListingQuery())).TotalCount);
        Assert.True(await store.UpsertAsync(Item("i2", 1m, 1, version: 3)));
        Assert.NotNull(await store.GetAsync("i2"));
    }

    [Fact]
    public async Task Bad_queries_are_refused()
    {
        var store = await SeededAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new ListingQuery(First: 101)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new ListingQuery(MinPrice: 10m, MaxPrice: 5m)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new ListingQuery(After: "not a cursor")));
        var page = await store.QueryAsync(new ListingQuery(First: 1));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new ListingQuery(OrderBy: ListingOrder.PriceAsc, After: page.EndCursor)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(Item("bad", -1m, 1)));
    }

    [Fact]
    public async Task Price_history_is_kept_with_the_listing()
    {
        var store = await SeededAsync();
        var repriced = Item("i1", 90m, 1, version: 2) with
        {
            PriceHistory = [new PricePoint(100m, T0.AddHours(1), PriceChangeReason.LISTED), new PricePoint(90m, T0.AddHours(9), PriceChangeReason.SELLER_CHANGE)],
        };
        Assert.True(await store.UpsertAsync(repriced));
        Assert.Equal(repriced, await store.GetAsync("i1"), ItemComparer.Instance);
        var listed = (await store.QueryAsync(new ListingQuery(CategoryId: "phones"))).Edges.Single(e => e.Item.ItemId == "i1").Item;
        Assert.Equal(repriced.PriceHistory, listed.PriceHistory);
        Assert.Empty((await store.GetAsync("i2"))!.PriceHistory);
    }

    /// <summary>Snapshots hold lists, so compare by content.</summary>
    private sealed class ItemComparer : IEqualityComparer<ItemSnapshot?>
    {
        public static readonly ItemComparer Instance = new();
        public bool Equals(ItemSnapshot? x, ItemSnapshot? y) =>
            x is not null && y is not null && x with { CategoryPath = [], PriceHistory = [] } == y with { CategoryPath = [], PriceHistory = [] }
            && x.CategoryPath.SequenceEqual(y.CategoryPath) && x.PriceHistory.SequenceEqual(y.PriceHistory);
        public int GetHashCode(ItemSnapshot? obj) => obj?.ItemId.GetHashCode() ?? 0;
    }
}
