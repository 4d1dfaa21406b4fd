using System.Globalization;
using Marketplace.Console.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class LiveConnectionTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_market_says_when_the_live_connection_is_lost_and_back_and_catches_up_on_what_it_missed()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("77.00");
        var orderId = await Deals.DeliveredOrderAsync(market, deal);
        // Every socket of the page passes through this route, so the test can cut the current one as a network drop would.
        IWebSocketRoute? socket = null;
        await using var console = await fixture.OpenAsync(market.Admin, prepare: context =>
            context.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/graphql$"), route => { socket = route; route.ConnectToServer(); }));
        await console.WaitForTilesAsync();
        var live = console.Page.Locator("#live");
        await Assertions.Expect(live).ToHaveAttributeAsync("data-state", "up");
        var soldBefore = int.Parse((await console.TileValueAsync("sold"))!, CultureInfo.InvariantCulture);

        // 1012 (service restart), as a gateway being redeployed would close it: the client retries.
        await socket!.CloseAsync(new() { Code = 1012, Reason = "test: connection dropped" });
        await Assertions.Expect(live).ToHaveAttributeAsync("data-state", "down");
        Assert.Contains("lost", await live.TextContentAsync());
        // A change while the connection is down sends no event to this page...
        await Deals.CompleteAsync(market, deal, orderId);

        await Assertions.Expect(live).ToHaveAttributeAsync("data-state", "back", new() { Timeout = 15_000 });
        // ...so the page reads the figures again once it is back.
        await console.Page.WaitForFunctionAsync("before => Number(document.querySelector(\"[data-kpi='sold']\")?.dataset.value) > before", soldBefore,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
    }
}
