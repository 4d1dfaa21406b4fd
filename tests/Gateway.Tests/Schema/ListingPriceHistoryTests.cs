using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Schema;

/// <summary>Listing pages answer Item.priceHistory from the projection row; it must match what the item itself says.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ListingPriceHistoryTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    [Fact]
    public async Task Listed_items_show_the_same_price_history_as_the_item()
    {
        var deal = await _market.NewDealAsync("120.00");
        (await _market.Client.PostAsync("mutation($i: ChangePriceInput!) { changePrice(input: $i) { item { id } errors { code message } } }",
            new { i = new { itemId = deal.ItemId, price = "99.50" } }, deal.Seller.Token)).Payload("changePrice", "item");

        // The projection follows item events: wait until the listing shows the new price.
        var listed = await Eventually.MatchAsync(async () => (await _market.Client.PostAsync(
                "query($f: ItemFilter) { items(filter: $f, first: 5) { nodes { id price priceHistory { price at reason } } } }",
                new { f = new { sellerId = deal.Seller.Id } })).Ok()["items"]!["nodes"]!.AsArray(),
            nodes => nodes.Count == 1 && nodes[0]!["price"]!.GetValue<string>() == "99.50", "the repriced listing in the projection");

        var fromItem = (await _market.Client.PostAsync("query($id: ID!) { item(id: $id) { priceHistory { price at reason } } }",
            new { id = deal.ItemId })).Ok()["item"]!["priceHistory"]!;
        var fromListing = listed[0]!["priceHistory"]!;
        Assert.Equal(["120.00", "99.50"], fromListing.AsArray().Select(p => p!["price"]!.GetValue<string>()));
        Assert.Equal(["LISTED", "SELLER_CHANGE"], fromListing.AsArray().Select(p => p!["reason"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(fromItem, fromListing), $"item: {fromItem.ToJsonString()} listing: {fromListing.ToJsonString()}");
    }
}
