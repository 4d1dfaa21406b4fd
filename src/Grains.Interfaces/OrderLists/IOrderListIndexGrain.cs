namespace Marketplace.Grains.Interfaces.OrderLists;

/// <summary>
/// Every order list (Query.orders, Seller.sales, Buyer.purchases) served from memory: one activation
/// (key <see cref="All"/>) rebuilt from <see cref="IOrderListStore"/> on activation and fed by the market
/// event router right after each store write, so it is never staler than the projection.
/// </summary>
[Alias("mp.orderlists.IOrderListIndexGrain")]
public interface IOrderListIndexGrain : IGrainWithStringKey
{
    public const string All = "all";

    /// <summary>Takes the row unless the same or a newer version of the order is indexed. True when it changed.</summary>
    Task<bool> ApplyAsync(OrderListRow row);

    /// <summary>One page (First 1..100) after the cursor with the total count; a bad query throws <see cref="ArgumentException"/>.</summary>
    Task<OrderListPage> QueryAsync(OrderListQuery query);
}
