using System.Diagnostics;
using Marketplace.Grains.Interfaces.OrderLists;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Grains.OrderLists;

/// <summary>
/// Serves every order list from memory (<see cref="OrderListIndex"/>), the way <see cref="Listings.ListingIndexGrain"/>
/// serves listings: activation rebuilds it from the SQL projection, and <see cref="Analytics.MarketEventRouterGrain"/>
/// applies each row here right after writing it there, so a reactivated index misses nothing. No order grain
/// is activated to list orders.
/// </summary>
[GrainType("order-list-index")]
public sealed class OrderListIndexGrain(IOrderListStore store, ILogger<OrderListIndexGrain> logger) : Grain, IOrderListIndexGrain
{
    private OrderListIndex? _index;

    private OrderListIndex Index => _index ?? throw new InvalidOperationException("The order list index is not loaded.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var index = new OrderListIndex();
        await foreach (var row in store.ScanAsync(cancellationToken)) index.Load(row);
        _index = index;
        logger.LogInformation("Order list index loaded {Count} orders in {Elapsed} ms", index.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task<bool> ApplyAsync(OrderListRow row) => Task.FromResult(Index.Apply(row));

    public Task<OrderListPage> QueryAsync(OrderListQuery query) => Task.FromResult(Index.Query(query));
}
