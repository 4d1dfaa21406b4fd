using System.Diagnostics;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Loading;

/// <summary>The seller beside an item may be a profile the gateway fetched a moment ago; seller(id) is always live.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SellerCardTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    [Fact]
    public async Task After_a_credit_change_seller_by_id_is_live_and_the_item_card_follows_within_its_max_age()
    {
        var deal = await _market.NewDealAsync();
        var before = await CardScoreAsync(deal.ItemId);
        Assert.Equal(before, await LiveScoreAsync(deal.Seller.Id));

        // A seller cancellation costs credit (docs/credit-score.md, sellerCancellations).
        var orderId = await _market.PlacedOrderAsync(deal);
        (await _market.OrderMutationAsync("cancelOrder", deal.Seller.Token, new { orderId, reason = "sold elsewhere" })).Payload("cancelOrder", "order");

        var after = await Eventually.MatchAsync(() => LiveScoreAsync(deal.Seller.Id), score => score < before, "the seller's live score to drop");
        var clock = Stopwatch.StartNew();
        await Eventually.MatchAsync(() => CardScoreAsync(deal.ItemId), score => score == after, "the item's seller card to follow", TimeSpan.FromSeconds(5));
        // Default Gateway:SellerCards:MaxAge is 1 s; the margin covers a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the card took {clock.Elapsed} to follow");
    }

    private async Task<int> CardScoreAsync(string itemId) =>
        (await _market.Client.PostAsync("query($id: ID!) { item(id: $id) { seller { creditScore } } }", new { id = itemId }))
            .Ok()["item"]!["seller"]!["creditScore"]!.GetValue<int>();

    private async Task<int> LiveScoreAsync(string sellerId) =>
        (await _market.Client.PostAsync("query($id: ID!) { seller(id: $id) { creditScore } }", new { id = sellerId }))
            .Ok()["seller"]!["creditScore"]!.GetValue<int>();
}
