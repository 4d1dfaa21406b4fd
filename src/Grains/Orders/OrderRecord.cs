using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Orders;

namespace Marketplace.Grains.Orders;

public enum DeadlineKind { None, Payment, ShipBy, BuyerProtection, InspectionDecision }

public enum CancelledBy { None, Buyer, Seller, PaymentDeadline }

/// <summary>The whole persisted order. Immutable: every transition returns a new record, so a refused one changes nothing.</summary>
public sealed record OrderRecord
{
    public required string Id { get; init; }
    public required string ItemId { get; init; }
    public required string BuyerId { get; init; }
    public required string SellerId { get; init; }
    public required string CategoryId { get; init; }
    public required string RegionId { get; init; }
    public required decimal Price { get; init; }
    public required decimal FeeRate { get; init; }
    public required decimal Fee { get; init; }
    public required bool WithInspection { get; init; }
    public required Grade ClaimedGrade { get; init; }
    public DateTimeOffset? ListedAt { get; init; }
    /// <summary>The item's effective grade when ordered (verified if it had been inspected before).</summary>
    public Grade PlacementGrade { get; init; }
    public IReadOnlyList<string> CategoryPath { get; init; } = [];
    /// <summary>Bumped with every published change: the Sequence of the order's market events.</summary>
    public long Version { get; init; }
    public string? IdempotencyKey { get; init; }
    public OrderStatus Status { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public DeadlineKind DeadlineKind { get; init; }
    public DateTimeOffset? ShipByDeadline { get; init; }
    public string? PaymentKey { get; init; }
    public string? TrackingNumber { get; init; }
    public bool LateShipment { get; init; }
    public CancelledBy CancelledBy { get; init; }
    public InspectionView? Inspection { get; init; }
    public Dispute? Dispute { get; init; }
    public int? Rating { get; init; }
    public IReadOnlyList<OrderEvent> History { get; init; } = [];
    public IReadOnlyList<LedgerEntry> Ledger { get; init; } = [];
    public required DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsTerminal => Status is OrderStatus.COMPLETED or OrderStatus.CANCELLED or OrderStatus.REFUNDED;

    public decimal Refunded => Ledger.Where(e => e.Kind == LedgerEntryKind.REFUND).Sum(e => e.Amount);

    public OrderView ToView() => new(
        Id, ItemId, BuyerId, SellerId, CategoryId, RegionId, Price, Fee, Status, WithInspection, Inspection, Deadline,
        History, Ledger, Dispute, Rating, TrackingNumber, LateShipment, PlacedAt, PaidAt, CompletedAt);
}
