using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Trust;

/// <summary>Buyer.trustScore / trustBand / trustFactors / depositWaived through GraphQL, and who may read them.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BuyerTrustTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    private const string TrustQuery = "query($id: ID!) { buyer(id: $id) { id trustScore trustBand depositWaived trustFactors { name contribution detail } } }";

    [Fact]
    public async Task A_new_buyer_reads_600_GOOD_with_every_factor_zero_and_no_waiver()
    {
        var buyer = await _market.CreateUserAsync("new buyer");
        var read = (await _market.Client.PostAsync(TrustQuery, new { id = buyer.Id }, buyer.Token)).Ok()["buyer"]!;
        Assert.Equal(600, read["trustScore"]!.GetValue<int>());
        Assert.Equal("GOOD", read["trustBand"]!.GetValue<string>());
        Assert.False(read["depositWaived"]!.GetValue<bool>());
        var factors = read["trustFactors"]!.AsArray();
        Assert.Equal(7, factors.Count);
        Assert.All(factors, f => Assert.Equal(0, f!["contribution"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_dispute_lost_as_buyer_lowers_the_score_the_buyer_and_an_operator_read()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        (await _market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "not as described" })).Payload("openDispute", "order");
        (await _market.OrderMutationAsync("resolveDispute", _market.Admin, new { orderId, outcome = "RELEASE" })).Payload("resolveDispute", "order");

        var operatorUser = await _market.CreateUserWithRoleAsync("OPERATOR");
        foreach (var token in new[] { deal.Buyer.Token, operatorUser.Token, _market.Admin })
        {
            var read = (await _market.Client.PostAsync(TrustQuery, new { id = deal.Buyer.Id }, token)).Ok()["buyer"]!;
            Assert.Equal(570, read["trustScore"]!.GetValue<int>()); // docs/trust-score.md: 600 + 0 − 30
            Assert.Equal("FAIR", read["trustBand"]!.GetValue<string>());
            var factors = read["trustFactors"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["contribution"]!.GetValue<int>());
            Assert.Equal(-30, factors["disputesLost"]);
            Assert.Equal(570 - 600, factors.Values.Sum());
        }
    }

    [Fact]
    public async Task The_private_fields_are_refused_to_the_orders_seller_and_to_strangers_while_public_buyer_fields_stay_readable()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);

        // The order's seller sees the order and the buyer's public fields ...
        var open = await _market.Client.PostAsync("query($id: ID!) { order(id: $id) { buyer { id orders } } }", new { id = orderId }, deal.Seller.Token);
        Assert.Equal(deal.Buyer.Id, open.Ok()["order"]!["buyer"]!["id"]!.GetValue<string>());
        // ... but not the private ones, each refused on its own.
        foreach (var field in new[] { "trustScore", "trustBand", "depositWaived", "trustFactors { name }", "recommended { id }" })
        {
            var refused = await _market.Client.PostAsync($"query($id: ID!) {{ order(id: $id) {{ buyer {{ id {field} }} }} }}", new { id = orderId }, deal.Seller.Token);
            Assert.Contains("FORBIDDEN", refused.ErrorCodes);
        }

        var stranger = await _market.CreateUserAsync("stranger");
        Assert.Contains("FORBIDDEN", (await _market.Client.PostAsync(TrustQuery, new { id = deal.Buyer.Id }, stranger.Token)).ErrorCodes);
        Assert.Contains("UNAUTHENTICATED", (await _market.Client.PostAsync(TrustQuery, new { id = deal.Buyer.Id })).ErrorCodes);
    }
}
