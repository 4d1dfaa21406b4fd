using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Orders;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>
/// An acknowledged order change always reaches the item, seller and buyer grains: when telling them fails, or the
/// silo dies before it, the order's reminder (aimed a few seconds ahead before the write) tells them, once.
/// </summary>
public class OrderFollowUpTests
{
    private static readonly Dictionary<string, string?> FiveSecondRetry = new() { ["Marketplace:Events:RetryDelay"] = "00:00:05" };

    [Fact]
    public async Task A_completion_whose_item_could_not_be_told_is_acknowledged_and_the_reminder_marks_the_item_sold()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        var delivered = await market.DeliveredAsync();
        market.Host.Storage.FailWrites("item", 1);

        var completed = (await market.Order(delivered.Id).ConfirmReceiptAsync(Buyer)).Unwrap(); // the change stands
        Assert.Equal(OrderStatus.COMPLETED, completed.Status);
        Assert.Equal(ItemStatus.RESERVED, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Equal(0, (await market.SellerGrain().GetProfileAsync()).Stats.Sold);
        Assert.True(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(delivered.Id), OrderGrain.DeadlineReminder));

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ItemStatus.SOLD, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Equal(1, (await market.SellerGrain().GetProfileAsync()).Stats.Sold);
        Assert.Equal(1, (await market.BuyerGrain().GetAsync()).CompletedOrders);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(delivered.Id), OrderGrain.DeadlineReminder));
    }

    [Fact]
    public async Task A_crash_before_the_others_are_told_is_made_good_by_the_reminder_and_nothing_counts_twice()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        var delivered = await market.DeliveredAsync();
        market.Host.Storage.FailWrites("item", 1);
        (await market.Order(delivered.Id).ConfirmReceiptAsync(Buyer)).Unwrap();

        await market.Host.RestartAsync(); // the process dies: only the store and the reminder table remain
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ItemStatus.SOLD, (await market.Item("item-1").GetAsync())!.Status);
        var seller = await market.SellerGrain().GetProfileAsync();
        Assert.Equal((1, 1), (seller.Stats.Sold, seller.Stats.CompletedOrders));
        var buyer = await market.BuyerGrain().GetAsync();
        Assert.Equal((1, 1, 100m), (buyer.Orders, buyer.CompletedOrders, buyer.Spend));
    }

    [Fact]
    public async Task When_the_others_are_told_at_once_the_reminder_is_aimed_back_at_the_real_deadline()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        var paid = await market.PaidAsync();

        // PAID has the ship-by deadline (3 days): the early wake-up is gone, so nothing ticks after 5 seconds.
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(2));
        var due = market.Host.ReminderDue(market.Host.GrainIdOf<IOrderGrain>(paid.Id), OrderGrain.DeadlineReminder);
        Assert.True(due > market.Host.Time.GetUtcNow() + TimeSpan.FromDays(2), $"due {due}");
    }

    [Fact]
    public async Task An_item_reserved_for_an_order_that_was_never_stored_is_listed_again_by_the_placement_reminder()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        await market.ListAsync();
        market.Host.Storage.FailWrites("order", 1);          // the order's write fails ...
        market.Host.Storage.FailWrites("item", 1, after: 1); // ... and so does the item's release after its reservation: as if the silo died
        await Assert.ThrowsAnyAsync<Exception>(() => market.PlaceAsync());
        Assert.Equal(ItemStatus.RESERVED, (await market.Item("item-1").GetAsync())!.Status);

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));

        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal((ItemStatus.LISTED, null), (item.Status, item.ReservedByOrderId));
        var other = await market.PlaceAsync(buyer: CallerContext.User("buyer-2"), key: "place-2");
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, other.Status); // the item can be bought again
    }

    [Fact]
    public async Task The_placement_reminder_leaves_a_stored_order_and_its_reservation_alone()
    {
        await using var market = await Market.CreateAsync(FiveSecondRetry);
        await market.ListAsync();
        var order = await market.PlaceAsync();

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));

        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal((ItemStatus.RESERVED, order.Id), (item.Status, item.ReservedByOrderId));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(order.Id), OrderGrain.PlacementReminderPrefix + "item-1"));
    }
}
