using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Support.Ledger;

namespace Marketplace.Gateway.Tests.Orders;

/// <summary>A gateway whose deadlines (inspection decision included) are 2 seconds (configuration), so every deadline really fires.</summary>
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
            ["Marketplace:Deadlines:InspectionDecision"] = "00:00:02",
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

    [Fact]
    public async Task Inspection_decision_deadline_refunds_the_buyer_and_returns_the_item_to_the_market()
    {
        var (_, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var deal = await _market.NewDealAsync("150.00");
        var orderId = await _market.PlacedOrderAsync(deal, withInspection: true);
        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        var inspecting = (await _market.OrderMutationAsync("receiveForInspection", inspectorToken, new { orderId })).Payload("receiveForInspection", "order");
        Assert.NotNull(inspecting["deadline"]);

        var refunded = await WaitForStatusAsync(orderId, deal.Buyer.Token, "REFUNDED");
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED_TO_INSPECTION", "INSPECTING", "REFUNDED"], History(refunded));
        Assert.Equal(deal.Price, Sum(refunded, "REFUND"));
        Assert.Equal(0m, Sum(refunded, "FEE") + Sum(refunded, "RELEASE"));
        AssertBalanced(refunded);
        Assert.Null(refunded["deadline"]);
        await Eventually.MatchAsync(() => _market.ItemAsync(deal.ItemId), i => i["status"]!.GetValue<string>() == "LISTED", "the item to be listed again");

        var late = await _market.OrderMutationAsync("submitInspectionReport", inspectorToken,
            new { orderId, verifiedGrade = "GOOD", authentic = true, matchesDescription = true, accessoriesComplete = true });
        Assert.Equal("INVALID_STATE", late.PayloadError("submitInspectionReport", "order"));
    }

    [Fact]
    public async Task Deadlines_firing_reach_subscribers_without_polling()
    {
        var (_, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var inspected = await _market.NewDealAsync();
        var inspectedOrder = await _market.PlacedOrderAsync(inspected, withInspection: true);
        await _market.PaidOrderAsync(inspected, inspectedOrder);
        await using (var follower = await OrderFollower.StartAsync(fixture.Host, inspected.Buyer.Token, inspectedOrder, 3))
        {
            (await _market.OrderMutationAsync("shipOrder", inspected.Seller.Token, new { orderId = inspectedOrder, trackingNumber = "SF1" })).Payload("shipOrder", "order");
            await follower.NextAsync("SHIPPED_TO_INSPECTION 3");
            (await _market.OrderMutationAsync("receiveForInspection", inspectorToken, new { orderId = inspectedOrder })).Payload("receiveForInspection", "order");
            await follower.NextAsync("INSPECTING 4");
            await follower.NextAsync("REFUNDED 5"); // the inspection-decision reminder, not a mutation of this gateway
            await follower.CompleteAsync();
        }

        var delivered = await _market.NewDealAsync();
        var deliveredOrder = await _market.PlacedOrderAsync(delivered);
        await _market.PaidOrderAsync(delivered, deliveredOrder);
        await using var protection = await OrderFollower.StartAsync(fixture.Host, delivered.Buyer.Token, deliveredOrder, 3);
        (await _market.OrderMutationAsync("shipOrder", delivered.Seller.Token, new { orderId = deliveredOrder, trackingNumber = "SF2" })).Payload("shipOrder", "order");
        await protection.NextAsync("SHIPPED 3");
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId = deliveredOrder })).Payload("markDelivered", "order");
        await protection.NextAsync("DELIVERED 4", "COMPLETED 5"); // buyer protection ended: the reminder completed it
        await protection.CompleteAsync();
    }
}
