using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;
using static Marketplace.Grains.Tests.OrderLists.OrderRows;

namespace Marketplace.Grains.Tests.OrderLists;

/// <summary>The same behaviour asked of every order-list store: one row per order, the newest version wins.</summary>
public abstract class OrderListStoreContract
{
    protected abstract Task<IOrderListStore> CreateStoreAsync();

    [Fact]
    public async Task A_row_round_trips_with_every_field()
    {
        var store = await CreateStoreAsync();
        var row = Row("o1", 5, OrderStatus.PAID, version: 2, buyer: "b9", seller: "s9", category: "cameras", region: "south", inspection: true, price: 1234.56m);
        Assert.True(await store.UpsertAsync(row));

        var stored = await store.GetAsync("o1");
        Assert.NotNull(stored);
        Assert.Equal(Fields(row), Fields(stored));
        Assert.Equal(["electronics", "cameras"], stored.CategoryPath);
        Assert.Null(await store.GetAsync("missing"));
    }

    [Fact]
    public async Task Duplicated_and_out_of_order_rows_never_regress_an_order()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.UpsertAsync(Row("o1", 0, OrderStatus.SHIPPED, version: 3)));
        Assert.False(await store.UpsertAsync(Row("o1", 0, OrderStatus.AWAITING_PAYMENT, version: 1)));
        Assert.False(await store.UpsertAsync(Row("o1", 0, OrderStatus.SHIPPED, version: 3)));
        Assert.False(await store.UpsertAsync(Row("o1", 0, OrderStatus.PAID, version: 2)));
        Assert.Equal((OrderStatus.SHIPPED, 3L), await StatusOf(store, "o1"));

        Assert.True(await store.UpsertAsync(Row("o1", 0, OrderStatus.DELIVERED, version: 4)));
        Assert.Equal((OrderStatus.DELIVERED, 4L), await StatusOf(store, "o1"));
    }

    [Fact]
    public async Task Concurrent_shuffled_redelivery_converges_on_each_orders_newest_row()
    {
        var store = await CreateStoreAsync();
        var statuses = new[] { OrderStatus.AWAITING_PAYMENT, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED };
        var rows = Enumerable.Range(0, 40).SelectMany(o => statuses.Select((s, v) => Row($"o{o}", o, s, version: v + 1))).ToList();
        var shuffled = rows.Concat(rows).OrderBy(_ => Random.Shared.Next()).ToList(); // every row twice, any order

        await Task.WhenAll(shuffled.Select(r => store.UpsertAsync(r)));

        var scanned = new List<OrderListRow>();
        await foreach (var row in store.ScanAsync()) scanned.Add(row);
        Assert.Equal(40, scanned.Count);
        Assert.All(scanned, r => Assert.Equal((OrderStatus.COMPLETED, 5L), (r.Status, r.Version)));
    }

    private static string Fields(OrderListRow r) =>
        $"{r.OrderId} v{r.Version} {r.Status} {r.BuyerId} {r.SellerId} {r.ItemId} {r.CategoryId} {r.RegionId} {r.WithInspection} {r.Price} {r.CreatedAt:O} {r.UpdatedAt:O}";

    private static async Task<(OrderStatus, long)> StatusOf(IOrderListStore store, string orderId) =>
        (await store.GetAsync(orderId)) is { } row ? (row.Status, row.Version) : throw new Xunit.Sdk.XunitException($"no row for {orderId}");
}
