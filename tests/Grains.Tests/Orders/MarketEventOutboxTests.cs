using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Tests.Harness;
using Orleans.Core.Internal;
using Orleans.Runtime;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>A market event whose publish failed waits in the grain's persisted outbox and is retried until it is out.</summary>
public class MarketEventOutboxTests
{
    private static readonly Dictionary<string, string?> FiveSecondRetry = new() { ["Marketplace:Events:RetryDelay"] = "00:00:05" };

    [Fact]
    public async Task A_failed_publish_is_acknowledged_and_retried_by_the_reminder_until_published_once()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        await market.ListAsync();
        var order = await market.PlaceAsync();
        market.Host.Streams.FailNext(2);

        var paid = (await market.Order(order.Id).PayAsync("pay-1", Buyer)).Unwrap(); // the change stands
        Assert.Equal(OrderStatus.PAID, paid.Status);
        Assert.Empty(market.Host.Streams.Published<OrderPaid>());
        Assert.True(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(order.Id), MarketEventOutbox.RetryReminder));

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5)); // first retry: the stream still refuses
        Assert.Empty(market.Host.Streams.Published<OrderPaid>());
        Assert.Equal(0, market.Host.Streams.FailuresLeft);

        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(1)); // next period: out
        var published = Assert.Single(market.Host.Streams.Published<OrderPaid>());
        Assert.Equal((2L, OrderStatus.PAID), (published.Sequence, published.Order.Status));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(order.Id), MarketEventOutbox.RetryReminder));

        // The drained outbox was stored: a new activation sends nothing again.
        await market.Host.RestartAsync();
        await market.Order(order.Id).GetAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Single(market.Host.Streams.Published<OrderPaid>());
    }

    [Fact]
    public async Task An_unpublished_event_survives_a_crash_and_goes_out_when_the_reminder_reactivates_the_grain()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        await market.ListAsync();
        var order = await market.PlaceAsync();
        market.Host.Streams.FailNext(1);
        (await market.Order(order.Id).PayAsync("pay-1", Buyer)).Unwrap();

        await market.Host.RestartAsync(); // the process dies: only the store and the reminder table remain
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));

        var published = Assert.Single(market.Host.Streams.Published<OrderPaid>());
        Assert.Equal(2L, published.Sequence);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(order.Id), MarketEventOutbox.RetryReminder));
    }

    [Fact]
    public async Task Pending_events_go_out_first_and_in_order_with_the_next_change()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        var paid = await market.PaidAsync();
        market.Host.Streams.FailNext(1);
        (await market.Order(paid.Id).ShipAsync("SF1", Seller)).Unwrap();
        (await market.Order(paid.Id).MarkDeliveredAsync(Operator)).Unwrap();

        var orderEvents = market.Host.Streams.Published<Marketplace.Grains.Interfaces.Analytics.OrderEvent>();
        Assert.Equal([1L, 2L, 3L, 4L], orderEvents.Select(e => e.Sequence));
        Assert.Equal([typeof(OrderPlaced), typeof(OrderPaid), typeof(OrderShipped), typeof(OrderDelivered)], orderEvents.Select(e => e.GetType()));
    }

    [Fact]
    public async Task Item_events_are_retried_too()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        await market.ListAsync();
        market.Host.Streams.FailNext(1);
        (await market.Item("item-1").ChangePriceAsync(90m, Seller)).Unwrap();
        Assert.Empty(market.Host.Streams.Published<ItemPriceChanged>());

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));
        var changed = Assert.Single(market.Host.Streams.Published<ItemPriceChanged>());
        Assert.Equal((2L, 90m, 100m), (changed.Sequence, changed.Item.Price, changed.PreviousPrice));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IItemGrain>("item-1"), MarketEventOutbox.RetryReminder));
    }

    [Fact]
    public async Task A_drained_outbox_is_stored_when_an_idle_grain_deactivates_but_not_when_the_silo_shuts_down()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync("idle");
        await market.ListAsync("shutdown");
        var writes = market.Host.Storage.WritesOf("item");

        // An idle deactivation stores the drained list, so the next activation sends nothing again.
        await market.Item("idle").Cast<IGrainManagementExtension>().DeactivateOnIdle();
        for (var waited = 0; market.Host.Storage.WritesOf("item") == writes && waited < 100; waited++) await Task.Delay(50);
        Assert.Equal(writes + 1, market.Host.Storage.WritesOf("item"));
        await market.Item("idle").GetAsync();

        // A shutdown deactivates every activation at once: no write each (that many would outlast the deactivation
        // timeout on a big silo); the next activation sends the event again, with the same version, which consumers ignore.
        await market.Host.RestartGracefullyAsync();
        Assert.Equal(writes + 1, market.Host.Storage.WritesOf("item"));
        await market.Item("shutdown").GetAsync();
        await market.Item("idle").GetAsync();
        var shutdownListed = market.Host.Streams.Published<ItemListed>().Where(e => e.Item.ItemId == "shutdown").ToList();
        Assert.Equal(2, shutdownListed.Count);
        Assert.Single(shutdownListed.Select(e => e.Sequence).Distinct());
        Assert.Single(market.Host.Streams.Published<ItemListed>(), e => e.Item.ItemId == "idle");
    }
}
