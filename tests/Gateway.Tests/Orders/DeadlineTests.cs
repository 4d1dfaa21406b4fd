using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Support.Ledger;

namespace Marketplace.Gateway.Tests.Orders;

/// <summary>A gateway whose deadlines are 2 seconds (configuration), so every deadline really fires.</summary>
public sealed class ShortDeadlineFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;
    public Market Market { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Marketplace:Deadlines:Payment"] = "00:00:02",
            ["Marketplace:Deadlines:ShipBy"] = "00:00:02",
            ["Marketplace:Deadlines:BuyerProtection"] = "00:00:02",
        });
        Market = new Market(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class DeadlineTests(ShortDeadlineFixture fixture) : IClassFixture<ShortDeadlineFixture>
{
    private readonly Market _market = fixture.Market;

    private Task<System.Text.Json.Nodes.JsonNode> WaitForStatusAsync(string orderId, string token, string status) =>
        Eventually.MatchAsync(() => _market.OrderAsync(orderId, token), o => Status(o) == status, $"order {orderId} to become {status}");

    [Fact]
    public async Task Payment_deadline_cancels_the_order_and_relists_the_item()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        var cancelled = await WaitForStatusAsync(orderId, deal.Buyer.Token, "CANCELLED");
        AssertBalanced(cancelled);
        Assert.Empty(cancelled["ledger"]!.AsArray());
        await Eventually.MatchAsync(() => _market.ItemAsync(deal.ItemId), i => i["status"]!.GetValue<string>() == "LISTED", "the item to be listed again");
    }

    [Fact]
    public async Task After_the_ship_by_deadline_the_buyer_may_cancel_with_a_refund_and_a_late_shipment_still_ships()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        var cancelled = await Eventually.MatchAsync(
            () => _market.OrderMutationAsync("cancelOrder", deal.Buyer.Token, new { orderId, reason = "never shipped" }),
            r => r.Ok()["cancelOrder"]!["order"] is not null, "the buyer's cancellation to be accepted after ship-by");
        var order = cancelled.Payload("cancelOrder", "order");
        Assert.Equal("CANCELLED", Status(order));
        Assert.Equal(deal.Price, Sum(order, "REFUND"));
        AssertBalanced(order);

        var late = await _market.NewDealAsync();
        var lateOrder = await _market.PlacedOrderAsync(late);
        await _market.PaidOrderAsync(late, lateOrder);
        await Task.Delay(TimeSpan.FromSeconds(3)); // past ship-by: shipping still works (counted late)
        var shipped = (await _market.OrderMutationAsync("shipOrder", late.Seller.Token, new { orderId = lateOrder, trackingNumber = "SF9" })).Payload("shipOrder", "order");
        Assert.Equal("SHIPPED", Status(shipped));
    }

    [Fact]
    public async Task Buyer_protection_deadline_completes_the_order()
    {
        var deal = await _market.NewDealAsync("80.00");
        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        var completed = await WaitForStatusAsync(orderId, deal.Buyer.Token, "COMPLETED");
        Assert.Equal(4.00m, Sum(completed, "FEE"));
        Assert.Equal(76.00m, Sum(completed, "RELEASE"));
        AssertBalanced(completed);
        var dispute = await _market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "too late" });
        Assert.Contains(dispute.PayloadError("openDispute", "order"), new[] { "INVALID_STATE", "DEADLINE_PASSED" });
    }
}
