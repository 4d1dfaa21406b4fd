using Marketplace.Console.Tests.Support;
using Marketplace.Gateway.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class DeskTests(ConsoleFixture fixture)
{
    [Fact]
    public Task An_inspector_receives_a_parcel_and_submits_a_failing_report_and_the_order_ends_REFUNDED() => InspectAndFailAsync(standIn: false);

    /// <summary>The same through the UI, with the queue's list answered by <see cref="OrdersStandIn"/> until Query.orders is served.</summary>
    [Fact]
    public Task With_a_stand_in_order_list_an_inspector_receives_a_parcel_and_a_failing_report_refunds_the_order() => InspectAndFailAsync(standIn: true);

    private async Task InspectAndFailAsync(bool standIn)
    {
        var market = fixture.Market;
        var (deal, orderId) = await Deals.ShippedToInspectionAsync(market);
        var inspector = await market.CreateUserWithRoleAsync("INSPECTOR");
        await using var console = await fixture.OpenAsync(inspector.Token, prepare: standIn ? context => OrdersStandIn.RouteAsync(context, market, orderId) : null);
        await console.WaitForSignedInAsync();
        await console.GoToAsync("inspection");

        var card = console.Page.Locator($"#inspection-queue [data-order='{orderId}']");
        await WaitOrSayWhyAsync(console, card);
        await card.GetByRole(AriaRole.Button, new() { Name = "Receive parcel" }).ClickAsync();
        card = console.Page.Locator($"#inspection-queue [data-order='{orderId}']");
        await card.GetByLabel("Authentic").UncheckAsync();
        // The consequences are on screen before anything is sent.
        Assert.Contains("REFUNDED", await card.Locator("[data-consequences]").TextContentAsync());
        Assert.Equal("INSPECTING", Ledger.Status(await market.OrderAsync(orderId, deal.Buyer.Token)));
        await card.GetByRole(AriaRole.Button, new() { Name = "Submit failing report" }).ClickAsync();
        await console.Page.Locator("[data-result='REFUNDED']").WaitForAsync();

        var order = await market.OrderAsync(orderId, deal.Buyer.Token);
        Assert.Equal("REFUNDED", Ledger.Status(order));
        Ledger.AssertBalanced(order);
    }

    [Fact]
    public async Task An_operator_resolves_a_dispute_with_a_partial_refund_and_the_ledger_balances()
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("100.00");
        var orderId = await Deals.DisputedOrderAsync(market, deal);
        var @operator = await market.CreateUserWithRoleAsync("OPERATOR");
        await using var console = await fixture.OpenAsync(@operator.Token);
        await console.WaitForSignedInAsync();
        // Opened by id (as from seller trust or an alert); the queue itself needs Query.orders (test below).
        await console.GoToAsync($"disputes?order={orderId}");
        await ResolvePartiallyAsync(console, console.Page.Locator($"#dispute-opened [data-order='{orderId}']"));

        var order = await market.OrderAsync(orderId, market.Admin);
        Assert.Equal("COMPLETED", Ledger.Status(order));
        Assert.Equal(30.00m, Ledger.Sum(order, "REFUND"));
        Ledger.AssertBalanced(order);
    }

    [Fact]
    public Task The_dispute_desk_lists_disputed_orders_and_resolves_one_from_the_queue() => ResolveFromQueueAsync(standIn: false);

    /// <summary>The same with the queue's list answered by <see cref="OrdersStandIn"/> until Query.orders is served.</summary>
    [Fact]
    public Task With_a_stand_in_order_list_the_dispute_desk_resolves_an_order_from_its_queue() => ResolveFromQueueAsync(standIn: true);

    private async Task ResolveFromQueueAsync(bool standIn)
    {
        var market = fixture.Market;
        var deal = await market.NewDealAsync("100.00");
        var orderId = await Deals.DisputedOrderAsync(market, deal);
        var @operator = await market.CreateUserWithRoleAsync("OPERATOR");
        await using var console = await fixture.OpenAsync(@operator.Token, prepare: standIn ? context => OrdersStandIn.RouteAsync(context, market, orderId) : null);
        await console.WaitForSignedInAsync();
        await console.GoToAsync("disputes");
        await ResolvePartiallyAsync(console, console.Page.Locator($"#dispute-queue [data-order='{orderId}']"));

        var order = await market.OrderAsync(orderId, market.Admin);
        Assert.Equal("COMPLETED", Ledger.Status(order));
        Ledger.AssertBalanced(order);
    }

    /// <summary>Waits for the order's card; a timeout names what the page showed instead.</summary>
    private static async Task WaitOrSayWhyAsync(ConsolePage console, ILocator card)
    {
        try
        {
            await card.WaitForAsync();
        }
        catch (TimeoutException)
        {
            Assert.Fail("The order's card did not appear; the page shows: " + await console.Page.Locator("main").InnerTextAsync());
        }
    }

    private static async Task ResolvePartiallyAsync(ConsolePage console, ILocator card)
    {
        await card.GetByLabel("Partial refund").CheckAsync();
        var amount = card.GetByLabel("Refund amount (¥)");
        // An amount at the price is refused on the page: nothing is sent, the field keeps what was typed.
        await amount.FillAsync("100.00");
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve dispute" }).ClickAsync();
        await card.GetByRole(AriaRole.Alert).WaitForAsync();
        Assert.Contains("less than the price", await card.GetByRole(AriaRole.Alert).TextContentAsync());
        Assert.Equal("100.00", await amount.InputValueAsync());

        await amount.FillAsync("30.00");
        Assert.Contains("¥30.00 back", await card.Locator(".consequence").TextContentAsync());
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve dispute" }).ClickAsync();
        await console.Page.Locator("[data-result='COMPLETED']").WaitForAsync();
    }
}
