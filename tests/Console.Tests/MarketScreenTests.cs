using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Console.Tests.Support;
using Marketplace.Gateway.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class MarketScreenTests(ConsoleFixture fixture)
{
    private const string Figures = "gmv sold activeListings newListings sellThroughRate conversionRate disputeRate refundRate inspectionPassRate avgDaysToSell slowMoving";

    [Fact]
    public async Task The_tiles_show_the_same_figures_as_GraphQL()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("250.00");
        await Deals.CompleteAsync(market, deal, await Deals.DeliveredOrderAsync(market, deal));
        await market.ListItemAsync(deal.Seller.Token, deal.CategoryId, deal.RegionId, "80.00");
        await Eventually.MatchAsync(() => DashboardAsync(), stats => stats["sold"]!.GetValue<int>() >= 1, "the sale in the dashboard");

        await using var console = await fixture.OpenAsync(market.Admin);
        await console.WaitForTilesAsync();
        // The page and this read may straddle a late stream delivery: compare until both settle on the same figures.
        await Eventually.MatchAsync(async () => await DifferencesAsync(console), differences => differences.Count == 0,
            "the tiles to equal the GraphQL figures", TimeSpan.FromSeconds(15));
        // Until the sharing issue lands the offer and rental tiles show the contract's zeros.
        Assert.Equal(0, double.Parse((await console.TileValueAsync("offersAcceptanceRate"))!, CultureInfo.InvariantCulture));
        Assert.Equal(0, double.Parse((await console.TileValueAsync("rentalUtilizationRate"))!, CultureInfo.InvariantCulture));
        // What a person reads: the GMV exactly as the gateway's Decimal, with thousands separators.
        var gmv = (await DashboardAsync())["gmv"]!.GetValue<string>();
        Assert.Equal("¥" + gmv, (await console.Tile("gmv").Locator(".value").TextContentAsync())!.Replace(",", ""));
    }

    [Fact]
    public async Task Completing_an_order_through_the_API_changes_the_screen_within_2_seconds_without_reload()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("99.00");
        var orderId = await Deals.DeliveredOrderAsync(market, deal);
        await using var console = await fixture.OpenAsync(market.Admin);
        await console.WaitForTilesAsync();
        await console.Page.Locator("#live[data-state='up']").WaitForAsync();
        var soldBefore = int.Parse((await console.TileValueAsync("sold"))!, CultureInfo.InvariantCulture);
        var navigations = 0;
        console.Page.FrameNavigated += (_, frame) => { if (frame == console.Page.MainFrame) navigations++; };

        await Deals.CompleteAsync(market, deal, orderId);
        var clock = Stopwatch.StartNew();
        await console.Page.WaitForFunctionAsync("before => Number(document.querySelector(\"[data-kpi='sold']\")?.dataset.value) > before",
            soldBefore, new PageWaitForFunctionOptions { Timeout = 2000, PollingInterval = 50 });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the sold tile changed after {clock.Elapsed}");
        Assert.Equal(0, navigations);
    }

    private async Task<JsonNode> DashboardAsync() =>
        (await fixture.Market.Client.PostAsync($"{{ dashboard {{ stats(window: DAYS_30) {{ {Figures} }} }} }}", token: fixture.Market.Admin)).Ok()["dashboard"]!["stats"]!;

    private async Task<List<string>> DifferencesAsync(ConsolePage console)
    {
        var stats = await DashboardAsync();
        var differences = new List<string>();
        foreach (var figure in Figures.Split(' '))
        {
            var expected = stats[figure];
            var shown = await console.TileValueAsync(figure);
            if (!SameFigure(expected, shown)) differences.Add($"{figure}: GraphQL {expected?.ToJsonString() ?? "null"}, tile {shown}");
        }
        return differences;
    }

    private static bool SameFigure(JsonNode? expected, string? shown)
    {
        if (expected is null) return string.IsNullOrEmpty(shown);
        if (shown is null) return false;
        var value = expected.AsValue();
        // Money is a Decimal string: compared as text, exactly. Counts and rates as numbers.
        if (value.TryGetValue<string>(out var text)) return text == shown;
        return Math.Abs(value.GetValue<double>() - double.Parse(shown, CultureInfo.InvariantCulture)) < 1e-12;
    }
}
