using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Listings;

namespace Marketplace.Grains.Tests.Listings;

/// <summary>The in-memory index (scope: everything) held to the same contract as the stores.</summary>
public sealed class ListingIndexContractTests : ListingStoreContract
{
    protected override Task<IListingStore> CreateStoreAsync() => Task.FromResult<IListingStore>(new IndexBackedStore(new ListingIndex(null)));

    /// <summary>The index behind the store interface, as the contract tests call it.</summary>
    private sealed class IndexBackedStore(ListingIndex index) : IListingStore
    {
        public Task<bool> UpsertAsync(ItemSnapshot item, CancellationToken cancellationToken = default) => Task.FromResult(index.Apply(item));
        public Task<bool> RemoveAsync(string itemId, long version, CancellationToken cancellationToken = default) => Task.FromResult(index.Remove(itemId, version));
        public Task<ItemSnapshot?> GetAsync(string itemId, CancellationToken cancellationToken = default) => Task.FromResult(index.Get(itemId));
        public Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken = default) => Task.FromResult(index.Query(query));
        public IAsyncEnumerable<ListingRecord> ScanAsync(string? categoryId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}

/// <summary>
/// The indexes (one of everything, one per category, fed as the router feeds them, and ones rebuilt from a
/// scan of the projection) answer every query page for page as the SQLite projection does.
/// </summary>
public sealed class ListingIndexAgreesWithSqlTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[][] Paths = [["electronics", "phones"], ["electronics", "laptops"], ["books"], ["electronics"], ["home", "kitchen"]];
    private static readonly string[] Regions = ["north", "south", "east"];
    private static readonly string[] Words = ["Phone", "iPhone", "battery", "Canon", "相机", "50%_off", "case", "kettle"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mp-listing-index-" + Guid.NewGuid().ToString("N"));
    private SqlListingStore _sql = null!;

    public Task InitializeAsync()
    {
        _sql = new SqlListingStore(new SqliteListingDialect(Path.Combine(_directory, "listings.db")));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sql.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static ItemSnapshot RandomItem(Random random, string id, long version)
    {
        var path = Paths[random.Next(Paths.Length)];
        var title = string.Join(' ', Enumerable.Range(0, 2).Select(_ => Words[random.Next(Words.Length)]));
        return new ItemSnapshot(id, version, "s" + random.Next(6), path[^1], path, Regions[random.Next(Regions.Length)], title,
            random.Next(3) == 0 ? Words[random.Next(Words.Length)].ToUpperInvariant() : "",
            (Grade)random.Next(6), random.Next(4) == 0 ? (Grade)random.Next(6) : null,
            // Few distinct prices, times and view counts: ties must break on the item id alike.
            random.Next(20) * 12.5m + (random.Next(3) == 0 ? 0.01m : 0m), (ItemStatus)random.Next(5),
            random.Next(10) == 0 ? null : T0.AddMinutes(random.Next(30)), null, random.Next(8), 0);
    }

    [Fact]
    public async Task Random_items_queries_and_cursors_agree_with_the_sql_projection()
    {
        var random = new Random(20261122);
        var all = new ListingIndex(null);
        var categories = Paths.SelectMany(p => p).Distinct().ToDictionary(c => c, c => new ListingIndex(c));
        var versions = new Dictionary<string, long>();
        var history = new Dictionary<string, List<ItemSnapshot>>(); // a version always has the same content
        // Ids of several lengths and beyond the BMP, so id order is exercised as the database orders it.
        var ids = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? $"y\U0001F600{i}" : i % 5 == 0 ? $"y\uFF21{i}" : $"i{i}").ToList();

        async Task ApplyAsync(ItemSnapshot item)
        {
            history[item.ItemId].Add(item);
            await _sql.UpsertAsync(item);
            var left = new List<string>();
            all.Apply(item, left);
            if (!all.Holds(item)) return; // as the router: a stale snapshot stops at the index of everything
            foreach (var category in ListingRowCategories(item).Concat(left).Distinct()) categories[category].Apply(item);
        }

        // Concurrent upserts, so the SQL store's group commit is exercised too.
        foreach (var id in ids) history[id] = [RandomItem(random, id, versions[id] = 1)];
        await Task.WhenAll(ids.Select(id => _sql.UpsertAsync(history[id][0])));
        foreach (var id in ids)
        {
            var item = history[id][0];
            all.Apply(item);
            foreach (var category in ListingRowCategories(item)) categories[category].Apply(item);
        }
        for (var n = 0; n < 400; n++)
        {
            var id = ids[random.Next(ids.Count)];
            switch (random.Next(10))
            {
                case 0: // removal
                    var version = ++versions[id];
                    await _sql.RemoveAsync(id, version);
                    all.Remove(id, version);
                    foreach (var index in categories.Values) index.Remove(id, version);
                    break;
                case 1: // a stale or repeated snapshot (redelivery): both ignore it
                    await ApplyAsync(history[id][random.Next(history[id].Count)]);
                    break;
                default: // a newer snapshot, possibly in another category
                    await ApplyAsync(RandomItem(random, id, ++versions[id]));
                    break;
            }
        }

        var rebuilt = new ListingIndex(null);
        await foreach (var record in _sql.ScanAsync(null)) rebuilt.Load(record);
        var rebuiltPhones = new ListingIndex("phones");
        await foreach (var record in _sql.ScanAsync("phones")) rebuiltPhones.Load(record);

        for (var q = 0; q < 150; q++)
        {
            var query = RandomQuery(random);
            var index = query.CategoryId is { } c ? categories[c] : all;
            await AssertSamePagesAsync(query, index);
            if (q % 3 == 0) await AssertSamePagesAsync(query, rebuilt);
            if (query.CategoryId == "phones") await AssertSamePagesAsync(query, rebuiltPhones);
        }
    }

    private static IReadOnlyList<string> ListingRowCategories(ItemSnapshot item) =>
        item.CategoryPath.Append(item.CategoryId).Distinct().ToList();

    private static ListingQuery RandomQuery(Random random)
    {
        T? Maybe<T>(int oneIn, Func<T> value) => random.Next(oneIn) == 0 ? value() : default;
        var min = Maybe(5, () => (decimal?)(random.Next(10) * 12.5m));
        return new ListingQuery(
            CategoryId: Maybe(2, () => Paths.SelectMany(p => p).Distinct().ElementAt(random.Next(6))),
            RegionId: Maybe(5, () => Regions[random.Next(Regions.Length)]),
            SellerId: Maybe(6, () => "s" + random.Next(6)),
            Grades: Maybe(5, () => (IReadOnlyList<Grade>)Enumerable.Range(0, 1 + random.Next(3)).Select(_ => (Grade)random.Next(6)).ToList()),
            MinPrice: min,
            MaxPrice: Maybe(5, () => (decimal?)((min ?? 0m) + random.Next(10) * 12.5m + 0.005m)),
            Status: Maybe(2, () => (ItemStatus?)(ItemStatus)random.Next(5)),
            Text: Maybe(6, () => Words[random.Next(Words.Length)] is var w && w.Length > 3 ? w[1..3].ToUpperInvariant() : w),
            OrderBy: (ListingOrder)random.Next(4),
            First: 1 + random.Next(25));
    }

    /// <summary>Pages through the whole result on both sides, comparing every page.</summary>
    private async Task AssertSamePagesAsync(ListingQuery query, ListingIndex index)
    {
        string? after = null;
        for (var pages = 0; pages <= 300; pages++)
        {
            var paged = query with { After = after };
            var expected = await _sql.QueryAsync(paged);
            var actual = index.Query(paged);
            if (Describe(expected) != Describe(actual))
            {
                var wide = paged with { First = 100, After = null };
                var e = (await _sql.QueryAsync(wide)).Edges.Select(x => x.Item.ItemId).ToHashSet();
                var a = index.Query(wide).Edges.Select(x => x.Item.ItemId).ToHashSet();
                var extra = a.Except(e).Concat(e.Except(a)).ToList();
                var detail = string.Join("; ", extra.Select(id => System.Text.Json.JsonSerializer.Serialize(index.Get(id))));
                Assert.Fail($"{paged} scope {index.Scope}\n{Describe(expected)}\n{Describe(actual)}\n{detail}\nsql: {System.Text.Json.JsonSerializer.Serialize(await _sql.GetAsync(extra.FirstOrDefault() ?? ""))}");
            }
            Assert.All(actual.Edges.Zip(expected.Edges), pair => Assert.Equal(pair.Second.Item.Price, pair.First.Item.Price));
            if (!expected.HasNextPage) return;
            after = expected.EndCursor;
        }
        Assert.Fail("Paging did not end.");
    }

    private static string Describe(ListingPage page) =>
        $"total {page.TotalCount} next {page.HasNextPage} previous {page.HasPreviousPage}: " + string.Join(", ", page.Edges.Select(e => $"{e.Item.ItemId}@{e.Item.Version} {e.Cursor}"));
}
