using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Console.Tests.Support;

/// <summary>Orders brought to a status through the API, as buyers, sellers and the carrier feed would.</summary>
public static class Deals
{
    public static async Task<string> DeliveredOrderAsync(Market market, Deal deal, bool withInspection = false)
    {
        var orderId = await market.PlacedOrderAsync(deal, withInspection);
        await market.PaidOrderAsync(deal, orderId);
        (await market.OrderMutationAsync("shipOrder", deal.Seller.Token, new { orderId, trackingNumber = "SF" + orderId[..6] })).Payload("shipOrder", "order");
        if (withInspection) return orderId;
        (await market.OrderMutationAsync("markDelivered", market.Admin, new { orderId })).Payload("markDelivered", "order");
        return orderId;
    }

    public static async Task CompleteAsync(Market market, Deal deal, string orderId) =>
        (await market.OrderMutationAsync("confirmReceipt", deal.Buyer.Token, new { orderId })).Payload("confirmReceipt", "order");

    public static async Task<string> DisputedOrderAsync(Market market, Deal deal)
    {
        var orderId = await DeliveredOrderAsync(market, deal);
        (await market.OrderMutationAsync("openDispute", deal.Buyer.Token, new { orderId, reason = "Scratched screen not in the photos" })).Payload("openDispute", "order");
        return orderId;
    }

    /// <summary>An order with inspection, shipped to the inspector (SHIPPED_TO_INSPECTION).</summary>
    public static async Task<(Deal Deal, string OrderId)> ShippedToInspectionAsync(Market market)
    {
        var deal = await market.NewDealAsync("1200.00", highValue: true);
        return (deal, await DeliveredOrderAsync(market, deal, withInspection: true));
    }
}
