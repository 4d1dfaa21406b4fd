using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Buyers;

/// <summary>The buyer facts behind the trust score, fed by the order grain (and the rentals' outcome), each applied once.</summary>
public class BuyerTrustGrainTests
{
    private static int Factor(BuyerTrust trust, string name) => trust.Factors.Single(f => f.Name == name).Contribution;

    [Fact]
    public async Task A_dispute_resolved_RELEASE_is_lost_by_the_buyer_once_and_earns_no_completion_credit()
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        (await market.Order(delivered.Id).OpenDisputeAsync("not as described", Buyer)).Unwrap();
        (await market.Order(delivered.Id).ResolveDisputeAsync(DisputeOutcome.RELEASE, null, Operator)).Unwrap();

        var trust = await market.BuyerGrain().GetTrustAsync();
        Assert.Equal(-30, Factor(trust, "disputesLost"));
        Assert.Equal(0, Factor(trust, "completedOrders")); // the order completed, but with a lost dispute
        Assert.Equal(570, trust.Score);
        Assert.Equal(CreditBand.FAIR, trust.Band);
        Assert.Equal(1, (await market.BuyerGrain().GetAsync()).CompletedOrders);

        // A retried notification (as after a failure between the order's write and its notifications) counts once.
        await market.BuyerGrain().RecordDisputeLostAsync(delivered.Id, market.Host.Time.GetUtcNow());
        Assert.Equal(570, (await market.BuyerGrain().GetTrustAsync()).Score);
    }

    [Theory]
    [InlineData(DisputeOutcome.REFUND, null)]
    [InlineData(DisputeOutcome.PARTIAL_REFUND, "40")]
    public async Task A_dispute_the_buyer_wins_costs_no_trust(DisputeOutcome outcome, string? refund)
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        (await market.Order(delivered.Id).OpenDisputeAsync("broken", Buyer)).Unwrap();
        (await market.Order(delivered.Id).ResolveDisputeAsync(outcome, refund is null ? null : decimal.Parse(refund), Operator)).Unwrap();
        Assert.Equal(0, Factor(await market.BuyerGrain().GetTrustAsync(), "disputesLost"));
    }

    [Fact]
    public async Task An_unpaid_order_whose_payment_deadline_passes_counts_once_against_the_buyer()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var order = await market.PlaceAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.Equal(OrderStatus.CANCELLED, (await market.Order(order.Id).GetAsync())!.Status);

        var trust = await market.BuyerGrain().GetTrustAsync();
        Assert.Equal(-10, Factor(trust, "paymentsExpired"));
        Assert.Equal(590, trust.Score);
        await market.BuyerGrain().RecordPaymentExpiredAsync(order.Id, market.Host.Time.GetUtcNow());
        Assert.Equal(590, (await market.BuyerGrain().GetTrustAsync()).Score);
    }

    [Fact]
    public async Task A_buyer_cancelling_an_unpaid_order_is_not_an_expired_payment()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var order = await market.PlaceAsync();
        (await market.Order(order.Id).CancelAsync("changed my mind", Buyer)).Unwrap();
        Assert.Equal(600, (await market.BuyerGrain().GetTrustAsync()).Score);
    }

    [Fact]
    public async Task Completed_orders_raise_the_score()
    {
        await using var market = await Market.CreateAsync();
        var delivered = await market.DeliveredAsync();
        (await market.Order(delivered.Id).ConfirmReceiptAsync(Buyer)).Unwrap();
        var trust = await market.BuyerGrain().GetTrustAsync();
        Assert.Equal(7, Factor(trust, "completedOrders")); // 150 × 1 ÷ 21 = 7.14
        Assert.Equal(607, trust.Score);
    }

    [Fact]
    public async Task Rental_outcomes_count_once_per_rental_and_feed_each_factor()
    {
        await using var market = await Market.CreateAsync();
        var buyer = market.BuyerGrain();
        var at = market.Host.Time.GetUtcNow();
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r1", "i1", RentalStatus.COMPLETED, false, 0m, false, at));
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r1", "i1", RentalStatus.COMPLETED, false, 0m, false, at)); // retried
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r2", "i2", RentalStatus.COMPLETED, true, 0m, false, at));
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r3", "i3", RentalStatus.COMPLETED, false, 25m, false, at));
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r4", "i4", RentalStatus.CANCELLED, false, 0m, true, at));
        await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r4", "i4", RentalStatus.CANCELLED, false, 0m, true, at)); // retried

        var trust = await buyer.GetTrustAsync();
        Assert.Equal(9, Factor(trust, "onTimeRentals")); // only r1: r2 was late, r3 damaged (100 × 1 ÷ 11 = 9.09)
        Assert.Equal(-20, Factor(trust, "lateReturns"));
        Assert.Equal(-20, Factor(trust, "damageCharges"));
        Assert.Equal(-20, Factor(trust, "rentalCancellations"));
        Assert.Equal(549, trust.Score);
        Assert.Equal((3, 1), (trust.RentalsCompleted, trust.LateReturns));
        Assert.Equal(["i1", "i2", "i3", "i4"], (await buyer.GetHistoryAsync()).Rented);
    }

    [Fact]
    public async Task The_deposit_is_waived_from_the_configured_score()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Rentals:DepositWaiverScore"] = "607" });
        Assert.False((await market.BuyerGrain().GetTrustAsync()).DepositWaived);
        var delivered = await market.DeliveredAsync();
        (await market.Order(delivered.Id).ConfirmReceiptAsync(Buyer)).Unwrap();
        Assert.True((await market.BuyerGrain().GetTrustAsync()).DepositWaived); // 607 ≥ 607
    }

    [Fact]
    public async Task The_default_waiver_score_is_650()
    {
        await using var market = await Market.CreateAsync();
        var buyer = market.BuyerGrain();
        var at = market.Host.Time.GetUtcNow();
        for (var i = 0; i < 30; i++) await buyer.RecordRentalOutcomeAsync(new RentalOutcome("r" + i, "i" + i, RentalStatus.COMPLETED, false, 0m, false, at));
        var trust = await buyer.GetTrustAsync(); // 100 × 30 ÷ 40 = 75
        Assert.Equal(675, trust.Score);
        Assert.True(trust.DepositWaived);
    }

    [Fact]
    public async Task History_keeps_ordered_items_once_per_order_and_a_bounded_list_of_recent_views()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        await market.PlaceAsync();
        var buyer = market.BuyerGrain();
        for (var i = 0; i < 60; i++) await buyer.RecordViewAsync("v" + i);
        await buyer.RecordViewAsync("v10");
        var history = await buyer.GetHistoryAsync();
        Assert.Equal(["item-1"], history.Ordered);
        Assert.Equal(50, history.RecentViews.Count);
        Assert.Equal(["v10", "v59", "v58"], history.RecentViews.Take(3));
        Assert.Equal(history.RecentViews.Count, history.RecentViews.Distinct().Count());
    }
}
