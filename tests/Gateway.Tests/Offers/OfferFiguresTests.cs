using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Offers;

/// <summary>MarketStats.offers and OFFER_SPAM through a real gateway: offers reach the aggregates in their items' market events.</summary>
public sealed class OfferFiguresTests : IAsyncLifetime
{
    private GatewayHost _host = null!;
    private Market _market = null!;

    public async Task InitializeAsync()
    {
        // A gateway of its own: a low spam threshold, and no other test's offers on its dashboard.
        _host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Marketplace:Offers:SpamThreshold"] = "2" });
        _market = new Market(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<string> MakeOfferAsync(string token, string itemId, string amount) =>
        (await _market.Client.PostAsync("mutation($i: MakeOfferInput!) { makeOffer(input: $i) { offer { id status } errors { code } } }",
            new { i = new { itemId, amount } }, token)).Payload("makeOffer", "offer")["id"]!.GetValue<string>();

    [Fact]
    public async Task Category_stats_count_offers_and_outcomes_and_the_dashboard_flags_offer_spam()
    {
        var deal = await _market.NewDealAsync("100.00");
        var offerId = await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "75.00");
        var other = await _market.CreateUserAsync("other");
        var declinedId = await MakeOfferAsync(other.Token, deal.ItemId, "50.00");
        (await _market.Client.PostAsync("mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { offer { status } errors { code } } }",
            new { i = new { offerId = declinedId, response = "DECLINE" } }, deal.Seller.Token)).Payload("respondToOffer", "offer");
        (await _market.Client.PostAsync("mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { offer { status } errors { code } } }",
            new { i = new { offerId, response = "ACCEPT" } }, deal.Seller.Token)).Payload("respondToOffer", "offer");

        var stats = await Eventually.MatchAsync(async () => (await _market.Client.PostAsync(
                "query($id: ID!) { category(id: $id) { stats { offers { made accepted acceptanceRate averageDiscount } } } }", new { id = deal.CategoryId }))
                .Ok()["category"]!["stats"]!["offers"]!,
            o => o["accepted"]!.GetValue<int>() == 1 && o["acceptanceRate"]!.GetValue<double>() < 1, "the offers in the category's figures");
        Assert.Equal(2, stats["made"]!.GetValue<int>());
        Assert.Equal(0.5, stats["acceptanceRate"]!.GetValue<double>());
        Assert.Equal(0.25, stats["averageDiscount"]!.GetValue<double>(), 10);

        // Three offers within the hour is more than the threshold of 2.
        var spammer = await _market.CreateUserAsync("spammer");
        for (var i = 0; i < 3; i++)
            await MakeOfferAsync(spammer.Token, await _market.ListItemAsync(deal.Seller.Token, deal.CategoryId, deal.RegionId), "10.00");
        var alerts = await Eventually.MatchAsync(async () => (await _market.Client.PostAsync("{ dashboard { alerts(first: 100) { kind message } } }", token: _market.Admin))
                .Ok()["dashboard"]!["alerts"]!.AsArray(),
            a => a.Any(x => x!["kind"]!.GetValue<string>() == "OFFER_SPAM"), "the OFFER_SPAM alert");
        Assert.Contains(spammer.Id, Assert.Single(alerts, a => a!["kind"]!.GetValue<string>() == "OFFER_SPAM")!["message"]!.GetValue<string>());
    }
}
