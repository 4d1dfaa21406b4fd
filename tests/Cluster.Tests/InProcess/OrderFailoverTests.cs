using System.Diagnostics;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Xunit.Abstractions;

namespace Marketplace.Cluster.Tests.InProcess;

/// <summary>
/// The real marketplace grains on three in-process silos (InProcessTestCluster) over PostgreSQL storage,
/// reminders and streams: orders survive their silo leaving or dying, their deadlines still fire, and
/// concurrent orders for one item never both win, whichever silos they run on.
/// </summary>
public sealed class OrderFailoverTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Orders_keep_their_state_and_move_on_when_their_silo_stops_gracefully_and_when_another_is_killed()
    {
        await using var cluster = await MarketplaceCluster.StartAsync(silos: 3);
        var market = await Market.CreateAsync(cluster.Client);
        var orders = new Dictionary<string, OrderView>();
        for (var n = 0; n < 12; n++)
        {
            var order = (await market.PlaceAsync(await market.ListItemAsync(n), Market.Buyer(n))).Unwrap();
            if (n % 2 == 0) order = (await market.Order(order.Id).PayAsync("pay-" + n, CallerContext.User(order.BuyerId))).Unwrap();
            orders[order.Id] = order;
        }

        // A graceful stop of the silo with the most orders: they come back elsewhere with their state.
        var stopped = await SiloWithMostAsync(cluster, orders.Keys);
        output.WriteLine($"stopping {stopped.Silo} gracefully, host of {stopped.Orders.Length} of {orders.Count} orders");
        await cluster.Cluster.StopSiloAsync(cluster.Silo(stopped.Silo));
        await VerifyAsync(cluster, market, orders);
        await MoveOnAsync(cluster, market, orders, stopped);

        // Then a kill of the survivor with the most orders: the same, once the cluster has declared it dead.
        var killed = await SiloWithMostAsync(cluster, orders.Keys);
        output.WriteLine($"killing {killed.Silo}, host of {killed.Orders.Length} of {orders.Count} orders");
        var killedAt = Stopwatch.StartNew();
        await cluster.Cluster.KillSiloAsync(cluster.Silo(killed.Silo));
        await VerifyAsync(cluster, market, orders);
        output.WriteLine($"every order read back {killedAt.Elapsed.TotalSeconds:F2} s after the kill");
        await MoveOnAsync(cluster, market, orders, killed);
    }

    [PostgresFact]
    public async Task A_payment_deadline_registered_while_the_order_lived_on_a_killed_silo_still_fires()
    {
        var payment = TimeSpan.FromSeconds(15);
        await using var cluster = await MarketplaceCluster.StartAsync(silos: 3, new Dictionary<string, string?>
        {
            ["Marketplace:Deadlines:Payment"] = payment.ToString(),
        });
        var market = await Market.CreateAsync(cluster.Client);
        var orders = new List<OrderView>();
        for (var n = 0; n < 6; n++)
            orders.Add((await market.PlaceAsync(await market.ListItemAsync(n), Market.Buyer(n))).Unwrap());
        Assert.All(orders, o => Assert.Equal(OrderStatus.AWAITING_PAYMENT, o.Status));

        // The deadline is a durable reminder in PostgreSQL: kill the silo holding the most orders well before it is due.
        var killed = await SiloWithMostAsync(cluster, orders.Select(o => o.Id));
        output.WriteLine($"killing {killed.Silo}, host of {killed.Orders.Length} of {orders.Count} orders");
        await cluster.Cluster.KillSiloAsync(cluster.Silo(killed.Silo));
        Assert.True(orders.Min(o => o.Deadline!.Value) > DateTimeOffset.UtcNow, "the kill came after a deadline; lengthen the payment deadline");

        foreach (var placed in orders)
        {
            var order = await Eventually.Succeeds(async () =>
            {
                var read = await market.Order(placed.Id).GetAsync();
                return read!.Status == OrderStatus.CANCELLED ? read : throw new InvalidOperationException($"still {read.Status}");
            }, placed.Deadline!.Value - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90));
            var cancelled = order.History.Last();
            var late = cancelled.At - placed.Deadline!.Value;
            output.WriteLine($"{(killed.Orders.Contains(placed.Id) ? "killed silo's" : "survivor's   ")} order {placed.Id[..12]}: payment deadline fired {late.TotalSeconds:F2} s after it was due ({cancelled.Note})");
            Assert.Equal(OrderStatus.CANCELLED, cancelled.Status);
            Assert.True(late >= TimeSpan.Zero, "the deadline fired early");
            // The cancellation released the item for other buyers.
            Assert.Equal(ItemStatus.LISTED, (await market.Item(placed.ItemId).GetAsync())!.Status);
        }
    }

    [PostgresFact]
    public async Task Of_20_concurrent_orders_for_one_item_exactly_one_wins_across_silos()
    {
        await using var cluster = await MarketplaceCluster.StartAsync(silos: 3);
        var market = await Market.CreateAsync(cluster.Client);
        var itemId = await market.ListItemAsync(1);

        // Spread the competing order grains over the silos with a placement hint: the default (resource-optimized)
        // placement may put all 20 on the least loaded silo, and then the race would never cross silos.
        var silos = cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => Task.Run(() =>
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silos[n % silos.Length]);
            return market.PlaceAsync(itemId, Market.Buyer(n));
        })));

        var winner = Assert.Single(results, r => r.IsSuccess).Value!;
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.ItemNotAvailable, r.Error!.Code));
        var item = (await market.Item(itemId).GetAsync())!;
        Assert.Equal(ItemStatus.RESERVED, item.Status);
        Assert.Equal(winner.Id, item.ReservedByOrderId);

        // The competing order grains ran on several silos: the item grain decided between silos, not within one.
        var homes = new List<SiloAddress>();
        for (var n = 0; n < 20; n++)
            homes.Add((await cluster.WhereIsAsync(market.Order(OrderIds.ForPlacement(Market.Buyer(n), "place-" + itemId))))!);
        output.WriteLine("order grains per silo: " + string.Join(", ", homes.GroupBy(h => h).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.True(homes.Distinct().Count() > 1, "every order grain ran on one silo");
    }

    private static async Task<(SiloAddress Silo, string[] Orders)> SiloWithMostAsync(MarketplaceCluster cluster, IEnumerable<string> orderIds)
    {
        var homes = new List<(string Order, SiloAddress Silo)>();
        foreach (var id in orderIds)
            homes.Add((id, await cluster.WhereIsAsync(cluster.Client.GetGrain<IOrderGrain>(id)) ?? throw new InvalidOperationException($"{id} has no activation")));
        var most = homes.GroupBy(h => h.Silo).MaxBy(g => g.Count())!;
        return (most.Key, most.Select(h => h.Order).ToArray());
    }

    /// <summary>Every order reads back exactly as last acknowledged; none runs on a silo that is gone.</summary>
    private static async Task VerifyAsync(MarketplaceCluster cluster, Market market, Dictionary<string, OrderView> orders)
    {
        var live = cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToHashSet();
        foreach (var (id, expected) in orders)
        {
            var read = await Eventually.Succeeds(() => market.Order(id).GetAsync(), TimeSpan.FromSeconds(60));
            Assert.NotNull(read);
            Assert.Equal(expected.Status, read.Status);
            Assert.Equal(expected.History.Select(h => h.Status), read.History.Select(h => h.Status));
            Assert.Equal(expected.Ledger.Select(l => (l.Kind, l.Amount)), read.Ledger.Select(l => (l.Kind, l.Amount)));
            Assert.Contains((await cluster.WhereIsAsync(market.Order(id)))!, live);
        }
    }

    /// <summary>Takes each order that lived on the departed silo one step further (pay or ship), on the survivors.</summary>
    private static async Task MoveOnAsync(MarketplaceCluster cluster, Market market, Dictionary<string, OrderView> orders, (SiloAddress Silo, string[] Orders) departed)
    {
        foreach (var id in departed.Orders)
        {
            var order = orders[id];
            var next = order.Status switch
            {
                OrderStatus.AWAITING_PAYMENT => await market.Order(id).PayAsync("pay-again-" + id, CallerContext.User(order.BuyerId)),
                OrderStatus.PAID => await market.Order(id).ShipAsync("TRK-" + id[..12], CallerContext.User(order.SellerId)),
                OrderStatus.SHIPPED => await market.Order(id).MarkDeliveredAsync(CallerContext.Operator()),
                var other => throw new InvalidOperationException($"no next step from {other}"),
            };
            orders[id] = next.Unwrap();
        }
        await VerifyAsync(cluster, market, orders);
    }
}
