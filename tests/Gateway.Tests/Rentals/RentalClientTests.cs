using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Rentals.RentalMarket;

namespace Marketplace.Gateway.Tests.Rentals;

/// <summary>A rental end to end through the JS ecosystem's own clients: graphql-ws for rentalStatusChanged, graphql-http for queries.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RentalClientTests(GatewayFixture fixture)
{
    private readonly RentalMarket _rentals = new(fixture.Market);

    [Fact]
    public async Task RentalStatusChanged_over_graphql_ws_sends_each_status_in_order()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var rentalId = Id(await _rentals.RequestedAsync(deal, DateTimeOffset.UtcNow.AddHours(2), 2));
        await using var node = NodeClient.Start("gateway-order-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), deal.Renter.Token, rentalId, "4", "rentalStatusChanged");
        await node.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the subscribe message reach the server after the ack

        (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "p" })).Payload("payRental", "rental");
        (await _rentals.MutateAsync("handOverRental", deal.Owner.Token, new { rentalId })).Payload("handOverRental", "rental");
        (await _rentals.MutateAsync("returnRental", deal.Renter.Token, new { rentalId })).Payload("returnRental", "rental");
        (await _rentals.MutateAsync("checkRental", deal.Owner.Token, new { rentalId })).Payload("checkRental", "rental");

        var output = await node.WaitForExitAsync();
        var events = node.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();
        Assert.True(events.SequenceEqual(["EVENT PAID 2", "EVENT ACTIVE 3", "EVENT RETURNED 4", "EVENT COMPLETED 5"]), output);

        await using var http = NodeClient.Start("gateway-http-query.mjs", fixture.Host.GraphQLEndpoint.ToString(), deal.Owner.Token,
            "query($id: ID!) { rental(id: $id) { id status ledger { kind amount } } }", System.Text.Json.JsonSerializer.Serialize(new { id = rentalId }));
        var httpOutput = await http.WaitForExitAsync();
        var result = JsonNode.Parse(http.Lines.Last())!;
        Assert.True(result["errors"] is null, httpOutput);
        Assert.Equal("COMPLETED", result["data"]!["rental"]!["status"]!.GetValue<string>());
        AssertBalanced(result["data"]!["rental"]!);
    }

    [Fact]
    public async Task RentalStatusChanged_is_refused_to_a_stranger()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var rentalId = Id(await _rentals.RequestedAsync(deal, DateTimeOffset.UtcNow.AddHours(2), 2));
        var stranger = await _rentals.Market.CreateUserAsync("stranger");
        await using var node = NodeClient.Start("gateway-order-subscription.mjs", fixture.Host.WebSocketEndpoint.ToString(), stranger.Token, rentalId, "1", "rentalStatusChanged");
        var output = await node.WaitForExitAsync();
        Assert.Contains("FORBIDDEN", output);
        Assert.DoesNotContain("EVENT", output);
    }
}
