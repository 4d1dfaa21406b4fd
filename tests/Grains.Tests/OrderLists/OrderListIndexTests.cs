using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.OrderLists;
using static Marketplace.Grains.Tests.OrderLists.OrderRows;

namespace Marketplace.Grains.Tests.OrderLists;

/// <summary>The in-memory index that serves every order list: order, cursors, filters, counts, version rule.</summary>
public sealed class OrderListIndexTests
{
    private static OrderListIndex Seeded()
    {
        var index = new OrderListIndex();
        index.Apply(Row("o1", 1, OrderStatus.COMPLETED, buyer: "b1", seller: "s1"));
        index.Apply(Row("o2", 2, OrderStatus.PAID, buyer: "b2", seller: "s1", inspection: true));
        index.Apply(Row("o3", 3, OrderStatus.INSPECTING, buyer: "b1", seller: "s2", category: "laptops", inspection: true));
        index.Apply(Row("o4", 4, OrderStatus.CANCELLED, buyer: "b2", seller: "s2", region: "south"));
        index.Apply(Row("o5", 5, OrderStatus.COMPLETED, buyer: "b3", seller: "s1", category: "cameras", region: "south"));
        return index;
    }

    /// <summary>The page's ids (space separated) and the total count.</summary>
    private static (string Ids, int Total) Ask(OrderListIndex index, OrderListQuery query)
    {
        var page = index.Query(query);
        return (string.Join(' ', page.Edges.Select(e => e.Row.OrderId)), page.TotalCount);
    }

    [Fact]
    public void Lists_are_newest_first_by_creation_with_the_whole_count()
    {
        Assert.Equal(("o5 o4 o3 o2 o1", 5), Ask(Seeded(), new OrderListQuery()));
    }

    [Fact]
    public void Each_filter_narrows_and_the_total_counts_the_filtered_set()
    {
        var index = Seeded();
        Assert.Equal(("o5 o1", 2), Ask(index, new OrderListQuery(Statuses: [OrderStatus.COMPLETED])));
        Assert.Equal(("o5 o4 o1", 3), Ask(index, new OrderListQuery(Statuses: [OrderStatus.COMPLETED, OrderStatus.CANCELLED])));
        Assert.Equal(("o3 o2", 2), Ask(index, new OrderListQuery(WithInspection: true)));
        Assert.Equal(("o5 o4 o1", 3), Ask(index, new OrderListQuery(WithInspection: false)));
        Assert.Equal(("o5 o2 o1", 3), Ask(index, new OrderListQuery(SellerId: "s1")));
        Assert.Equal(("o3 o1", 2), Ask(index, new OrderListQuery(BuyerId: "b1")));
        Assert.Equal(("o3", 1), Ask(index, new OrderListQuery(CategoryId: "laptops")));
        Assert.Equal(("o5 o4 o3 o2 o1", 5), Ask(index, new OrderListQuery(CategoryId: "electronics"))); // a parent includes its sub-categories
        Assert.Equal(("o5 o4", 2), Ask(index, new OrderListQuery(RegionId: "south")));
        Assert.Equal(("o5", 1), Ask(index, new OrderListQuery(Statuses: [OrderStatus.COMPLETED], SellerId: "s1", RegionId: "south")));
        Assert.Equal(("", 0), Ask(index, new OrderListQuery(SellerId: "nobody")));
        Assert.Equal(("", 0), Ask(index, new OrderListQuery(BuyerId: "b3", Statuses: [OrderStatus.PAID])));
    }

    [Fact]
    public void Cursors_page_through_without_gaps_or_repeats()
    {
        var index = Seeded();
        var first = index.Query(new OrderListQuery(First: 2));
        Assert.Equal(["o5", "o4"], first.Edges.Select(e => e.Row.OrderId));
        Assert.True(first.HasNextPage);
        Assert.False(first.HasPreviousPage);
        var second = index.Query(new OrderListQuery(First: 2, After: first.EndCursor));
        Assert.Equal(["o3", "o2"], second.Edges.Select(e => e.Row.OrderId));
        Assert.True(second.HasPreviousPage);
        var last = index.Query(new OrderListQuery(First: 2, After: second.EndCursor));
        Assert.Equal(["o1"], last.Edges.Select(e => e.Row.OrderId));
        Assert.False(last.HasNextPage);
        Assert.Equal(5, last.TotalCount);

        // A cursor is a position: orders placed since (newer) do not shift the next page.
        index.Apply(Row("o6", 6, seller: "s9", buyer: "b9"));
        Assert.Equal(["o3", "o2"], index.Query(new OrderListQuery(First: 2, After: first.EndCursor)).Edges.Select(e => e.Row.OrderId));
        Assert.Equal(["o1"], index.Query(new OrderListQuery(SellerId: "s1", First: 2, After: index.Query(new OrderListQuery(SellerId: "s1", First: 2)).EndCursor))
            .Edges.Select(e => e.Row.OrderId));
    }

    [Fact]
    public void Duplicated_and_older_rows_never_regress_an_order_and_keep_counts_right()
    {
        var index = Seeded();
        Assert.True(index.Apply(Row("o2", 2, OrderStatus.SHIPPED_TO_INSPECTION, version: 3, buyer: "b2", seller: "s1", inspection: true)));
        Assert.False(index.Apply(Row("o2", 2, OrderStatus.PAID, version: 2, buyer: "b2", seller: "s1", inspection: true)));
        Assert.False(index.Apply(Row("o2", 2, OrderStatus.SHIPPED_TO_INSPECTION, version: 3, buyer: "b2", seller: "s1", inspection: true)));

        Assert.Equal(OrderStatus.SHIPPED_TO_INSPECTION, index.Get("o2")!.Status);
        Assert.Equal(("", 0), Ask(index, new OrderListQuery(Statuses: [OrderStatus.PAID])));
        Assert.Equal(("o2", 1), Ask(index, new OrderListQuery(Statuses: [OrderStatus.SHIPPED_TO_INSPECTION])));
        Assert.Equal(5, index.Query(new OrderListQuery()).TotalCount); // a status change moves no order and adds none
    }

    [Fact]
    public void A_bulk_load_in_any_order_answers_like_applying_in_order()
    {
        var rows = RandomRows(300, seed: 7);
        var applied = new OrderListIndex();
        foreach (var row in rows.OrderBy(r => r.CreatedAt)) applied.Apply(row);
        var loaded = new OrderListIndex();
        foreach (var row in rows.OrderBy(_ => Guid.NewGuid())) loaded.Load(row);

        foreach (var query in Queries())
            Assert.Equal(Ask(applied, query), Ask(loaded, query));
    }

    [Fact]
    public void Every_query_agrees_with_a_plain_filter_and_sort_of_the_newest_rows()
    {
        var rows = RandomRows(400, seed: 11);
        var index = new OrderListIndex();
        // Versions arrive shuffled and twice: the index must keep each order's newest.
        foreach (var row in rows.Concat(rows).OrderBy(_ => Random.Shared.Next())) index.Apply(row);
        var newest = rows.GroupBy(r => r.OrderId).Select(g => g.MaxBy(r => r.Version)!).ToList();

        foreach (var query in Queries())
        {
            var expected = newest.Where(r => Matches(r, query))
                .OrderByDescending(r => r.CreatedAt.ToUnixTimeMilliseconds()).ThenByDescending(r => r.OrderId, StringComparer.Ordinal)
                .Select(r => r.OrderId).ToList();
            var seen = new List<string>();
            string? after = null;
            while (true)
            {
                var page = index.Query(query with { First = 7, After = after });
                Assert.Equal(expected.Count, page.TotalCount);
                seen.AddRange(page.Edges.Select(e => e.Row.OrderId));
                if (!page.HasNextPage) break;
                after = page.EndCursor;
            }
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public void Bad_queries_are_refused()
    {
        var index = Seeded();
        Assert.Equal("cursor", Assert.Throws<ArgumentException>(() => index.Query(new OrderListQuery(After: "not a cursor"))).ParamName);
        Assert.Throws<ArgumentException>(() => index.Query(new OrderListQuery(First: 0)));
        Assert.Throws<ArgumentException>(() => index.Query(new OrderListQuery(First: 101)));
        Assert.Throws<ArgumentException>(() => index.Apply(Row("o9", 1, version: 0)));
    }

    private static bool Matches(OrderListRow r, OrderListQuery q) =>
        (q.Statuses is not { Count: > 0 } statuses || statuses.Contains(r.Status))
        && (q.WithInspection is not { } inspection || r.WithInspection == inspection)
        && (q.SellerId is null || r.SellerId == q.SellerId)
        && (q.BuyerId is null || r.BuyerId == q.BuyerId)
        && (q.RegionId is null || r.RegionId == q.RegionId)
        && (q.CategoryId is null || r.CategoryId == q.CategoryId || r.CategoryPath.Contains(q.CategoryId));

    private static IEnumerable<OrderListQuery> Queries()
    {
        yield return new OrderListQuery();
        yield return new OrderListQuery(Statuses: [OrderStatus.COMPLETED]);
        yield return new OrderListQuery(Statuses: [OrderStatus.PAID, OrderStatus.INSPECTING], WithInspection: true);
        yield return new OrderListQuery(WithInspection: false);
        yield return new OrderListQuery(SellerId: "s2");
        yield return new OrderListQuery(SellerId: "s3", Statuses: [OrderStatus.CANCELLED]);
        yield return new OrderListQuery(BuyerId: "b4");
        yield return new OrderListQuery(BuyerId: "b1", SellerId: "s2");
        yield return new OrderListQuery(CategoryId: "laptops", RegionId: "south");
        yield return new OrderListQuery(CategoryId: "electronics", WithInspection: true);
    }

    /// <summary>Orders with several versions each; several share a creation millisecond (the id breaks ties).</summary>
    private static List<OrderListRow> RandomRows(int orders, int seed)
    {
        var random = new Random(seed);
        var statuses = Enum.GetValues<OrderStatus>();
        var rows = new List<OrderListRow>();
        for (var o = 0; o < orders; o++)
        {
            var id = $"o{random.Next(100000):D5}-{o}";
            var (buyer, seller) = ($"b{random.Next(6)}", $"s{random.Next(6)}");
            var (category, region, inspection, minute) = (random.Next(2) == 0 ? "phones" : "laptops", random.Next(2) == 0 ? "north" : "south", random.Next(3) == 0, random.Next(orders / 2));
            for (var version = 1; version <= 1 + random.Next(4); version++)
                rows.Add(Row(id, minute, statuses[random.Next(statuses.Length)], version, buyer, seller, category, region, inspection));
        }
        return rows;
    }
}
