using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Offers;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Offers;

/// <summary>The offer state machine of the contract's "Offers and bargaining", on a real silo (docs/offers.md).</summary>
public class OfferGrainTests
{
    private static readonly CallerContext Buyer2 = CallerContext.User("buyer-2");

    private static IOfferGrain Offer(Market market, CallerContext buyer, string key) => market.Host.GetGrain<IOfferGrain>(OfferIds.ForOffer(buyer.UserId!, key));

    private static Task<Result<OfferView>> MakeAsync(Market market, decimal amount, CallerContext? buyer = null, string key = "o1", string item = "item-1") =>
        Offer(market, buyer ?? Buyer, key).MakeAsync(new MakeOffer(item, amount, "would you take this?", key), buyer ?? Buyer);

    [Fact]
    public async Task A_new_offer_is_pending_with_expiry_and_shows_on_the_item()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var offer = (await MakeAsync(market, 80m)).Unwrap();

        Assert.Equal(OfferStatus.PENDING, offer.Status);
        Assert.Equal(("seller", "buyer", 80m, 100m), (offer.SellerId, offer.BuyerId, offer.Amount, offer.ListPrice));
        Assert.Equal(offer.CreatedAt + TimeSpan.FromHours(24), offer.ExpiresAt);
        var deals = (await market.Item("item-1").GetDealsAsync())!;
        Assert.Equal(1, deals.OpenOffers);
        Assert.Equal(1, (await market.Item("item-1").GetAsync())!.Offers);
        Assert.Contains(market.Host.Streams.Published<ItemOfferChanged>(), e => e.Offer.Id == offer.Id);
        Assert.Equal([offer.Id], await market.Host.GetGrain<IBuyerOffersGrain>("buyer").GetOfferIdsAsync());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_offer_and_a_different_use_conflicts()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var first = (await MakeAsync(market, 80m)).Unwrap();
        var again = (await MakeAsync(market, 80m)).Unwrap();
        Assert.Equal(first, again);
        Assert.Equal(ErrorCodes.IdempotencyConflict, (await MakeAsync(market, 70m)).Error!.Code);
        Assert.Single((await market.Item("item-1").GetDealsAsync())!.Offers);
    }

    [Theory]
    [InlineData(0, "amount")]
    [InlineData(-1, "amount")]
    [InlineData(80.123, "amount")]
    [InlineData(100, "amount")]
    [InlineData(120, "amount")]
    public async Task Amount_must_be_positive_two_decimals_and_below_the_price(decimal amount, string field)
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var error = (await MakeAsync(market, amount)).Error!;
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Equal(["input", field], error.Field);
        Assert.Empty((await market.Item("item-1").GetDealsAsync())!.Offers);
    }

    [Fact]
    public async Task One_open_offer_per_buyer_per_item_and_a_new_one_after_it_closed()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync();
        var first = (await MakeAsync(market, 80m)).Unwrap();
        Assert.Equal(ErrorCodes.InvalidState, (await MakeAsync(market, 85m, key: "o2")).Error!.Code);
        (await MakeAsync(market, 85m, Buyer2, "o2")).Unwrap(); // another buyer may
        (await Offer(market, Buyer, "o1").WithdrawAsync(Buyer)).Unwrap();
        var second = (await MakeAsync(market, 85m, key: "o3")).Unwrap();
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, (await market.Item("item-1").GetDealsAsync())!.OpenOffers);
    }

    [Fact]
    public async Task Refusals_by_item_state_and_owner()
    {
        await using var market = await Market.CreateAsync();
        Assert.Equal(ErrorCodes.NotFound, (await MakeAsync(market, 10m, item: "nope")).Error!.Code);
        await market.ListAsync();
        Assert.Equal(ErrorCodes.Forbidden, (await MakeAsync(market, 80m, Seller)).Error!.Code);
        (await market.Item("rent-1").ListAsync(new ListItem("Tent", "4p", "phones", "sh", Grade.GOOD, 50m, Mode: ListingMode.RENTAL,
            RentalTerms: new RentalTerms(5m, 20m, 1, 10)), Seller)).Unwrap();
        Assert.Equal(ErrorCodes.InvalidState, (await MakeAsync(market, 10m, item: "rent-1", key: "r")).Error!.Code);
        (await market.Item("item-1").DelistAsync(Seller)).Unwrap();
        Assert.Equal(ErrorCodes.ItemNotAvailable, (await MakeAsync(market, 80m, key: "d")).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await Offer(market, Buyer, "x").MakeAsync(new MakeOffer("item-1", 5m), CallerContext.Operator("op"))).Error!.Code);
    }

    [Fact]
    public async Task Seller_accepts_a_pending_offer_the_order_is_placed_at_the_agreed_price_and_other_offers_are_declined()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var offer = (await MakeAsync(market, 80m)).Unwrap();
        var other = (await MakeAsync(market, 75m, Buyer2, "b2")).Unwrap();

        var accepted = (await Offer(market, Buyer, "o1").RespondAsync(OfferResponse.ACCEPT, null, Seller)).Unwrap();

        Assert.Equal(OfferStatus.ACCEPTED, accepted.Status);
        Assert.Equal(OfferIds.OrderFor(offer.Id), accepted.OrderId);
        var order = (await market.Order(accepted.OrderId!).GetAsync())!;
        Assert.Equal((OrderStatus.AWAITING_PAYMENT, 80m, 4m, "buyer"), (order.Status, order.Price, order.Fee, order.BuyerId));
        Assert.NotNull(order.Deadline);
        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal((ItemStatus.RESERVED, 80m, order.Id), (item.Status, item.Price, item.ReservedByOrderId));
        Assert.Equal(new PricePoint(80m, item.PriceHistory[^1].At, PriceChangeReason.OFFER_ACCEPTED), item.PriceHistory[^1]);
        Assert.Equal(OfferStatus.DECLINED, (await market.Host.GetGrain<IOfferGrain>(other.Id).GetAsync())!.Status);
        var deals = (await market.Item("item-1").GetDealsAsync())!;
        Assert.Equal(0, deals.OpenOffers);
        Assert.Equal([OfferStatus.ACCEPTED, OfferStatus.DECLINED], deals.Offers.Select(o => o.Status));
        // The item's change log has every version in the order it took them (what offerChanged sends).
        var log = await market.Item("item-1").GetOfferChangesAsync(0);
        Assert.Equal([(offer.Id, OfferStatus.PENDING), (other.Id, OfferStatus.PENDING), (offer.Id, OfferStatus.ACCEPTED), (other.Id, OfferStatus.DECLINED)],
            log.Changes.Select(o => (o.Id, o.Status)));
        Assert.Equal((4, 0), ((await market.Item("item-1").GetOfferChangesAsync(4)).Total, (await market.Item("item-1").GetOfferChangesAsync(4)).Changes.Count));
        // The order goes on like any other: the buyer pays the agreed price.
        var paid = (await market.Order(order.Id).PayAsync("pay-1", Buyer)).Unwrap();
        Assert.Equal(80m, paid.Ledger.Single().Amount);
    }

    [Fact]
    public async Task Counter_then_buyer_accepts_at_the_counter()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        await MakeAsync(market, 80m);
        market.Host.Time.Advance(TimeSpan.FromHours(20));
        var offer = Offer(market, Buyer, "o1");

        Assert.Equal(ErrorCodes.InvalidInput, (await offer.RespondAsync(OfferResponse.COUNTER, null, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await offer.RespondAsync(OfferResponse.COUNTER, 80m, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await offer.RespondAsync(OfferResponse.COUNTER, 100m, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await offer.RespondAsync(OfferResponse.COUNTER, 90.001m, Seller)).Error!.Code);
        var countered = (await offer.RespondAsync(OfferResponse.COUNTER, 90m, Seller)).Unwrap();
        Assert.Equal((OfferStatus.COUNTERED, 90m), (countered.Status, countered.CounterAmount));
        Assert.Equal(market.Host.Time.GetUtcNow() + TimeSpan.FromHours(24), countered.ExpiresAt); // the counter restarts the expiry

        // Now it is the buyer's turn: the seller may not answer again, the buyer may not counter.
        Assert.Equal(ErrorCodes.Forbidden, (await offer.RespondAsync(OfferResponse.ACCEPT, null, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await offer.RespondAsync(OfferResponse.COUNTER, 95m, Buyer)).Error!.Code);
        var accepted = (await offer.RespondAsync(OfferResponse.ACCEPT, null, Buyer)).Unwrap();
        Assert.Equal(OfferStatus.ACCEPTED, accepted.Status);
        Assert.Equal(90m, (await market.Order(accepted.OrderId!).GetAsync())!.Price);
        Assert.Equal(90m, (await market.Item("item-1").GetAsync())!.Price);
    }

    [Fact]
    public async Task Declines_and_withdrawals_and_who_may_do_them()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        await MakeAsync(market, 80m);
        var offer = Offer(market, Buyer, "o1");
        Assert.Equal(ErrorCodes.Forbidden, (await offer.RespondAsync(OfferResponse.ACCEPT, null, Buyer)).Error!.Code); // buyer on PENDING
        Assert.Equal(ErrorCodes.Forbidden, (await offer.RespondAsync(OfferResponse.DECLINE, null, Buyer2)).Error!.Code);
        Assert.Equal(ErrorCodes.Forbidden, (await offer.WithdrawAsync(Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.NotFound, (await market.Host.GetGrain<IOfferGrain>("ofr-none").WithdrawAsync(Buyer)).Error!.Code);

        Assert.Equal(OfferStatus.DECLINED, (await offer.RespondAsync(OfferResponse.DECLINE, null, Seller)).Unwrap().Status);
        Assert.Equal(ErrorCodes.InvalidState, (await offer.RespondAsync(OfferResponse.ACCEPT, null, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidState, (await offer.WithdrawAsync(Buyer)).Error!.Code);

        await MakeAsync(market, 81m, key: "o2");
        var second = Offer(market, Buyer, "o2");
        (await second.RespondAsync(OfferResponse.COUNTER, 95m, Seller)).Unwrap();
        Assert.Equal(OfferStatus.DECLINED, (await second.RespondAsync(OfferResponse.DECLINE, null, Buyer)).Unwrap().Status); // buyer declines the counter

        await MakeAsync(market, 82m, key: "o3");
        var third = Offer(market, Buyer, "o3");
        (await third.RespondAsync(OfferResponse.COUNTER, 95m, Seller)).Unwrap();
        Assert.Equal(OfferStatus.WITHDRAWN, (await third.WithdrawAsync(Buyer)).Unwrap().Status); // withdrawn while COUNTERED
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        Assert.Equal(0, (await market.Item("item-1").GetDealsAsync())!.OpenOffers);
    }

    [Fact]
    public async Task Acceptance_of_an_unavailable_item_fails_and_leaves_the_offer_as_it_was()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var made = (await MakeAsync(market, 80m)).Unwrap();
        await market.PlaceAsync(buyer: Buyer2); // someone buys it at the list price first

        var refused = await Offer(market, Buyer, "o1").RespondAsync(OfferResponse.ACCEPT, null, Seller);
        Assert.Equal(ErrorCodes.ItemNotAvailable, refused.Error!.Code);
        Assert.Equal(made, await Offer(market, Buyer, "o1").GetAsync());
        Assert.Equal(100m, (await market.Item("item-1").GetAsync())!.Price);
    }

    [Fact]
    public async Task Offers_expire_after_the_configured_time_even_across_a_restart()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Deadlines:Offer"] = "00:00:30" });
        await market.ListAsync();
        var made = (await MakeAsync(market, 80m)).Unwrap();
        Assert.Equal(made.CreatedAt + TimeSpan.FromSeconds(30), made.ExpiresAt);
        await market.Host.RestartAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Equal(OfferStatus.PENDING, (await Offer(market, Buyer, "o1").GetAsync())!.Status);
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(OfferStatus.EXPIRED, (await Offer(market, Buyer, "o1").GetAsync())!.Status);
        Assert.Equal(0, (await market.Item("item-1").GetDealsAsync())!.OpenOffers);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IOfferGrain>(made.Id), OfferGrain.DeadlineReminder));
        Assert.Equal(ErrorCodes.InvalidState, (await Offer(market, Buyer, "o1").RespondAsync(OfferResponse.ACCEPT, null, Seller)).Error!.Code);
    }

    [Fact]
    public async Task A_counter_restarts_the_expiry_and_a_late_answer_is_refused_as_expired()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Deadlines:Offer"] = "00:10:00" });
        await market.ListAsync();
        await MakeAsync(market, 80m);
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(8));
        (await Offer(market, Buyer, "o1").RespondAsync(OfferResponse.COUNTER, 90m, Seller)).Unwrap();
        await market.Host.AdvanceAsync(TimeSpan.FromMinutes(8)); // 16 min after the offer, 8 after the counter
        Assert.Equal(OfferStatus.COUNTERED, (await Offer(market, Buyer, "o1").GetAsync())!.Status);

        market.Host.Time.Advance(TimeSpan.FromMinutes(3)); // past the expiry, before the reminder is delivered
        Assert.Equal(ErrorCodes.DeadlinePassed, (await Offer(market, Buyer, "o1").RespondAsync(OfferResponse.ACCEPT, null, Buyer)).Error!.Code);
        Assert.Equal(OfferStatus.EXPIRED, (await Offer(market, Buyer, "o1").GetAsync())!.Status);
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
    }

    [Fact]
    public async Task Bargaining_policy_answers_new_offers_at_once()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var item = market.Item("item-1");
        Assert.Equal(ErrorCodes.Forbidden, (await item.SetBargainingAsync(new Bargaining(90m, 50m), Buyer)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetBargainingAsync(new Bargaining(100m, null), Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetBargainingAsync(new Bargaining(60m, 60m), Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetBargainingAsync(new Bargaining(null, 0m), Seller)).Error!.Code);
        (await item.SetBargainingAsync(new Bargaining(90m, 50m), Seller)).Unwrap();
        Assert.Equal(new Bargaining(90m, 50m), (await item.GetDealsAsync())!.Bargaining);

        Assert.Equal(OfferStatus.DECLINED, (await MakeAsync(market, 49.99m, key: "low")).Unwrap().Status);
        Assert.Equal(OfferStatus.PENDING, (await MakeAsync(market, 50m, Buyer2, "mid")).Unwrap().Status);
        var high = (await MakeAsync(market, 90m, CallerContext.User("buyer-3"), "high")).Unwrap();
        Assert.Equal(OfferStatus.ACCEPTED, high.Status);
        Assert.Equal((90m, "buyer-3"), ((await market.Order(high.OrderId!).GetAsync())!.Price, (await market.Order(high.OrderId!).GetAsync())!.BuyerId));
        Assert.Equal(OfferStatus.DECLINED, (await Offer(market, Buyer2, "mid").GetAsync())!.Status);

        Assert.Equal(ErrorCodes.InvalidState, (await item.SetBargainingAsync(new Bargaining(null, null), Seller)).Error!.Code); // RESERVED now
    }

    [Fact]
    public async Task Auto_accept_on_an_unavailable_item_leaves_the_offer_pending()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        (await market.Item("item-1").SetBargainingAsync(new Bargaining(90m, null), Seller)).Unwrap();
        await MakeAsync(market, 95m, Buyer2, "first"); // accepted: the item is RESERVED
        Assert.Equal(ErrorCodes.ItemNotAvailable, (await MakeAsync(market, 95m)).Error!.Code);
    }

    [Fact]
    public async Task Twenty_concurrent_acceptances_and_orders_have_exactly_one_winner()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var buyers = Enumerable.Range(0, 10).Select(i => CallerContext.User($"offerer-{i}")).ToArray();
        foreach (var (buyer, i) in buyers.Select((b, i) => (b, i))) (await MakeAsync(market, 50m + i, buyer, "k")).Unwrap();

        var accepts = buyers.Select(b => Offer(market, b, "k").RespondAsync(OfferResponse.ACCEPT, null, Seller)
            .ContinueWith(t => (t.Result.IsSuccess, t.Result.Error?.Code, Offer: true)));
        var orders = Enumerable.Range(0, 10).Select(i =>
        {
            var buyer = CallerContext.User($"orderer-{i}");
            return market.Order(OrderIds.ForPlacement(buyer.UserId!, "k")).PlaceAsync(new PlaceOrder("item-1", false, "k"), buyer)
                .ContinueWith(t => (t.Result.IsSuccess, t.Result.Error?.Code, Offer: false));
        });
        var results = await Task.WhenAll(accepts.Concat(orders));

        Assert.Single(results, r => r.IsSuccess);
        // A losing order finds the item taken; a losing acceptance finds it taken, or its offer already declined by the winning offer.
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Contains(r.Code, r.Offer ? new[] { ErrorCodes.ItemNotAvailable, ErrorCodes.InvalidState } : new[] { ErrorCodes.ItemNotAvailable }));
        var item = (await market.Item("item-1").GetAsync())!;
        Assert.Equal(ItemStatus.RESERVED, item.Status);
        Assert.Single(market.Host.Streams.Published<ItemReserved>(), e => e.Item.ItemId == "item-1");
        var winner = await market.Order(item.ReservedByOrderId!).GetAsync();
        Assert.Equal(OrderStatus.AWAITING_PAYMENT, winner!.Status);
        Assert.Equal(winner.Price, item.Price);
        var offers = await Task.WhenAll(buyers.Select(b => Offer(market, b, "k").GetAsync()));
        var acceptedOffers = offers.Count(o => o!.Status == OfferStatus.ACCEPTED);
        Assert.True(acceptedOffers <= 1);
        // An offer won: every other one is declined; an order won: the offers stay open for a later relisting.
        Assert.True(acceptedOffers == 1 ? offers.All(o => o!.Status is OfferStatus.ACCEPTED or OfferStatus.DECLINED) : offers.All(o => o!.IsOpen));
    }

    [Fact]
    public async Task Buyer_crossing_the_hourly_threshold_raises_offer_spam_once()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Offers:SpamThreshold"] = "3" });
        for (var i = 0; i < 5; i++)
        {
            await market.ListAsync($"item-{i}");
            (await MakeAsync(market, 10m, key: $"k{i}", item: $"item-{i}")).Unwrap();
            if (i == 2) Assert.DoesNotContain(market.Alerts.Raised, a => a.Kind == AlertKind.OFFER_SPAM);
        }
        var spam = Assert.Single(market.Alerts.Raised, a => a.Kind == AlertKind.OFFER_SPAM);
        Assert.Equal("buyer", spam.BuyerId);
    }
}
