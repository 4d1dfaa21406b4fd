using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Rentals;

namespace Marketplace.Grains.Rentals;

public enum RentalCancelledBy { None, Renter, Owner, PaymentDeadline }

/// <summary>The whole persisted rental. Immutable: every transition returns a new record, so a refused one changes nothing.</summary>
public sealed record RentalRecord
{
    public required string Id { get; init; }
    public required string ItemId { get; init; }
    public required string OwnerId { get; init; }
    public required string RenterId { get; init; }
    public required string CategoryId { get; init; }
    public IReadOnlyList<string> CategoryPath { get; init; } = [];
    public required string RegionId { get; init; }
    public required int RenterTrustScore { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required int Days { get; init; }
    /// <summary>The day length when requested: due and the late fee use the same day for the whole rental.</summary>
    public required TimeSpan DayLength { get; init; }
    public required DateTimeOffset Due { get; init; }
    public required decimal DailyRate { get; init; }
    public required decimal Rent { get; init; }
    public required decimal Fee { get; init; }
    /// <summary>The item's deposit: the cap of a damage charge, even when the deposit was waived.</summary>
    public required decimal TermsDeposit { get; init; }
    /// <summary>The deposit held: TermsDeposit, or 0 when waived.</summary>
    public required decimal Deposit { get; init; }
    public required bool DepositWaived { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public string? IdempotencyKey { get; init; }
    /// <summary>Bumped with every published change: the Sequence of the rental's market events.</summary>
    public long Version { get; init; }
    public RentalStatus Status { get; init; }
    public DateTimeOffset? PaymentDeadline { get; init; }
    public DateTimeOffset? CheckDeadline { get; init; }
    public string? PaymentKey { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? HandedOverAt { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public decimal LateFee { get; init; }
    public decimal DamageCharge { get; init; }
    public string? DamageNotes { get; init; }
    public RentalCancelledBy CancelledBy { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyList<RentalHistoryEntry> History { get; init; } = [];
    public IReadOnlyList<LedgerEntry> Ledger { get; init; } = [];

    public bool IsTerminal => Status is RentalStatus.COMPLETED or RentalStatus.CANCELLED;

    /// <summary>The contract's Rental.deadline: the next deadline that acts by itself and that the parties must meet.</summary>
    public DateTimeOffset? Deadline => Status switch
    {
        RentalStatus.AWAITING_PAYMENT => PaymentDeadline,
        RentalStatus.RETURNED => CheckDeadline,
        _ => null,
    };

    /// <summary>When the grain must wake next: the public deadline, or due while ACTIVE (it turns OVERDUE by itself).</summary>
    public DateTimeOffset? NextWake => Status == RentalStatus.ACTIVE ? Due : Deadline;

    /// <summary>Returned after due + the grace: a late fee was charged.</summary>
    public bool ReturnedLate => LateFee > 0;

    /// <summary>Rent + charges (late fee, damage) − refunds: what the renter paid in the end.</summary>
    public decimal Gmv => Status == RentalStatus.COMPLETED ? Rent + LateFee + DamageCharge : 0m;

    public RentalView ToView() => new(
        Id, ItemId, OwnerId, RenterId, CategoryId, RegionId, RenterTrustScore, Start, Days, Due, DailyRate, Rent, Fee,
        Deposit, TermsDeposit, DepositWaived, Status, Deadline, HandedOverAt, ReturnedAt, LateFee, DamageCharge, DamageNotes,
        History, Ledger, RequestedAt, CompletedAt);
}
