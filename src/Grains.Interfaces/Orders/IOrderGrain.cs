using Marketplace.Grains.Interfaces.Inspections;

namespace Marketplace.Grains.Interfaces.Orders;

/// <summary>
/// An escrow order, keyed by order id: use <see cref="OrderIds.ForPlacement"/> so that placeOrder with
/// the same idempotency key from the same buyer reaches the same grain. Deadlines are durable reminders.
/// Every mutation takes the caller and answers FORBIDDEN when the caller may not do it.
/// </summary>
[Alias("mp.orders.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>placeOrder: the caller is the buyer.</summary>
    Task<Result<OrderView>> PlaceAsync(PlaceOrder command, CallerContext caller);

    [ReadOnly]
    Task<OrderView?> GetAsync();

    /// <summary>payOrder: the buyer only.</summary>
    Task<Result<OrderView>> PayAsync(string idempotencyKey, CallerContext caller);

    /// <summary>shipOrder: the seller only.</summary>
    Task<Result<OrderView>> ShipAsync(string trackingNumber, CallerContext caller);

    /// <summary>receiveForInspection: INSPECTOR.</summary>
    Task<Result<OrderView>> ReceiveForInspectionAsync(CallerContext caller);

    /// <summary>submitInspectionReport: INSPECTOR.</summary>
    Task<Result<OrderView>> SubmitInspectionReportAsync(InspectionReport report, CallerContext caller);

    /// <summary>markDelivered: OPERATOR or ADMIN (stands for the carrier's feed).</summary>
    Task<Result<OrderView>> MarkDeliveredAsync(CallerContext caller);

    /// <summary>confirmReceipt: the buyer only.</summary>
    Task<Result<OrderView>> ConfirmReceiptAsync(CallerContext caller);

    /// <summary>cancelOrder: the buyer or the seller, per the contract's rules.</summary>
    Task<Result<OrderView>> CancelAsync(string? reason, CallerContext caller);

    /// <summary>openDispute: the buyer only, while DELIVERED and before the buyer-protection deadline.</summary>
    Task<Result<OrderView>> OpenDisputeAsync(string reason, CallerContext caller);

    /// <summary>resolveDispute: OPERATOR or ADMIN.</summary>
    Task<Result<OrderView>> ResolveDisputeAsync(DisputeOutcome outcome, decimal? refundAmount, CallerContext caller);

    /// <summary>rateSeller: the buyer only, once, on a COMPLETED order.</summary>
    Task<Result<OrderView>> RateSellerAsync(int stars, CallerContext caller);
}

/// <param name="OfferId">Set only by an accepted offer (never from placeOrder's input): the item is reserved at the offer's agreed price.</param>
[GenerateSerializer, Immutable, Alias("mp.orders.PlaceOrder")]
public sealed record PlaceOrder(string ItemId, bool WithInspection = false, string? IdempotencyKey = null, string? OfferId = null);

[GenerateSerializer, Immutable, Alias("mp.orders.OrderEvent")]
public sealed record OrderEvent(OrderStatus Status, DateTimeOffset At, string? Note);

[GenerateSerializer, Immutable, Alias("mp.orders.LedgerEntry")]
public sealed record LedgerEntry(LedgerEntryKind Kind, decimal Amount, string Party, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("mp.orders.Dispute")]
public sealed record Dispute(string Reason, DateTimeOffset OpenedAt, DisputeOutcome? Outcome = null, decimal? RefundAmount = null, DateTimeOffset? ResolvedAt = null);

[GenerateSerializer, Immutable, Alias("mp.orders.OrderView")]
public sealed record OrderView(
    string Id, string ItemId, string BuyerId, string SellerId, string CategoryId, string RegionId,
    decimal Price, decimal Fee, OrderStatus Status, bool WithInspection,
    InspectionView? Inspection, DateTimeOffset? Deadline,
    IReadOnlyList<OrderEvent> History, IReadOnlyList<LedgerEntry> Ledger,
    Dispute? Dispute, int? Rating, string? TrackingNumber, bool LateShipment,
    DateTimeOffset PlacedAt, DateTimeOffset? PaidAt, DateTimeOffset? CompletedAt);

/// <summary>Ledger parties as the contract names them.</summary>
public static class LedgerParties
{
    public const string Platform = "platform";
    public static string Buyer(string userId) => $"buyer:{userId}";
    public static string Seller(string userId) => $"seller:{userId}";
}
