using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Figures;

/// <summary>A gateway of its own, so platform-wide figures contain only this test's events.</summary>
public sealed class FiguresFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;
    public Market Market { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync();
        Market = new Market(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>Category (with sub-categories), region and dashboard figures settle to what the events imply.</summary>
public sealed class MarketFiguresTests(FiguresFixture fixture) : IClassFixture<FiguresFixture>
{
    private readonly Market _market = fixture.Market;

    private const string StatsFields = "activeListings newListings sold gmv sellThroughRate views conversionRate disputeRate gradeMix { grade activeListings sold } priceBands { min max activeListings sold }";

    [Fact]
    public async Task Figures_equal_what_the_events_imply()
    {
        var root = await _market.CreateCategoryAsync();
        var child = await _market.CreateCategoryAsync(root, [50m, 150m]);
        var region = await _market.CreateRegionAsync();
        var seller = await _market.CreateUserAsync("seller");
        var buyer = await _market.CreateUserAsync("buyer");
        var sold = await _market.ListItemAsync(seller.Token, child, region, "100.00");
        var cancelled = await _market.ListItemAsync(seller.Token, child, region, "200.00");
        var viewed = await _market.ListItemAsync(seller.Token, child, region, "40.00");

        var soldDeal = new Deal(seller, buyer, child, region, sold, 100m);
        var soldOrder = await _market.PlacedOrderAsync(soldDeal);
        await _market.PaidOrderAsync(soldDeal, soldOrder);
        (await _market.OrderMutationAsync("shipOrder", seller.Token, new { orderId = soldOrder, trackingNumber = "SF" })).Payload("shipOrder", "order");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId = soldOrder })).Payload("markDelivered", "order");
        (await _market.OrderMutationAsync("confirmReceipt", buyer.Token, new { orderId = soldOrder })).Payload("confirmReceipt", "order");

        var cancelDeal = new Deal(seller, buyer, child, region, cancelled, 200m);
        var cancelOrder = await _market.PlacedOrderAsync(cancelDeal);
        await _market.PaidOrderAsync(cancelDeal, cancelOrder);
        (await _market.OrderMutationAsync("cancelOrder", seller.Token, new { orderId = cancelOrder })).Payload("cancelOrder", "order");
        for (var i = 0; i < 2; i++)
            (await _market.Client.PostAsync("mutation($i: ItemIdInput!) { recordView(input: $i) { item { id } } }", new { i = new { itemId = viewed } })).Ok();

        // Expected from the events: 3 listed, 1 sold for 100.00, 2 still LISTED (the cancelled one relisted), 2 views.
        static bool Settled(JsonNode stats) =>
            stats["activeListings"]!.GetValue<int>() == 2 && stats["sold"]!.GetValue<int>() == 1 && stats["views"]!.GetValue<int>() == 2;

        var category = await Eventually.MatchAsync(
            async () => (await _market.Client.PostAsync($"query($id: ID!) {{ category(id: $id) {{ stats(window: DAYS_30) {{ {StatsFields} }} }} }}", new { id = child })).Ok()["category"]!["stats"]!,
            Settled, "category figures to settle");
        AssertFigures(category);
        var bands = category["priceBands"]!.AsArray();
        Assert.Equal(3, bands.Count);
        Assert.Equal((1, 0), Band(bands[0]!)); // [0, 50): the 40.00 item
        Assert.Equal((0, 1), Band(bands[1]!)); // [50, 150): sold for 100.00
        Assert.Equal((1, 0), Band(bands[2]!)); // [150, ): the relisted 200.00 item
        Assert.Null(bands[2]!["max"]);

        var parent = await Eventually.MatchAsync(
            async () => (await _market.Client.PostAsync($"query($id: ID!) {{ category(id: $id) {{ stats {{ {StatsFields} }} }} }}", new { id = root })).Ok()["category"]!["stats"]!,
            Settled, "parent category figures (including its sub-category) to settle");
        AssertFigures(parent);

        var regionStats = await Eventually.MatchAsync(
            async () => (await _market.Client.PostAsync($"query($id: ID!) {{ region(id: $id) {{ stats {{ {StatsFields} }} }} }}", new { id = region })).Ok()["region"]!["stats"]!,
            Settled, "region figures to settle");
        AssertFigures(regionStats);

        var dashboard = await Eventually.MatchAsync(
            async () => (await _market.Client.PostAsync($"{{ dashboard {{ stats {{ {StatsFields} }} topCategories {{ id }} topRegions {{ id }} }} }}", token: _market.Admin)).Ok()["dashboard"]!,
            d => Settled(d["stats"]!), "dashboard figures to settle");
        AssertFigures(dashboard["stats"]!);
        Assert.Equal(child, dashboard["topCategories"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(region, dashboard["topRegions"]![0]!["id"]!.GetValue<string>());

        var sellerStats = (await _market.Client.PostAsync("query($id: ID!) { seller(id: $id) { stats { listed sold gmv completedOrders sellerCancellations } } }", new { id = seller.Id })).Ok()["seller"]!["stats"]!;
        Assert.Equal(1, sellerStats["sold"]!.GetValue<int>());
        Assert.Equal("100.00", sellerStats["gmv"]!.GetValue<string>());
        Assert.Equal(1, sellerStats["sellerCancellations"]!.GetValue<int>());
    }

    private static void AssertFigures(JsonNode stats)
    {
        Assert.Equal(3, stats["newListings"]!.GetValue<int>());
        Assert.Equal("100.00", stats["gmv"]!.GetValue<string>());
        Assert.Equal(1.0 / 3, stats["sellThroughRate"]!.GetValue<double>(), 6);
        Assert.Equal(0.5, stats["conversionRate"]!.GetValue<double>(), 6);
        Assert.Equal(0.0, stats["disputeRate"]!.GetValue<double>(), 6);
        var excellent = stats["gradeMix"]!.AsArray().Single(g => g!["grade"]!.GetValue<string>() == "EXCELLENT")!;
        Assert.Equal(2, excellent["activeListings"]!.GetValue<int>());
        Assert.Equal(1, excellent["sold"]!.GetValue<int>());
    }

    private static (int Active, int Sold) Band(JsonNode band) => (band["activeListings"]!.GetValue<int>(), band["sold"]!.GetValue<int>());
}
