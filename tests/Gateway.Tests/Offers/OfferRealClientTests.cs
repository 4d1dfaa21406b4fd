using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Offers;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Offers;

/// <summary>
/// offerChanged end to end with the JS ecosystem's own clients: graphql-ws follows the offers of an item while the
/// offer is made, countered and accepted over graphql-http (tests/clients).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OfferRealClientTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    private async Task<JsonNode> HttpAsync(string token, string document, object variables)
    {
        await using var node = NodeClient.Start("gateway-http-query.mjs", fixture.Host.GraphQLEndpoint.ToString(), token, document,
            System.Text.Json.JsonSerializer.Serialize(variables));
        var output = await node.WaitForExitAsync();
        var result = JsonNode.Parse(node.Lines.Last())!;
        Assert.True(result["errors"] is null, output);
        return result["data"]!;
    }

    [Fact]
    public async Task The_seller_follows_an_offer_from_made_to_countered_to_accepted()
    {
        var deal = await _market.NewDealAsync("100.00");
        await using var seller = NodeClient.Start("gateway-offer-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), deal.Seller.Token, deal.ItemId, "3");
        await seller.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the subscribe message reach the server after the ack

        var made = await HttpAsync(deal.Buyer.Token, "mutation($i: MakeOfferInput!) { makeOffer(input: $i) { offer { id status } errors { code } } }",
            new { i = new { itemId = deal.ItemId, amount = "70.00" } });
        var offerId = made["makeOffer"]!["offer"]!["id"]!.GetValue<string>();
        await seller.WaitForLineAsync(l => l.StartsWith("EVENT", StringComparison.Ordinal), "the new offer");
        await HttpAsync(deal.Seller.Token, "mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { offer { status } errors { code } } }",
            new { i = new { offerId, response = "COUNTER", counterAmount = "85.00" } });
        await seller.WaitForLineAsync(l => l.Contains("COUNTERED", StringComparison.Ordinal), "the counter");
        await HttpAsync(deal.Buyer.Token, "mutation($i: RespondToOfferInput!) { respondToOffer(input: $i) { offer { status } errors { code } } }",
            new { i = new { offerId, response = "ACCEPT" } });

        var output = await seller.WaitForExitAsync();
        var events = seller.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        Assert.True(events.SequenceEqual([
            $"EVENT {deal.Buyer.Id} PENDING 70.00 - -",
            $"EVENT {deal.Buyer.Id} COUNTERED 70.00 85.00 -",
            $"EVENT {deal.Buyer.Id} ACCEPTED 70.00 85.00 AWAITING_PAYMENT"]), output);
        Assert.Contains("DONE", seller.Lines);
    }

    [Fact]
    public async Task An_offer_answered_at_once_by_the_policy_is_sent_as_made_and_as_answered()
    {
        var deal = await _market.NewDealAsync("100.00");
        await HttpAsync(deal.Seller.Token, "mutation($i: SetBargainingInput!) { setBargaining(input: $i) { item { id } errors { code } } }",
            new { i = new { itemId = deal.ItemId, autoAcceptAt = "90.00" } });
        await using var seller = NodeClient.Start("gateway-offer-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), deal.Seller.Token, deal.ItemId, "2");
        await seller.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        await Task.Delay(TimeSpan.FromSeconds(1));

        var made = await HttpAsync(deal.Buyer.Token, "mutation($i: MakeOfferInput!) { makeOffer(input: $i) { offer { status } errors { code } } }",
            new { i = new { itemId = deal.ItemId, amount = "92.00" } });
        Assert.Equal("ACCEPTED", made["makeOffer"]!["offer"]!["status"]!.GetValue<string>());

        var output = await seller.WaitForExitAsync();
        var events = seller.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        // The second event's order is read when it is sent: placed, so AWAITING_PAYMENT.
        Assert.True(events.SequenceEqual([$"EVENT {deal.Buyer.Id} PENDING 92.00 - -", $"EVENT {deal.Buyer.Id} ACCEPTED 92.00 - AWAITING_PAYMENT"]), output);
    }

    [Fact]
    public async Task A_buyer_sees_only_their_own_offers_and_changes_made_elsewhere_arrive_too()
    {
        var deal = await _market.NewDealAsync("100.00");
        var other = await _market.CreateUserAsync("other");
        await using var buyer = NodeClient.Start("gateway-offer-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), deal.Buyer.Token, deal.ItemId, "2");
        await buyer.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        await Task.Delay(TimeSpan.FromSeconds(1));

        // Made through the grains directly, as another gateway would: only the item's market events can tell the subscriber.
        var client = fixture.Host.Services.GetRequiredService<IClusterClient>();
        (await client.GetGrain<IOfferGrain>(OfferIds.ForOffer(other.Id, "x")).MakeAsync(new MakeOffer(deal.ItemId, 60m), CallerContext.User(other.Id))).Unwrap();
        var mine = (await client.GetGrain<IOfferGrain>(OfferIds.ForOffer(deal.Buyer.Id, "y")).MakeAsync(new MakeOffer(deal.ItemId, 65m), CallerContext.User(deal.Buyer.Id))).Unwrap();
        await buyer.WaitForLineAsync(l => l.StartsWith("EVENT", StringComparison.Ordinal), "the buyer's own offer");
        (await client.GetGrain<IOfferGrain>(mine.Id).WithdrawAsync(CallerContext.User(deal.Buyer.Id))).Unwrap();

        var output = await buyer.WaitForExitAsync();
        var events = buyer.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        Assert.True(events.SequenceEqual([$"EVENT {deal.Buyer.Id} PENDING 65.00 - -", $"EVENT {deal.Buyer.Id} WITHDRAWN 65.00 - -"]), output);
    }
}
