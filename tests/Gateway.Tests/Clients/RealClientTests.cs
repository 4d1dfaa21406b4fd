using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Clients;

/// <summary>The gateway driven by the JS ecosystem's own clients: graphql-ws for subscriptions, graphql-http for queries.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RealClientTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    [Fact]
    public async Task OrderStatusChanged_over_graphql_ws_sends_the_order_once_per_status_in_order()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await using var node = NodeClient.Start("gateway-order-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), deal.Buyer.Token, orderId, "4");
        await node.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the subscribe message reach the server after the ack

        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        (await _market.OrderMutationAsync("confirmReceipt", deal.Buyer.Token, new { orderId })).Payload("confirmReceipt", "order");

        var output = await node.WaitForExitAsync();
        var events = node.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        Assert.True(events.SequenceEqual(["EVENT PAID 2", "EVENT SHIPPED 3", "EVENT DELIVERED 4", "EVENT COMPLETED 5"]), output);
        Assert.Contains("DONE", node.Lines);
    }

    [Fact]
    public async Task OrderStatusChanged_is_refused_to_a_stranger()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        var stranger = await _market.CreateUserAsync("stranger");
        await using var node = NodeClient.Start("gateway-order-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), stranger.Token, orderId, "1");
        var output = await node.WaitForExitAsync();
        Assert.Contains("FORBIDDEN", output);
        Assert.DoesNotContain("EVENT", output);
    }

    [Fact]
    public async Task Graphql_http_client_lists_items_with_their_sellers()
    {
        var deal = await _market.NewDealAsync("123.45");
        // The listing projection follows item events: wait until the new listing is in it.
        await Eventually.MatchAsync(async () => (await _market.Client.PostAsync("query($f: ItemFilter) { items(filter: $f) { totalCount } }",
            new { f = new { sellerId = deal.Seller.Id } })).Ok()["items"]!["totalCount"]!.GetValue<int>(), n => n == 1, "the listing in the projection");

        await using var node = NodeClient.Start("gateway-http-query.mjs", fixture.Host.GraphQLEndpoint.ToString(), "-",
            "query($f: ItemFilter) { items(filter: $f, first: 5) { totalCount nodes { id price seller { id displayName } } } }",
            System.Text.Json.JsonSerializer.Serialize(new { f = new { sellerId = deal.Seller.Id } }));
        var output = await node.WaitForExitAsync();
        var result = JsonNode.Parse(node.Lines.Last())!;
        Assert.True(result["errors"] is null, output);
        var items = result["data"]!["items"]!;
        Assert.Equal(1, items["totalCount"]!.GetValue<int>());
        Assert.Equal(deal.ItemId, items["nodes"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("123.45", items["nodes"]![0]!["price"]!.GetValue<string>());
        Assert.Equal(deal.Seller.Id, items["nodes"]![0]!["seller"]!["id"]!.GetValue<string>());
    }
}
