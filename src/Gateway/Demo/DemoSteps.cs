using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;

namespace Marketplace.Gateway.Demo;

/// <summary>One grain call of the demo market at a simulated time. Steps of one lane (an item with its orders, or a user) run in order.</summary>
public abstract record DemoStep
{
    public required DateTimeOffset At { get; init; }
    public required string Lane { get; init; }
}

public sealed record CreateUserStep(DemoUser User) : DemoStep;
public sealed record ListStep(DemoItem Item) : DemoStep;
public sealed record ViewStep(DemoItem Item) : DemoStep;
public sealed record FavoriteStep(DemoItem Item, string BuyerId) : DemoStep;
public sealed record ChangePriceStep(DemoItem Item, decimal Price) : DemoStep;
public sealed record DelistStep(DemoItem Item) : DemoStep;
/// <summary>The seller orders their own item: refused (SELF_PURCHASE), and the platform records the attempt.</summary>
public sealed record SelfPurchaseStep(DemoItem Item, string Key) : DemoStep;

public abstract record OrderStep(DemoOrder Order) : DemoStep;
public sealed record PlaceStep(DemoOrder Order) : OrderStep(Order);
public sealed record PayStep(DemoOrder Order) : OrderStep(Order);
public sealed record ShipStep(DemoOrder Order, bool Late) : OrderStep(Order);
public sealed record ReceiveStep(DemoOrder Order) : OrderStep(Order);
public sealed record ReportStep(DemoOrder Order, InspectionReport Report) : OrderStep(Order);
public sealed record DeliverStep(DemoOrder Order) : OrderStep(Order);
public sealed record ConfirmStep(DemoOrder Order) : OrderStep(Order);
public sealed record RateStep(DemoOrder Order, int Stars) : OrderStep(Order);
public sealed record DisputeStep(DemoOrder Order, string Reason) : OrderStep(Order);
public sealed record ResolveStep(DemoOrder Order, DisputeOutcome Outcome, decimal? RefundAmount) : OrderStep(Order);
public sealed record CancelStep(DemoOrder Order, bool BySeller, string Reason) : OrderStep(Order);

public enum DemoSellerKind { TopRated, Regular, LateShipper, Canceller, Disputed, BulkLister, NewAccount, Newcomer }

/// <param name="Roles">Roles granted after creation (staff).</param>
public sealed record DemoUser(string Id, string DisplayName, string RegionId, DateTimeOffset JoinedAt, IReadOnlyList<Role> Roles);

/// <param name="Level">The level the seller's name announces; the loader checks the computed level agrees.</param>
public sealed record DemoSeller(DemoUser User, DemoSellerKind Kind, SellerLevel Level, string[] Specialties)
{
    public string Id => User.Id;
}

public sealed record DemoItem(
    int Index, string Id, string SellerId, string CategoryId, string RegionId, string Title, string Description,
    Grade Grade, decimal Price, bool AccessoriesComplete, IReadOnlyList<string> RepairHistory, DateTimeOffset ListedAt);

/// <summary>An order as planned: its id follows from (buyer, key) like a placeOrder with an idempotency key.</summary>
public sealed record DemoOrder(string Id, string Key, DemoItem Item, string BuyerId, bool WithInspection)
{
    /// <summary>The status the plan leaves the order in when the simulated days end.</summary>
    public OrderStatus FinalStatus { get; set; } = OrderStatus.AWAITING_PAYMENT;

    /// <summary>Statuses the order passes through in the plan (transient ones such as INSPECTION_PASSED included).</summary>
    public List<OrderStatus> Passed { get; } = [];
}
