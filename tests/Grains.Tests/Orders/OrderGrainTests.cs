using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Orders;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Orders;

public class OrderGrainTests
{
    private static void AssertBalanced(OrderView order)
    {
        var held = order.Ledger.Where(e => e.Kind == LedgerEntryKind.HOLD).Sum(e => e.Amount);
        var paidOut = order.Ledger.Where(e => e.Kind != LedgerEntryKind.HOLD).Sum(e => e.Amount);
        Assert.Equal(held, paidOut);
    }

    [Fact]
    public async Task Happy_path_sells_the_item_and_updates_seller_and_buyer_figures()
    {
        await using var market = await Market.CreateAsync();
        var order = await market.DeliveredAsync();
        market.Host.Time.Advance(TimeSpan.FromHours(5));
        var completed = (await market.Order(order.Id).ConfirmReceiptAsync(Buyer)).Unwrap();

        Assert.Equal(OrderStatus.COMPLETED, completed.Status);
        AssertBalanced(completed);
        Assert.Equal([LedgerEntryKind.HOLD, LedgerEntryKind.FEE, LedgerEntryKind.RELEASE], completed.Ledger.Select(e => e.Kind));
        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal(ItemStatus.SOLD, item.Status);
        Assert.NotNull(item.SoldAt);

        var seller = await market.SellerGrain().GetProfileAsync();
        Assert.Equal(1, seller.Stats.Sold);
        Assert.Equal(100m, seller.Stats.Gmv);
        Assert.Equal(1, seller.Stats.CompletedOrders);
        Assert.Equal(1.0, seller.Stats.SellThroughRate);
        Assert.Equal(0.0, seller.Stats.AvgDaysToSell); // paid right after listing on the fake clock
        Assert.True(seller.CreditScore > 600);

        var buyer = await market.BuyerGrain().GetAsync();
        Assert.Equal((1, 1, 100m, false), (buyer.Orders, buyer.CompletedOrders, buyer.Spend, buyer.RepeatBuyer));
    }

    [Fact]
    public async Task Fifty_concurrent_orders_for_one_item_have_exactly_one_winner()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var attempts = Enumerable.Range(0, 50).Select(i =>
        {
            var buyer = CallerContext.User($"buyer-{i}");
            return market.Order(OrderIds.ForPlacement(buyer.UserId!, "k")).PlaceAsync(new PlaceOrder("item-1", false, "k"), buyer);
        });
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.ItemNotAvailable, r.Error!.Code));
        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal(ItemStatus.RESERVED, item.Status);
        Assert.Equal(results.Single(r => r.IsSuccess).Value!.Id, item.ReservedByOrderId);
    }

    [Fact]
    public async Task Place_retry_with_the_same_key_returns_the_same_order_and_other_params_conflict()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        await market.ListAsync("item-2");
        var first = await market.PlaceAsync();
        var again = await market.PlaceAsync();
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.History, again.History);

        var conflict = await market.Order(first.Id).PlaceAsync(new PlaceOrder("item-2", false, "place-1"), Buyer);
        Assert.Equal(ErrorCodes.IdempotencyConflict, conflict.Error!.Code);
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-2").GetAsync())!.Status);
        Assert.Equal(1, (await market.BuyerGrain().GetAsync()).Orders);
    }

    [Fact]
    public async Task Pay_retries_return_the_first_result_and_hold_once()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync();
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => market.Order(paid.Id).PayAsync("pay-1", Buyer)));
        Assert.All(retries, r => Assert.Equal(paid.Ledger, r.Unwrap().Ledger));
        Assert.Single((await market.Order(paid.Id).GetAsync())!.Ledger);

        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(paid.Id).PayAsync("pay-2", Buyer)).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await market.Order(paid.Id).PayAsync("pay-1", Seller)).Error!.Code);
    }

    [Fact]
    public async Task The_same_payment_key_on_another_order_is_an_idempotency_conflict()
    {
        await using var market = await Market.CreateAsync();
        await market.PaidAsync();
        await market.ListAsync("item-2");
        var second = await market.PlaceAsync("item-2", key: "place-2");
        var result = await market.Order(second.Id).PayAsync("pay-1", Buyer);
        Assert.Equal(ErrorCodes.IdempotencyConflict, result.Error!.Code);
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, (await market.Order(second.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task Self_purchase_is_refused_and_flagged()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var result = await market.Order("o-self").PlaceAsync(new PlaceOrder("item-1"), Seller);
        Assert.Equal(ErrorCodes.SelfPurchase, result.Error!.Code);
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Null(await market.Order("o-self").GetAsync());
        var alert = Assert.Single(market.Alerts.Raised);
        Assert.Equal((AlertKind.SELF_DEALING, "item-1", "seller"), (alert.Kind, alert.ItemId, alert.SellerId));
    }

    [Fact]
    public async Task Unknown_or_unavailable_items_cannot_be_ordered()
    {
        await using var market = await Market.CreateAsync();
        Assert.Equal(ErrorCodes.NotFound, (await market.Order("o1").PlaceAsync(new PlaceOrder("nope"), Buyer)).Error!.Code);
        await market.ListAsync();
        (await market.Item("item-1").DelistAsync(Seller)).Unwrap();
        Assert.Equal(ErrorCodes.ItemNotAvailable, (await market.Order("o2").PlaceAsync(new PlaceOrder("item-1"), Buyer)).Error!.Code);
    }

    [Fact]
    public async Task Payment_deadline_cancels_and_relists_even_across_a_restart()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var order = await market.PlaceAsync();
        await market.Host.RestartAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, (await market.Order(order.Id).GetAsync())!.Status);
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(1));

        var cancelled = (await market.Order(order.Id).GetAsync())!;
        Assert.Equal(OrderStatus.CANCELLED, cancelled.Status);
        Assert.Equal("payment deadline passed", cancelled.History[^1].Note);
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(order.Id), OrderGrain.DeadlineReminder));
    }

    [Fact]
    public async Task Deadlines_come_from_configuration()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Deadlines:Payment"] = "00:00:02", ["Marketplace:FeeRate"] = "0.1" });
        await market.ListAsync();
        var order = await market.PlaceAsync();
        Assert.Equal(10m, order.Fee);
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(OrderStatus.CANCELLED, (await market.Order(order.Id).GetAsync())!.Status);
    }

    [Fact]
    public async Task Ship_by_passing_lets_the_buyer_cancel_with_a_refund()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync();
        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(paid.Id).CancelAsync("slow", Buyer)).Error!.Code);
        await market.Host.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOrderGrain>(paid.Id), OrderGrain.DeadlineReminder));

        var cancelled = (await market.Order(paid.Id).CancelAsync("slow", Buyer)).Unwrap();
        Assert.Equal(OrderStatus.CANCELLED, cancelled.Status);
        AssertBalanced(cancelled);
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Equal(0, (await market.SellerGrain().GetProfileAsync()).Stats.SellerCancellations);
        Assert.Equal(1, (await market.BuyerGrain().GetAsync()).BuyerCancellations);
    }

    [Fact]
    public async Task Late_shipment_is_recorded_against_the_seller()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromDays(4));
        var shipped = (await market.Order(paid.Id).ShipAsync("SF1", Seller)).Unwrap();
        Assert.True(shipped.LateShipment);
        var seller = await market.SellerGrain().GetProfileAsync();
        Assert.Equal(1.0, seller.Stats.LateShipmentRate);
        Assert.True(seller.CreditScore < 600);
    }

    [Fact]
    public async Task Seller_cancellations_count_and_repeated_ones_raise_an_alert()
    {
        await using var market = await Market.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            await market.ListAsync($"item-{i}");
            var order = await market.PlaceAsync($"item-{i}", key: $"k{i}");
            if (i == 1) (await market.Order(order.Id).PayAsync("pay", Buyer)).Unwrap();
            var cancelled = (await market.Order(order.Id).CancelAsync("out of stock", Seller)).Unwrap();
            AssertBalanced(cancelled);
            Assert.Equal(ItemStatus.LISTED, (await market.Item($"item-{i}").GetAsync())!.Status);
        }
        var seller = await market.SellerGrain().GetProfileAsync();
        Assert.Equal(3, seller.Stats.SellerCancellations);
        Assert.Contains(market.Alerts.Raised, a => a.Kind == AlertKind.REPEATED_CANCELLATIONS && a.SellerId == "seller");
        Assert.Equal(ErrorCodes.Forbidden, (await market.Order(OrderIds.ForPlacement("buyer", "k0")).CancelAsync(null, CallerContext.User("x"))).Error!.Code);
    }

    [Fact]
    public async Task Buyer_protection_expiry_completes_the_order()
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromDays(3));
        var order = (await market.Order(delivered.Id).GetAsync())!;
        Assert.Equal(OrderStatus.COMPLETED, order.Status);
        Assert.Equal("buyer protection ended", order.History[^1].Note);
        AssertBalanced(order);
        Assert.Equal(ItemStatus.SOLD, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(delivered.Id).OpenDisputeAsync("late", Buyer)).Error!.Code);
    }

    [Theory]
    [InlineData(DisputeOutcome.REFUND, null, OrderStatus.REFUNDED, ItemStatus.LISTED, 1)]
    [InlineData(DisputeOutcome.RELEASE, null, OrderStatus.COMPLETED, ItemStatus.SOLD, 0)]
    [InlineData(DisputeOutcome.PARTIAL_REFUND, "40", OrderStatus.COMPLETED, ItemStatus.SOLD, 1)]
    public async Task Disputes_resolve_to_each_outcome(DisputeOutcome outcome, string? refund, OrderStatus status, ItemStatus itemStatus, int lost)
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        var disputed = (await market.Order(delivered.Id).OpenDisputeAsync("screen cracked", Buyer)).Unwrap();
        Assert.Null(disputed.Deadline);
        await market.Host.AdvanceAsync(TimeSpan.FromDays(5)); // no auto-complete while disputed
        Assert.Equal(OrderStatus.DISPUTED, (await market.Order(delivered.Id).GetAsync())!.Status);

        Assert.Equal(ErrorCodes.Forbidden, (await market.Order(delivered.Id).ResolveDisputeAsync(outcome, null, Buyer)).Error!.Code);
        var resolved = (await market.Order(delivered.Id).ResolveDisputeAsync(outcome, refund is null ? null : decimal.Parse(refund), Operator)).Unwrap();
        Assert.Equal(status, resolved.Status);
        AssertBalanced(resolved);
        Assert.Equal(outcome, resolved.Dispute!.Outcome);
        Assert.Equal(itemStatus, (await market.Item("item-1").GetAsync())!.Status);

        var seller = await market.SellerGrain().GetProfileAsync();
        Assert.Equal(lost > 0 ? 1.0 : 0.0, seller.Stats.DefectRate, 3); // one order, lost or not
        Assert.Equal(1.0, seller.Stats.DisputeRate);
        Assert.Equal(1, (await market.BuyerGrain().GetAsync()).DisputesOpened);
        if (outcome == DisputeOutcome.PARTIAL_REFUND) Assert.Equal(60m, seller.Stats.Gmv);
    }

    [Fact]
    public async Task Inspection_pass_forwards_the_item_and_sets_the_verified_grade()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync(withInspection: true);
        Assert.Equal(InspectionStatus.REQUESTED, paid.Inspection!.Status);
        (await market.Order(paid.Id).ShipAsync("SF1", Seller)).Unwrap();
        Assert.Equal(ErrorCodes.Forbidden, (await market.Order(paid.Id).ReceiveForInspectionAsync(Seller)).Error!.Code);
        var received = (await market.Order(paid.Id).ReceiveForInspectionAsync(Inspector)).Unwrap();
        Assert.Equal((OrderStatus.INSPECTING, InspectionStatus.RECEIVED), (received.Status, received.Inspection!.Status));

        var report = new InspectionReport(Grade.EXCELLENT, Authentic: true, MatchesDescription: true, AccessoriesComplete: true, "minor scuff");
        var order = (await market.Order(paid.Id).SubmitInspectionReportAsync(report, Inspector)).Unwrap();
        Assert.Equal(OrderStatus.SHIPPED, order.Status);
        Assert.Contains(order.History, h => h.Status == OrderStatus.INSPECTION_PASSED);
        Assert.True(order.Inspection!.Passed);
        Assert.Equal(Grade.EXCELLENT, (await market.Item("item-1").GetAsync())!.VerifiedGrade);
        // EXCELLENT is below the claimed LIKE_NEW: a description mismatch even though it passed.
        Assert.Equal(1, (await market.SellerGrain().GetProfileAsync()).Stats.DescriptionMismatches);

        (await market.Order(paid.Id).MarkDeliveredAsync(Operator)).Unwrap();
        AssertBalanced((await market.Order(paid.Id).ConfirmReceiptAsync(Buyer)).Unwrap());
    }

    [Theory]
    [InlineData(false, ItemStatus.DELISTED)]
    [InlineData(true, ItemStatus.LISTED)]
    public async Task Inspection_failure_refunds_and_returns_the_item(bool authentic, ItemStatus itemStatus)
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync(withInspection: true);
        (await market.Order(paid.Id).ShipAsync("SF1", Seller)).Unwrap();
        (await market.Order(paid.Id).ReceiveForInspectionAsync(Inspector)).Unwrap();
        var report = new InspectionReport(Grade.LIKE_NEW, authentic, MatchesDescription: authentic ? false : true, AccessoriesComplete: true);
        var order = (await market.Order(paid.Id).SubmitInspectionReportAsync(report, Inspector)).Unwrap();

        Assert.Equal(OrderStatus.REFUNDED, order.Status);
        Assert.Equal(OrderStatus.INSPECTION_FAILED, order.History[^2].Status);
        AssertBalanced(order);
        Assert.Equal(itemStatus, (await market.Item("item-1").GetAsync())!.Status);
        var seller = (await market.SellerGrain().GetProfileAsync()).Stats;
        Assert.Equal(authentic ? (0, 1) : (1, 0), (seller.AuthenticityFailures, seller.DescriptionMismatches));
        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(paid.Id).SubmitInspectionReportAsync(report, Inspector)).Error!.Code);
    }

    [Fact]
    public async Task Rating_once_after_completion_feeds_the_seller_average()
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(delivered.Id).RateSellerAsync(5, Buyer)).Error!.Code);
        (await market.Order(delivered.Id).ConfirmReceiptAsync(Buyer)).Unwrap();
        Assert.Equal(4, (await market.Order(delivered.Id).RateSellerAsync(4, Buyer)).Unwrap().Rating);
        Assert.Equal(ErrorCodes.InvalidState, (await market.Order(delivered.Id).RateSellerAsync(5, Buyer)).Error!.Code);
        Assert.Equal(4.0, (await market.SellerGrain().GetProfileAsync()).Stats.AverageRating);
    }

    [Fact]
    public async Task Refused_mutations_change_nothing()
    {
        await using var market = await Market.CreateAsync();
        var paid = await market.PaidAsync();
        var before = (await market.Order(paid.Id).GetAsync())!;
        Assert.False((await market.Order(paid.Id).ShipAsync("", Seller)).IsSuccess);
        Assert.False((await market.Order(paid.Id).ShipAsync("SF", Buyer)).IsSuccess);
        Assert.False((await market.Order(paid.Id).ConfirmReceiptAsync(Buyer)).IsSuccess);
        Assert.False((await market.Order(paid.Id).MarkDeliveredAsync(Operator)).IsSuccess);
        Assert.False((await market.Order(paid.Id).OpenDisputeAsync("x", Buyer)).IsSuccess);
        var after = (await market.Order(paid.Id).GetAsync())!;
        Assert.Equal(before.History, after.History);
        Assert.Equal(before.Ledger, after.Ledger);
        Assert.Equal(ErrorCodes.NotFound, (await market.Order("missing").PayAsync("k", Buyer)).Error!.Code);
    }
}
