using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Offers;

/// <summary>Acceptances and orders racing for one item over HTTP: the item's reservation picks exactly one winner.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OfferRaceTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    [Fact]
    public async Task Ten_acceptances_and_ten_orders_at_once_have_exactly_one_winner()
    {
        var deal = await _market.NewDealAsync("100.00");
        var offerers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _market.CreateUserAsync($"offerer {i}")));
        var orderers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _market.CreateUserAsync($"orderer {i}")));
        var offerIds = new List<string>();
        foreach (var (offerer, i) in offerers.Select((o, i) => (o, i)))
            offerIds.Add((await _market.Client.PostAsync("mutation($i: MakeOfferInput!) { makeOffer(input: $i) { offer { id } errors { code } } }",
                new { i = new { itemId = deal.ItemId, amount = $"{60 + i}.00" } }, offerer.Token)).Payload("makeOffer", "offer")["id"]!.GetValue<string>());

        var accepts = offerIds.Select(offerId => _market.Client.PostAsync(
            "mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { offer { id status order { id } } errors { code } } }",
            new { i = new { offerId, response = "ACCEPT" } }, deal.Seller.Token)
            .ContinueWith(t => t.Result.Ok()["respondToOffer"]!));
        var orders = orderers.Select(o => _market.PlaceOrderAsync(o.Token, deal.ItemId).ContinueWith(t => t.Result.Ok()["placeOrder"]!));
        var payloads = await Task.WhenAll(accepts.Concat(orders));

        var codes = payloads.Select(p => p["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).SingleOrDefault()).ToList();
        Assert.Single(codes, c => c is null);
        // Losing orders find the item taken; losing acceptances find it taken or their offer already declined by the winning offer.
        Assert.All(codes.Skip(10).Where(c => c is not null), c => Assert.Equal("ITEM_NOT_AVAILABLE", c));
        Assert.All(codes.Take(10).Where(c => c is not null), c => Assert.Contains(c, new[] { "ITEM_NOT_AVAILABLE", "INVALID_STATE" }));
        var item = await _market.ItemAsync(deal.ItemId);
        Assert.Equal("RESERVED", item["status"]!.GetValue<string>());
        var winner = payloads.Single(p => p["errors"]!.AsArray().Count == 0);
        var orderId = (winner["order"] ?? winner["offer"]!["order"])!["id"]!.GetValue<string>();
        var order = await _market.OrderAsync(orderId, deal.Seller.Token);
        Assert.Equal("AWAITING_PAYMENT", order["status"]!.GetValue<string>());
        Assert.Equal(item["price"]!.GetValue<string>(), order["price"]!.GetValue<string>());
    }
}
