using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>The write side publishes one market event per change, with its source's snapshot and a fresh sequence (read-side README).</summary>
public class MarketEventTests
{
    [Fact]
    public async Task A_sale_publishes_item_and_order_events_with_increasing_sequences_and_snapshots()
    {
        await using var market = await Market.CreateAsync();
        (await market.Host.GetGrain<ICategoryGrain>("iphone").CreateAsync(new CreateCategory("iPhone", "phones"), Admin)).Unwrap();
        (await market.Item("item-1").ListAsync(new ListItem("iPhone 15", "", "iphone", "sh", Grade.NEW, 5000m), Seller)).Unwrap();
        var order = await market.PlaceAsync();
        (await market.Order(order.Id).PayAsync("p", Buyer)).Unwrap();
        (await market.Order(order.Id).PayAsync("p", Buyer)).Unwrap(); // retry: no new event
        (await market.Order(order.Id).ShipAsync("T", Seller)).Unwrap();
        (await market.Order(order.Id).MarkDeliveredAsync(Operator)).Unwrap();
        (await market.Order(order.Id).ConfirmReceiptAsync(Buyer)).Unwrap();

        var itemEvents = market.Host.Streams.Published<MarketEvent>().OfType<ItemEvent>().ToList();
        Assert.Equal([typeof(ItemListed), typeof(ItemReserved), typeof(ItemSold)], itemEvents.Select(e => e.GetType()));
        Assert.Equal([1L, 2L, 3L], itemEvents.Select(e => e.Sequence));
        Assert.Equal(["phones", "iphone"], itemEvents[0].Item.CategoryPath);
        Assert.True(itemEvents[0].Item.HighValueCategory is false); // only the parent is high-value
        Assert.Equal(ItemStatus.SOLD, itemEvents[^1].Item.Status);

        var orderEvents = market.Host.Streams.Published<MarketEvent>().OfType<Marketplace.Grains.Interfaces.Analytics.OrderEvent>().ToList();
        Assert.Equal([typeof(OrderPlaced), typeof(OrderPaid), typeof(OrderShipped), typeof(OrderDelivered), typeof(OrderCompleted)], orderEvents.Select(e => e.GetType()));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], orderEvents.Select(e => e.Sequence));
        var completed = orderEvents[^1].Order;
        Assert.Equal((OrderStatus.COMPLETED, 5000m, 0m, Grade.NEW), (completed.Status, completed.Price, completed.RefundedAmount, completed.Grade));
        Assert.NotNull(completed.PaidAt);
        Assert.Equal(["phones", "iphone"], completed.CategoryPath);
    }

    [Fact]
    public async Task Failed_inspection_and_self_purchase_are_published()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync(withInspection: true);
        (await market.Order(paid.Id).ShipAsync("T", Seller)).Unwrap();
        (await market.Order(paid.Id).ReceiveForInspectionAsync(Inspector)).Unwrap();
        (await market.Order(paid.Id).SubmitInspectionReportAsync(new(Grade.FAIR, false, false, false), Inspector)).Unwrap();
        var reported = Assert.Single(market.Host.Streams.Published<InspectionReported>());
        Assert.False(reported.Passed);
        Assert.Equal((OrderStatus.REFUNDED, 100m, false, Grade.FAIR), (reported.Order.Status, reported.Order.RefundedAmount, reported.Order.InspectionPassed, reported.Order.Grade));
        Assert.NotNull(reported.Order.RefundedAt);
        Assert.Contains(market.Host.Streams.Published<ItemDelisted>(), e => e.Item.VerifiedGrade == Grade.FAIR);

        await market.ListAsync("item-2");
        await market.Order("self").PlaceAsync(new PlaceOrder("item-2"), Seller);
        var attempt = Assert.Single(market.Host.Streams.Published<SelfPurchaseAttempted>());
        Assert.Equal(("item-2", "seller", 1L), (attempt.ItemId, attempt.SellerId, attempt.Sequence));
    }

    [Fact]
    public async Task A_seller_falling_below_standard_publishes_the_level_change()
    {
        await using var market = await Market.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await market.ListAsync($"item-{i}");
            await market.PlaceAsync($"item-{i}", key: $"k{i}");
        }
        var order = OrderIds.ForPlacement("buyer", "k0");
        (await market.Order(order).CancelAsync("no stock", Seller)).Unwrap();
        var change = Assert.Single(market.Host.Streams.Published<SellerLevelChanged>());
        Assert.Equal((SellerLevel.BELOW_STANDARD, SellerLevel.ABOVE_STANDARD, 1L), (change.Level, change.PreviousLevel, change.Sequence));
    }
}
