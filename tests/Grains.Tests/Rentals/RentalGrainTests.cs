using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.Grains.Rentals;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Rentals;

/// <summary>The rental grain on a silo: bookings on the item, deadlines as reminders, facts to buyer and seller.</summary>
public sealed class RentalGrainTests
{
    private static readonly CallerContext Owner = Market.Seller;
    private static readonly CallerContext Renter = Market.Buyer;

    private static async Task<ItemView> ListRentalAsync(Market market, string itemId = "bike", decimal deposit = 200m) =>
        (await market.Item(itemId).ListAsync(new ListItem("Camera", "a rental camera", "phones", "sh", Grade.GOOD, 500m,
            Mode: ListingMode.RENTAL, RentalTerms: new RentalTerms(30m, deposit, 1, 10)), Owner)).Unwrap();

    private static IRentalGrain Rental(Market market, CallerContext renter, string key) => market.Host.GetGrain<IRentalGrain>(RentalIds.ForRequest(renter.UserId!, key));

    private static Task<Result<RentalView>> RequestAsync(Market market, DateTimeOffset start, int days = 3, string key = "r1", CallerContext? renter = null, string itemId = "bike") =>
        Rental(market, renter ?? Renter, key).RequestAsync(new RequestRental(itemId, start, days, key), renter ?? Renter);

    private static void AssertBalanced(RentalView r)
    {
        decimal Sum(params LedgerEntryKind[] kinds) => r.Ledger.Where(e => kinds.Contains(e.Kind)).Sum(e => e.Amount);
        Assert.Equal(Sum(LedgerEntryKind.HOLD, LedgerEntryKind.DEPOSIT_HOLD, LedgerEntryKind.CHARGE),
            Sum(LedgerEntryKind.RELEASE, LedgerEntryKind.FEE, LedgerEntryKind.REFUND, LedgerEntryKind.DEPOSIT_RELEASE));
    }

    [Fact]
    public async Task A_rental_runs_through_every_deadline_to_completion()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?>
        {
            ["Marketplace:Rentals:DayLength"] = "00:01:00", ["Marketplace:Rentals:ReturnGrace"] = "00:00:10",
            ["Marketplace:Deadlines:RentalCheck"] = "00:00:30",
        });
        await ListRentalAsync(market);
        var now = market.Host.Time.GetUtcNow();
        var requested = (await RequestAsync(market, now.AddMinutes(1))).Unwrap();
        Assert.Equal(now.AddMinutes(4), requested.Due);
        Assert.Equal(600, requested.RenterTrustScore);
        var bookings = await market.Item("bike").GetBookingsAsync(now);
        Assert.Equal([new BookedPeriod(now.AddMinutes(1), now.AddMinutes(4))], bookings);

        var rental = market.Host.GetGrain<IRentalGrain>(requested.Id);
        (await rental.PayAsync("pay-r1", Renter)).Unwrap();
        (await rental.HandOverAsync(Owner)).Unwrap();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(4));
        var overdue = (await rental.GetAsync())!;
        Assert.Equal(RentalStatus.OVERDUE, overdue.Status);
        var alert = Assert.Single(market.Alerts.Raised, a => a.Kind == AlertKind.RENTAL_OVERDUE);
        Assert.Equal("bike", alert.ItemId);
        Assert.Equal(Renter.UserId, alert.BuyerId);

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(75)); // 75 s late: 65 s past the grace -> 2 minute-days
        var returned = (await rental.ReturnAsync(Renter)).Unwrap();
        Assert.Equal(60m, returned.LateFee);
        Assert.Equal(market.Host.Time.GetUtcNow().AddSeconds(30), returned.Deadline);

        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(30));
        var completed = (await rental.GetAsync())!;
        Assert.Equal(RentalStatus.COMPLETED, completed.Status);
        Assert.Equal([RentalStatus.AWAITING_PAYMENT, RentalStatus.PAID, RentalStatus.ACTIVE, RentalStatus.OVERDUE, RentalStatus.RETURNED, RentalStatus.COMPLETED],
            completed.History.Select(h => h.Status));
        AssertBalanced(completed);
        Assert.Equal(140m, completed.Ledger.Where(e => e.Kind == LedgerEntryKind.DEPOSIT_RELEASE).Sum(e => e.Amount));
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IRentalGrain>(requested.Id), RentalGrain.DeadlineReminder));

        var trust = await market.BuyerGrain().GetTrustAsync();
        Assert.Equal(1, trust.RentalsCompleted);
        Assert.Equal(1, trust.LateReturns);
        var stats = (await market.SellerGrain().GetProfileAsync()).Stats;
        Assert.Equal(1, stats.RentalsCompleted);
        Assert.Equal(0, stats.RentalDamageRate);
    }

    [Fact]
    public async Task Damage_counts_in_the_owners_damage_rate()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Rentals:DayLength"] = "00:01:00" });
        await ListRentalAsync(market);
        var r = (await RequestAsync(market, market.Host.Time.GetUtcNow())).Unwrap();
        var rental = market.Host.GetGrain<IRentalGrain>(r.Id);
        (await rental.PayAsync("p", Renter)).Unwrap();
        (await rental.HandOverAsync(Owner)).Unwrap();
        (await rental.ReturnAsync(Renter)).Unwrap();
        Assert.Equal(ErrorCodes.Forbidden, (await rental.CheckAsync(10m, null, Renter)).Error!.Code);
        var done = (await rental.CheckAsync(75.5m, "dent", Owner)).Unwrap();
        Assert.Equal(75.5m, done.DamageCharge);
        AssertBalanced(done);
        var stats = (await market.SellerGrain().GetProfileAsync()).Stats;
        Assert.Equal(1, stats.RentalsCompleted);
        Assert.Equal(1.0, stats.RentalDamageRate);
    }

    [Fact]
    public async Task Of_twenty_concurrent_overlapping_requests_exactly_one_books()
    {
        await using var market = await Market.CreateAsync();
        await ListRentalAsync(market);
        var start = market.Host.Time.GetUtcNow().AddDays(2);
        var renters = Enumerable.Range(0, 20).Select(i => CallerContext.User($"renter-{i}")).ToArray();
        var results = await Task.WhenAll(renters.Select((renter, i) =>
            RequestAsync(market, start.AddHours(i), days: 2, key: $"k{i}", renter: renter)));
        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(ErrorCodes.DatesUnavailable, r.Error!.Code));
        Assert.Single(await market.Item("bike").GetBookingsAsync(start.AddDays(-1)));
    }

    [Fact]
    public async Task The_payment_deadline_cancels_and_frees_the_period()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Deadlines:Payment"] = "00:00:05" });
        await ListRentalAsync(market);
        var start = market.Host.Time.GetUtcNow().AddDays(1);
        var first = (await RequestAsync(market, start)).Unwrap();
        var other = CallerContext.User("other");
        Assert.Equal(ErrorCodes.DatesUnavailable, (await RequestAsync(market, start.AddDays(1), key: "o1", renter: other)).Error!.Code);
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(5));
        var cancelled = (await market.Host.GetGrain<IRentalGrain>(first.Id).GetAsync())!;
        Assert.Equal(RentalStatus.CANCELLED, cancelled.Status);
        Assert.Null(cancelled.Deadline);
        AssertBalanced(cancelled);
        Assert.Empty(await market.Item("bike").GetBookingsAsync(start.AddDays(-1)));
        Assert.True((await RequestAsync(market, start.AddDays(1), key: "o2", renter: other)).IsSuccess);
    }

    [Fact]
    public async Task The_same_key_returns_the_same_rental_and_a_different_request_conflicts()
    {
        await using var market = await Market.CreateAsync();
        await ListRentalAsync(market);
        var start = market.Host.Time.GetUtcNow().AddDays(1);
        var first = (await RequestAsync(market, start)).Unwrap();
        var again = (await RequestAsync(market, start)).Unwrap();
        Assert.Equal(first.Id, again.Id);
        Assert.Single(await market.Item("bike").GetBookingsAsync(start.AddDays(-1)));
        Assert.Equal(ErrorCodes.IdempotencyConflict, (await RequestAsync(market, start, days: 4)).Error!.Code);

        var rental = market.Host.GetGrain<IRentalGrain>(first.Id);
        var paid = (await rental.PayAsync("pay", Renter)).Unwrap();
        Assert.Equal(paid.Ledger, (await rental.PayAsync("pay", Renter)).Unwrap().Ledger);
        Assert.Equal(ErrorCodes.InvalidState, (await rental.PayAsync("pay-2", Renter)).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await rental.PayAsync("pay", Owner)).Error!.Code);
    }

    [Fact]
    public async Task Requests_are_refused_with_the_contracts_codes()
    {
        await using var market = await Market.CreateAsync();
        await ListRentalAsync(market);
        await market.ListAsync("phone"); // a SALE item
        var start = market.Host.Time.GetUtcNow().AddDays(1);
        Assert.Equal(ErrorCodes.Forbidden, (await RequestAsync(market, start, renter: Owner)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, (await RequestAsync(market, start, key: "s", itemId: "phone")).Error!.Code);
        Assert.Equal(ErrorCodes.NotFound, (await RequestAsync(market, start, key: "n", itemId: "nope")).Error!.Code);
        Assert.Equal(["input", "days"], (await RequestAsync(market, start, days: 11, key: "d")).Error!.Field);
        Assert.Equal(["input", "start"], (await RequestAsync(market, start.AddDays(-2), key: "p")).Error!.Field);
        Assert.Equal(ErrorCodes.Forbidden, (await Rental(market, Renter, "x").RequestAsync(new RequestRental("bike", start, 2, "x"), Market.Operator)).Error!.Code);
        (await market.Item("bike").DelistAsync(Owner)).Unwrap();
        Assert.Equal(ErrorCodes.ItemNotAvailable, (await RequestAsync(market, start, key: "l")).Error!.Code);
        // placeOrder on a RENTAL item stays refused.
        Assert.Equal(ErrorCodes.InvalidState, (await market.Item("bike").ReserveAsync("ord-x", "buyer")).Error!.Code);
    }

    [Fact]
    public async Task An_owner_cancellation_counts_as_a_seller_cancellation_and_refunds_in_full()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Rentals:DepositWaiverScore"] = "600" });
        await ListRentalAsync(market);
        var r = (await RequestAsync(market, market.Host.Time.GetUtcNow().AddDays(2))).Unwrap();
        Assert.True(r.DepositWaived);
        Assert.Equal(0m, r.Deposit);
        var rental = market.Host.GetGrain<IRentalGrain>(r.Id);
        (await rental.PayAsync("p", Renter)).Unwrap();
        Assert.Equal(ErrorCodes.Forbidden, (await rental.CancelAsync(null, CallerContext.User("stranger"))).Error!.Code);
        var cancelled = (await rental.CancelAsync("broken", Owner)).Unwrap();
        Assert.Equal(RentalStatus.CANCELLED, cancelled.Status);
        Assert.Equal(90m, cancelled.Ledger.Single(e => e.Kind == LedgerEntryKind.REFUND).Amount);
        AssertBalanced(cancelled);
        Assert.Equal(1, (await market.SellerGrain().GetProfileAsync()).Stats.SellerCancellations);
        Assert.Empty(await market.Item("bike").GetBookingsAsync(r.Start.AddDays(-3)));
    }

    [Fact]
    public async Task The_renter_may_cancel_once_the_hand_over_was_missed()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?>
        {
            ["Marketplace:Rentals:DayLength"] = "00:01:00", ["Marketplace:Deadlines:ShipBy"] = "00:02:00",
        });
        await ListRentalAsync(market);
        var r = (await RequestAsync(market, market.Host.Time.GetUtcNow().AddMinutes(5))).Unwrap();
        var rental = market.Host.GetGrain<IRentalGrain>(r.Id);
        (await rental.PayAsync("p", Renter)).Unwrap();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(ErrorCodes.InvalidState, (await rental.CancelAsync(null, Renter)).Error!.Code);
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(2));
        var cancelled = (await rental.CancelAsync("never handed over", Renter)).Unwrap();
        Assert.Equal(200m, cancelled.Ledger.Single(e => e.Kind == LedgerEntryKind.DEPOSIT_RELEASE).Amount);
        AssertBalanced(cancelled);
        Assert.Equal(0, (await market.SellerGrain().GetProfileAsync()).Stats.SellerCancellations);
    }

    [Fact]
    public async Task Deadlines_survive_a_restart()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Rentals:DayLength"] = "00:01:00" });
        await ListRentalAsync(market);
        var r = (await RequestAsync(market, market.Host.Time.GetUtcNow())).Unwrap();
        (await market.Host.GetGrain<IRentalGrain>(r.Id).PayAsync("p", Renter)).Unwrap();
        (await market.Host.GetGrain<IRentalGrain>(r.Id).HandOverAsync(Owner)).Unwrap();
        await market.Host.RestartAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(RentalStatus.OVERDUE, (await market.Host.GetGrain<IRentalGrain>(r.Id).GetAsync())!.Status);
    }
}
