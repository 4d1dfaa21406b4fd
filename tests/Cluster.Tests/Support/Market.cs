using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Cluster.Tests;

/// <summary>A small market made through the real grains, as the gateway's resolvers make it: one category, one region, one seller.</summary>
public sealed class Market(IGrainFactory grains, string run)
{
    public string CategoryId { get; } = $"cat-{run}";
    public string RegionId { get; } = $"reg-{run}";
    public string SellerId { get; } = $"seller-{run}";

    public static async Task<Market> CreateAsync(IGrainFactory grains)
    {
        var market = new Market(grains, Guid.NewGuid().ToString("N")[..8]);
        (await grains.GetGrain<ICategoryGrain>(market.CategoryId).CreateAsync(new CreateCategory("Cameras"), CallerContext.Admin())).Unwrap();
        (await grains.GetGrain<IRegionGrain>(market.RegionId).CreateAsync("North", CallerContext.Admin())).Unwrap();
        return market;
    }

    public async Task<string> ListItemAsync(int n, decimal price = 100m)
    {
        var itemId = $"item-{CategoryId}-{n}";
        (await Item(itemId).ListAsync(new ListItem($"Camera {n}", "", CategoryId, RegionId, Grade.EXCELLENT, price), CallerContext.User(SellerId))).Unwrap();
        return itemId;
    }

    public static string Buyer(int n) => $"buyer-{n}";

    /// <summary>placeOrder as the gateway does it: the order grain keyed by (buyer, idempotency key).</summary>
    public Task<Result<OrderView>> PlaceAsync(string itemId, string buyerId) =>
        Order(OrderIds.ForPlacement(buyerId, "place-" + itemId)).PlaceAsync(new PlaceOrder(itemId, IdempotencyKey: "place-" + itemId), CallerContext.User(buyerId));

    public IItemGrain Item(string itemId) => grains.GetGrain<IItemGrain>(itemId);

    public IOrderGrain Order(string orderId) => grains.GetGrain<IOrderGrain>(orderId);
}
