using Marketplace.Gateway.Tests.Support;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Orders;

/// <summary>
/// orderStatusChanged over graphql-ws (the real client) on every order path: each status arrives, in order,
/// before the next change is made. The gateway does not poll, so each event was announced by the order's
/// market event stream (or this gateway's own mutation signal).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OrderSubscriptionTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;

    private async Task Mutate(string mutation, string token, object input) =>
        (await _market.OrderMutationAsync(mutation, token, input)).Payload(mutation, "order");

    [Fact]
    public async Task Inspection_pass_path_sends_every_status_including_INSPECTING()
    {
        var (_, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal, withInspection: true);
        await using var follower = await OrderFollower.StartAsync(fixture.Host, deal.Buyer.Token, orderId, 7);

        await _market.PaidOrderAsync(deal, orderId);
        await follower.NextAsync("PAID 2");
        await Mutate("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" });
        await follower.NextAsync("SHIPPED_TO_INSPECTION 3");

        // Received through the grain directly, as another gateway or an internal tool would: this gateway
        // raises no signal of its own, so only the order's market event can tell the subscriber.
        var client = fixture.Host.Services.GetRequiredService<IClusterClient>();
        (await client.GetGrain<IOrderGrain>(orderId).ReceiveForInspectionAsync(CallerContext.Inspector("inspector-elsewhere"))).Unwrap();
        await follower.NextAsync("INSPECTING 4");

        await Mutate("submitInspectionReport", inspectorToken,
            new { orderId, verifiedGrade = "EXCELLENT", authentic = true, matchesDescription = true, accessoriesComplete = true });
        await follower.NextAsync("INSPECTION_PASSED 5", "SHIPPED 6");
        await Mutate("markDelivered", _market.Admin, new { orderId });
        await follower.NextAsync("DELIVERED 7");
        await Mutate("confirmReceipt", deal.Buyer.Token, new { orderId });
        await follower.NextAsync("COMPLETED 8");

        Assert.Equal(["EVENT PAID 2", "EVENT SHIPPED_TO_INSPECTION 3", "EVENT INSPECTING 4", "EVENT INSPECTION_PASSED 5",
            "EVENT SHIPPED 6", "EVENT DELIVERED 7", "EVENT COMPLETED 8"], await follower.CompleteAsync());
    }

    [Fact]
    public async Task Inspection_fail_path_sends_INSPECTING_INSPECTION_FAILED_and_REFUNDED()
    {
        var (_, inspectorToken) = await _market.CreateUserWithRoleAsync("INSPECTOR");
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal, withInspection: true);
        await using var follower = await OrderFollower.StartAsync(fixture.Host, deal.Seller.Token, orderId, 5);

        await _market.PaidOrderAsync(deal, orderId);
        await follower.NextAsync("PAID 2");
        await Mutate("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" });
        await follower.NextAsync("SHIPPED_TO_INSPECTION 3");
        await Mutate("receiveForInspection", inspectorToken, new { orderId });
        await follower.NextAsync("INSPECTING 4");
        await Mutate("submitInspectionReport", inspectorToken,
            new { orderId, verifiedGrade = "FAIR", authentic = false, matchesDescription = false, accessoriesComplete = true });
        await follower.NextAsync("INSPECTION_FAILED 5", "REFUNDED 6");
        Assert.Equal(5, (await follower.CompleteAsync()).Length);
    }

    [Fact]
    public async Task Dispute_and_cancellation_paths_send_every_status()
    {
        var deal = await _market.NewDealAsync();
        var orderId = await _market.PlacedOrderAsync(deal);
        await using (var follower = await OrderFollower.StartAsync(fixture.Host, deal.Buyer.Token, orderId, 5))
        {
            await _market.PaidOrderAsync(deal, orderId);
            await follower.NextAsync("PAID 2");
            await Mutate("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF1" });
            await follower.NextAsync("SHIPPED 3");
            await Mutate("markDelivered", _market.Admin, new { orderId });
            await follower.NextAsync("DELIVERED 4");
            await Mutate("openDispute", deal.Buyer.Token, new { orderId, reason = "broken" });
            await follower.NextAsync("DISPUTED 5");
            await Mutate("resolveDispute", _market.Admin, new { orderId, outcome = "REFUND" });
            await follower.NextAsync("REFUNDED 6");
            await follower.CompleteAsync();
        }

        // The refunded item is LISTED again: a second order on it, cancelled by the seller once paid.
        var second = await _market.PlacedOrderAsync(deal);
        await using var cancelFollower = await OrderFollower.StartAsync(fixture.Host, deal.Seller.Token, second, 2);
        await _market.PaidOrderAsync(deal, second);
        await cancelFollower.NextAsync("PAID 2");
        await Mutate("cancelOrder", deal.Seller.Token, new { orderId = second, reason = "sold elsewhere" });
        await cancelFollower.NextAsync("CANCELLED 3");
        await cancelFollower.CompleteAsync();
    }
}
