using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Orders;

/// <summary>
/// Which market event a committed order change publishes: one per change that enters a status (a change may
/// enter two, e.g. INSPECTION_PASSED then SHIPPED; its one event carries the snapshot after both). Statuses
/// without a dedicated event publish <see cref="OrderStatusChanged"/>. A rating changes no status: no event.
/// </summary>
public static class OrderMarketEvents
{
    public static Func<OrderSnapshot, DateTimeOffset, MarketEvent>? For(OrderRecord? before, OrderRecord after)
    {
        if (before is null) return (s, at) => new OrderPlaced(s, at);
        if (after.Status == before.Status && after.History.Count == before.History.Count) return null;
        if (after.Inspection is { Status: InspectionStatus.REPORTED } reported && before.Inspection?.Status != InspectionStatus.REPORTED)
            return (s, at) => new InspectionReported(s, at, reported.Passed == true, reported.VerifiedGrade!.Value);
        return after.Status switch
        {
            OrderStatus.PAID => (s, at) => new OrderPaid(s, at),
            OrderStatus.SHIPPED or OrderStatus.SHIPPED_TO_INSPECTION => (s, at) => new OrderShipped(s, at, after.LateShipment),
            OrderStatus.DELIVERED => (s, at) => new OrderDelivered(s, at),
            OrderStatus.DISPUTED => (s, at) => new OrderDisputed(s, at),
            OrderStatus.COMPLETED => (s, at) => new OrderCompleted(s, at),
            OrderStatus.REFUNDED => (s, at) => new OrderRefunded(s, at),
            OrderStatus.CANCELLED => (s, at) => new OrderCancelled(s, at),
            _ => (s, at) => new OrderStatusChanged(s, at),
        };
    }

    public static OrderSnapshot Snapshot(OrderRecord o)
    {
        DateTimeOffset? First(OrderStatus status) => o.History.FirstOrDefault(h => h.Status == status)?.At;
        return new OrderSnapshot(
            o.Id, o.Version, o.ItemId, o.BuyerId, o.SellerId, o.CategoryId, o.CategoryPath, o.RegionId,
            o.Inspection?.VerifiedGrade ?? o.PlacementGrade, o.Price, o.Status, o.WithInspection,
            o.PlacedAt, o.ListedAt, o.PaidAt, o.DeliveredAt, First(OrderStatus.DISPUTED), o.CompletedAt,
            First(OrderStatus.REFUNDED), First(OrderStatus.CANCELLED), o.CancelledBy == CancelledBy.Seller, o.Refunded,
            o.Inspection?.ReportedAt, o.Inspection?.Passed);
    }
}
