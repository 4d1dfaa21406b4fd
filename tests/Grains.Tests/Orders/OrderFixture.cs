using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Orders;

namespace Marketplace.Grains.Tests.Orders;

/// <summary>Builds orders along the flow with the pure transitions, failing loudly if a step is refused.</summary>
internal static class OrderFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);
    public static readonly MarketplaceOptions Options = new();
    public static readonly CallerContext Buyer = CallerContext.User("buyer-1");
    public static readonly CallerContext Seller = CallerContext.User("seller-1");
    public static readonly CallerContext Stranger = CallerContext.User("someone-else");
    public static readonly CallerContext Operator = CallerContext.Operator("op-1");
    public static readonly CallerContext Inspector = CallerContext.Inspector("insp-1");

    public static OrderRecord Placed(decimal price = 100.00m, bool withInspection = false) =>
        OrderTransitions.Place("ord-1", new PlaceOrder("item-1", withInspection, "k1"), Buyer.UserId!,
            new ItemReservation("item-1", Seller.UserId!, "phones", "sh", price, Grade.LIKE_NEW, T0.AddDays(-10)), Options, T0);

    public static OrderRecord Paid(decimal price = 100.00m, bool withInspection = false) =>
        OrderTransitions.Pay(Placed(price, withInspection), "pay-1", Buyer, T0.AddMinutes(1), Options.Deadlines.ShipBy).Unwrap();

    public static OrderRecord Shipped(decimal price = 100.00m) =>
        OrderTransitions.Ship(Paid(price), "TRK1", Seller, T0.AddHours(2)).Unwrap();

    public static OrderRecord Delivered(decimal price = 100.00m) =>
        OrderTransitions.MarkDelivered(Shipped(price), Operator, T0.AddDays(1), Options.Deadlines.BuyerProtection).Unwrap();

    public static OrderRecord Disputed(decimal price = 100.00m) =>
        OrderTransitions.OpenDispute(Delivered(price), "scratched screen", Buyer, T0.AddDays(2)).Unwrap();

    public static OrderRecord Inspecting() =>
        OrderTransitions.ReceiveForInspection(
            OrderTransitions.Ship(Paid(withInspection: true), "TRK1", Seller, T0.AddHours(2)).Unwrap(), Inspector, T0.AddHours(20), Options.Deadlines.InspectionDecision).Unwrap();

    public static InspectionView Report(InspectionReport report) => new(
        "ord-1", "item-1", Grade.LIKE_NEW, InspectionStatus.REPORTED, report.VerifiedGrade, report.Authentic, report.MatchesDescription,
        report.AccessoriesComplete, report.Notes, report.Passed, T0, T0.AddHours(20), T0.AddHours(21), "insp-1");
}
