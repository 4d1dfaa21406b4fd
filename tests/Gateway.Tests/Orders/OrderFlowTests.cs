using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Support.Ledger;

namespace Marketplace.Gateway.Tests.Orders;

/// <summary>Every order path of the contract, driven over HTTP, with the ledger checked at each terminal status.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OrderFlowTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    private async Task<string> ShippedAsync(Deal deal, bool withInspection = false)
    {
        var orderId = await _market.PlacedOrderAsync(deal, withInspection);
        await _market.PaidOrderAsync(deal, orderId);
        (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        return orderId;
    }

    private async Task<string> DeliveredAsync(Deal deal)
    {
        var orderId = await ShippedAsync(deal);
        (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        return orderId;
    }

    [Fact]
    public async Task Order_without_inspection_completes_with_fee_and_release_and_sells_the_item()
    {
        var deal = await _market.NewDealAsync("2899.00");
        var placed = (await _market.PlaceOrderAsync(deal.Buyer.Token, deal.ItemId)).Payload("placeOrder", "order");
        Assert.Equal("AWAITING_PAYMENT", Status(placed));
        Assert.Equal("RESERVED", placed["item"]!["status"]!.GetValue<string>());
        Assert.NotNull(placed["deadline"]);
        var orderId = placed["id"]!.GetValue<string>();

        var paid = await _market.PaidOrderAsync(deal, orderId);
        Assert.Equal("PAID", Status(paid));
        Assert.Equal(2899.00m, Sum(paid, "HOLD"));
        var shipped = (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF123" })).Payload("shipOrder", "order");
        Assert.Equal("SHIPPED", Status(shipped));
        var delivered = (await _market.OrderMutationAsync("markDelivered", _market.Admin, new { orderId })).Payload("markDelivered", "order");
        Assert.Equal("DELIVERED", Status(delivered));
        var completed = (await _market.OrderMutationAsync("confirmReceipt", deal.Buyer.Token, new { orderId })).Payload("confirmReceipt", "order");

        Assert.Equal("COMPLETED", Status(completed));
        Assert.Equal("144.95", completed["fee"]!.GetValue<string>());
        Assert.Equal(144.95m, Sum(completed, "FEE"));
        Assert.Equal(2899.00m - 144.95m, Sum(completed, "RELEASE"));
        AssertBalanced(completed);
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED", "DELIVERED", "COMPLETED"], History(completed));
        Assert.Contains(completed["ledger"]!.AsArray(), e => e!["party"]!.GetValue<string>() == "seller:" + deal.Seller.Id && e["kind"]!.GetValue<string>() == "RELEASE");
        Assert.Equal("SOLD", completed["item"]!["status"]!.GetValue<string>());
        Assert.NotNull(completed["item"]!["soldAt"]);

        var rated = (await _market.OrderMutationAsync("rateSeller", deal.Buyer.Token, new { orderId, stars = 5 })).Payload("rateSeller", "order");
        Assert.Equal(5, rated["rating"]!.GetValue<int>());
        Assert.Equal("INVALID_STATE", (await _market.OrderMutationAsync("rateSeller", deal.Buyer.Token, new { orderId, stars = 4 })).PayloadError("rateSeller", "order"));
    }

    [Fact]
    public async Task Inspection_pass_forwards_to_the_buyer_and_sets_the_verified_grade()
    {
        var (inspector, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal, withInspection: true);
        var paid = await _market.PaidOrderAsync(deal, orderId);
        Assert.Equal("REQUESTED", paid["inspection"]!["status"]!.GetValue<string>());
        var shipped = (await _market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" })).Payload("shipOrder", "order");
        Assert.Equal("SHIPPED_TO_INSPECTION", Status(shipped));
        var received = (await _market.OrderMutationAsync("receiveForInspection", inspectorToken, new { orderId })).Payload("receiveForInspection", "order");
        Assert.Equal("INSPECTING", Status(received));
        var reported = (await _market.OrderMutationAsync("submitInspectionReport", inspectorToken,
            new { orderId, verifiedGrade = "EXCELLENT", authentic = true, matchesDescription = true, accessoriesComplete = true })).Payload("submitInspectionReport", "order");

        Assert.Equal("SHIPPED", Status(reported));
        Assert.True(reported["inspection"]!["passed"]!.GetValue<bool>());
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED_TO_INSPECTION", "INSPECTING", "INSPECTION_PASSED", "SHIPPED"], History(reported));
        Assert.Equal("EXCELLENT", reported["item"]!["verifiedGrade"]!.GetValue<string>());
        Assert.NotNull(inspector);
    }

    [Theory]
    [InlineData(true, "LISTED")]
    [InlineData(false, "DELISTED")]
    public async Task Inspection_fail_refunds_and_relists_only_authentic_items(bool authentic, string itemStatus)
    {
        var (_, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var deal = await _market.NewDealAsync();
        var orderId = await ShippedAsync(deal, withInspection: true);
        (await _market.OrderMutationAsync("receiveForInspection", inspectorToken, new { orderId })).Payload("receiveForInspection", "order");
        var failed = (await _market.OrderMutationAsync("submitInspectionReport", inspectorToken,
            new { orderId, verifiedGrade = "FAIR", authentic, matchesDescription = false, accessoriesComplete = true, notes = "scratched" })).Payload("submitInspectionReport", "order");

        Assert.Equal("REFUNDED", Status(failed));
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "SHIPPED_TO_INSPECTION", "INSPECTING", "INSPECTION_FAILED", "REFUNDED"], History(failed));
        Assert.Equal(deal.Price, Sum(failed, "REFUND"));
        AssertBalanced(failed);
        Assert.Equal(itemStatus, (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dispute_resolved_with_refund_refunds_the_buyer_and_relists()
    {
        var deal = await _market.NewDealAsync("200.00");
        var orderId = await DeliveredAsync(deal);
        var disputed = (await _market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "broken" })).Payload("openDispute", "order");
        Assert.Equal("DISPUTED", Status(disputed));
        Assert.Null(disputed["deadline"]);
        var resolved = (await _market.OrderMutationAsync("resolveDispute", _market.Admin, new { orderId, outcome = "REFUND" })).Payload("resolveDispute", "order");

        Assert.Equal("REFUNDED", Status(resolved));
        Assert.Equal(200.00m, Sum(resolved, "REFUND"));
        AssertBalanced(resolved);
        Assert.Equal("LISTED", (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dispute_resolved_with_release_completes()
    {
        var deal = await _market.NewDealAsync("200.00");
        var orderId = await DeliveredAsync(deal);
        (await _market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "late" })).Payload("openDispute", "order");
        var resolved = (await _market.OrderMutationAsync("resolveDispute", _market.Admin, new { orderId, outcome = "RELEASE" })).Payload("resolveDispute", "order");

        Assert.Equal("COMPLETED", Status(resolved));
        Assert.Equal(10.00m, Sum(resolved, "FEE"));
        Assert.Equal(190.00m, Sum(resolved, "RELEASE"));
        Assert.Equal(0m, Sum(resolved, "REFUND"));
        AssertBalanced(resolved);
    }

    [Fact]
    public async Task Dispute_resolved_with_partial_refund_splits_the_money()
    {
        var deal = await _market.NewDealAsync("200.00");
        var orderId = await DeliveredAsync(deal);
        (await _market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "scratch" })).Payload("openDispute", "order");
        var tooMuch = await _market.OrderMutationAsync("resolveDispute", _market.Admin, new { orderId, outcome = "PARTIAL_REFUND", refundAmount = "200.00" });
        Assert.Equal("INVALID_INPUT", tooMuch.PayloadError("resolveDispute", "order"));
        var resolved = (await _market.OrderMutationAsync("resolveDispute", _market.Admin, new { orderId, outcome = "PARTIAL_REFUND", refundAmount = "50.00" })).Payload("resolveDispute", "order");

        Assert.Equal("COMPLETED", Status(resolved));
        Assert.Equal(50.00m, Sum(resolved, "REFUND"));
        Assert.Equal(7.50m, Sum(resolved, "FEE"));
        Assert.Equal(142.50m, Sum(resolved, "RELEASE"));
        AssertBalanced(resolved);
    }

    [Fact]
    public async Task Buyer_cancels_while_awaiting_payment_and_the_item_is_listed_again()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        var cancelled = (await _market.OrderMutationAsync("cancelOrder", deal.Buyer.Token, new { orderId, reason = "changed mind" })).Payload("cancelOrder", "order");
        Assert.Equal("CANCELLED", Status(cancelled));
        Assert.Empty(cancelled["ledger"]!.AsArray());
        Assert.Equal("LISTED", (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Buyer_cannot_cancel_a_paid_order_before_the_ship_by_deadline()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        var refused = await _market.OrderMutationAsync("cancelOrder", deal.Buyer.Token, new { orderId });
        Assert.Equal("INVALID_STATE", refused.PayloadError("cancelOrder", "order"));
        Assert.Equal("PAID", Status(await _market.OrderAsync(orderId, deal.Buyer.Token)));
    }

    [Fact]
    public async Task Seller_cancels_a_paid_order_with_a_refund()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await _market.PaidOrderAsync(deal, orderId);
        var cancelled = (await _market.OrderMutationAsync("cancelOrder", deal.Seller.Token, new { orderId, reason = "sold elsewhere" })).Payload("cancelOrder", "order");
        Assert.Equal("CANCELLED", Status(cancelled));
        Assert.Equal(deal.Price, Sum(cancelled, "REFUND"));
        AssertBalanced(cancelled);
        Assert.Equal("LISTED", (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Seller_cancels_while_awaiting_payment()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        var cancelled = (await _market.OrderMutationAsync("cancelOrder", deal.Seller.Token, new { orderId })).Payload("cancelOrder", "order");
        Assert.Equal("CANCELLED", Status(cancelled));
        AssertBalanced(cancelled);
    }

    [Fact]
    public async Task Placing_an_order_for_a_reserved_item_or_ones_own_item_fails_with_codes()
    {
        var deal = await _market.NewDealAsync();
        Assert.Equal("SELF_PURCHASE", (await _market.PlaceOrderAsync(deal.Seller.Token, deal.ItemId)).PayloadError("placeOrder", "order"));
        await _market.PlacedOrderAsync(deal);
        var other = await _market.CreateUserAsync("late buyer");
        Assert.Equal("ITEM_NOT_AVAILABLE", (await _market.PlaceOrderAsync(other.Token, deal.ItemId)).PayloadError("placeOrder", "order"));
        Assert.Equal("NOT_FOUND", (await _market.OrderMutationAsync("payOrder", deal.Buyer.Token, new { orderId = "ord-missing", idempotencyKey = "k" })).PayloadError("payOrder", "order"));
    }

    [Fact]
    public async Task Of_fifty_concurrent_orders_for_one_item_exactly_one_wins()
    {
        var deal = await _market.NewDealAsync();
        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _market.CreateUserAsync("buyer " + i)));
        var responses = await Task.WhenAll(buyers.Select(b => _market.PlaceOrderAsync(b.Token, deal.ItemId)));

        var winners = responses.Where(r => r.Ok()["placeOrder"]!["order"] is not null).ToArray();
        Assert.Single(winners);
        Assert.All(responses.Except(winners), r => Assert.Equal("ITEM_NOT_AVAILABLE", r.PayloadError("placeOrder", "order")));
        Assert.Equal("RESERVED", (await _market.ItemAsync(deal.ItemId))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pay_retries_with_the_same_key_return_the_first_result_and_hold_once()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            _market.OrderMutationAsync("payOrder", deal.Buyer.Token, new { orderId, idempotencyKey = "pay-once" })));

        Assert.All(attempts, a => Assert.Equal("PAID", Status(a.Payload("payOrder", "order"))));
        var order = await _market.OrderAsync(orderId, deal.Buyer.Token);
        Assert.Equal(deal.Price, Sum(order, "HOLD"));
        Assert.Single(order["ledger"]!.AsArray());
        var otherKey = await _market.OrderMutationAsync("payOrder", deal.Buyer.Token, new { orderId, idempotencyKey = "another" });
        Assert.Equal("INVALID_STATE", otherKey.PayloadError("payOrder", "order"));
    }

    [Fact]
    public async Task Place_order_with_the_same_idempotency_key_returns_the_same_order()
    {
        var deal = await _market.NewDealAsync();
        var first = (await _market.PlaceOrderAsync(deal.Buyer.Token, deal.ItemId, idempotencyKey: "place-1")).Payload("placeOrder", "order");
        var again = (await _market.PlaceOrderAsync(deal.Buyer.Token, deal.ItemId, idempotencyKey: "place-1")).Payload("placeOrder", "order");
        Assert.Equal(first["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
    }
}
