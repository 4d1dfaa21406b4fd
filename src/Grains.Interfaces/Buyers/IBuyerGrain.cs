using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Interfaces.Buyers;

/// <summary>Buyer figures of one user, keyed by user id. Fed by order and item grains; each fact is applied once.</summary>
[Alias("mp.buyers.IBuyerGrain")]
public interface IBuyerGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<BuyerView> GetAsync();

    Task RecordOrderPlacedAsync(string orderId, DateTimeOffset at);
    Task RecordOrderCompletedAsync(string orderId, decimal amountSpent, DateTimeOffset at);
    Task RecordDisputeOpenedAsync(string orderId, DateTimeOffset at);
    Task RecordBuyerCancellationAsync(string orderId, DateTimeOffset at);

    /// <summary>Adds the item to favorites; false when it already was one.</summary>
    Task<bool> AddFavoriteAsync(string itemId);

    /// <summary>
    /// Claims a payment idempotency key for an order: returns the order id that owns the key
    /// (this one when newly claimed), so the same key on another order is detected as a conflict.
    /// </summary>
    Task<string> ClaimPaymentKeyAsync(string idempotencyKey, string orderId);

    /// <summary>The buyer's trust score now (docs/trust-score.md); a rental reads it when requested to decide the deposit waiver.</summary>
    [ReadOnly]
    Task<BuyerTrust> GetTrustAsync();

    /// <summary>A rental of this buyer reached a terminal status; applied once per rental id.</summary>
    Task RecordRentalOutcomeAsync(RentalOutcome outcome);
}

/// <param name="Factors">Sum to Score − 600.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.BuyerTrust")]
public sealed record BuyerTrust(int Score, CreditBand Band, IReadOnlyList<CreditFactor> Factors, int RentalsCompleted, int LateReturns);

/// <summary>How a rental ended, as the renter's trust sees it.</summary>
/// <param name="FinalStatus">COMPLETED or CANCELLED.</param>
/// <param name="CancelledByRenterAfterPayment">The renter cancelled a PAID rental.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.RentalOutcome")]
public sealed record RentalOutcome(
    string RentalId, string ItemId, RentalStatus FinalStatus, bool ReturnedLate, decimal DamageCharge, bool CancelledByRenterAfterPayment, DateTimeOffset At);

/// <param name="Spend">Σ (price − refunded) over completed orders.</param>
/// <param name="RepeatBuyer">At least two completed orders.</param>
/// <param name="FavoriteItemIds">Favorited items, oldest first.</param>
[GenerateSerializer, Immutable, Alias("mp.buyers.BuyerView")]
public sealed record BuyerView(
    string BuyerId, int Orders, int CompletedOrders, decimal Spend, bool RepeatBuyer, int DisputesOpened,
    int BuyerCancellations, IReadOnlyList<string> FavoriteItemIds);
